import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RouteConfigEntry } from '@react-router/dev/routes';
import { createServer, isRunnableDevEnvironment, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, test } from 'vitest';
import routes from '../routes.ts';

// A fresh dev server (its own optimizer cache) is asked for every page the way a browser and
// React Router ask for it; no dependency may turn up that was not pre-bundled at start, since
// each one found later makes Vite bundle again and reload the open page.

const webRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A pathname for every route, parameters filled with a placeholder. */
function samplePathnames(entries: RouteConfigEntry[], parent = ''): string[] {
  return entries.flatMap((entry) => {
    const own = entry.path?.replace(/:[^/]+|\*/g, 'x');
    const pathname = own ? `${parent}/${own}` : parent;
    return [pathname || '/', ...samplePathnames(entry.children ?? [], pathname)];
  });
}

/** What the dev server does to a `/@id/` URL before serving it. */
function unwrapId(url: string): string {
  return url.replace(/^\/@id\//, '').replace(/^__x00__/, '\0');
}

let server: ViteDevServer;
let cacheDir: string;

beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'specboard-vite-deps-'));
  server = await createServer({
    root: webRoot,
    configFile: join(webRoot, 'vite.config.ts'),
    mode: 'development',
    cacheDir,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: true },
  });
  await server.listen();
});

afterAll(async () => {
  await server?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

/**
 * Loads what the browser loads: the entry, the HMR runtime and every route module, recursively.
 * Returns why pre-bundled files could not be served as first bundled (the browser would reload).
 */
async function crawlClient(): Promise<string[]> {
  const client = server.environments.client;
  const manifest = await client.transformRequest('virtual:react-router/browser-manifest');
  const entries = [...(manifest?.code ?? '').matchAll(/'(?:module|runtime)':'([^']+)'/g)];
  expect(entries.length).toBeGreaterThan(routes.length);
  const queue = entries.map(([, url]) => url);
  const seen = new Set<string>();
  const prebundled: string[] = [];
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    if (seen.has(url)) continue;
    seen.add(url);
    if (client.depsOptimizer?.isOptimizedDepUrl(url)) {
      prebundled.push(url);
      continue;
    }
    await client.transformRequest(unwrapId(url));
    const mod = await client.moduleGraph.getModuleByUrl(url);
    for (const imported of mod?.importedModules ?? []) queue.push(imported.url);
  }
  // A pre-bundled file is served once the optimizer has run, as the browser would wait for it.
  const loads = await Promise.allSettled(prebundled.map((url) => client.transformRequest(url)));
  return loads.flatMap((load) => (load.status === 'rejected' ? [String(load.reason)] : []));
}

test('a fresh dev server knows every dependency of every page up front', async () => {
  const ssr = server.environments.ssr;
  if (!isRunnableDevEnvironment(ssr)) throw new Error('the ssr environment should be runnable');
  // The first page request loads every route on the server, as React Router's dev handler does.
  await ssr.runner.import('virtual:react-router/server-build');
  const origin = server.resolvedUrls?.local[0];
  if (!origin) throw new Error('the dev server has no local address');
  for (const pathname of samplePathnames(routes)) {
    // React Router's critical-CSS pass, which walks the route's server imports.
    const css = await fetch(new URL(`/@react-router/critical.css?pathname=${pathname}`, origin));
    expect(css.status, pathname).toBe(200);
    await css.body?.cancel();
  }
  const staleLoads = await crawlClient();

  const optimizer = server.environments.client.depsOptimizer;
  if (!optimizer) throw new Error('the client environment should pre-bundle dependencies');
  const listed = new Set(server.environments.client.config.optimizeDeps.include);
  const { optimized, discovered } = optimizer.metadata;
  const foundLate = [...Object.keys(optimized), ...Object.keys(discovered)].filter(
    (id) => !listed.has(id),
  );
  expect(
    foundLate,
    'vite.config.ts: list browser dependencies in optimizeDeps.include, others in exclude',
  ).toEqual([]);
  expect(staleLoads).toEqual([]);
}, 120_000);
