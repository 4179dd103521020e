import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBuilder, type Plugin } from 'vite';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { serverOnlyPackages } from '../../server-only-packages.ts';

// Builds the browser bundle (nothing written) and looks at every module that went into it,
// tree-shaken or not: server-only packages, Node built-ins and `.server` modules must not be
// among them. React Router strips loaders and actions, not what a module imports at the top.

const webRoot = fileURLToPath(new URL('../..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const nodeBuiltin = /^(node:|__vite-browser-external)/;

const packageJson = z.object({ name: z.string().optional() });
const packageNames = new Map<string, string | undefined>();

/** The package a module belongs to: the nearest package.json that has a name. */
function packageOf(id: string): string | undefined {
  const installed = id.split('/node_modules/').at(-1);
  if (installed && installed !== id) {
    const [scope, name] = installed.split('/');
    return scope?.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const dir = dirname(id);
  if (!packageNames.has(dir)) {
    const manifest = join(dir, 'package.json');
    const own = existsSync(manifest)
      ? packageJson.parse(JSON.parse(readFileSync(manifest, 'utf8'))).name
      : undefined;
    packageNames.set(dir, own ?? (dir === dirname(dir) ? undefined : packageOf(dir)));
  }
  return packageNames.get(dir);
}

/** Records each module of the client build with the modules that import it. */
function moduleGraphRecorder(graph: Map<string, readonly string[]>): Plugin {
  return {
    name: 'specboard:record-client-graph',
    applyToEnvironment: (environment) => environment.name === 'client',
    buildEnd() {
      for (const id of this.getModuleIds()) graph.set(id, this.getModuleInfo(id)?.importers ?? []);
    },
  };
}

/** One import chain from a route or the entry down to `id`, for the failure message. */
function chainTo(id: string, graph: Map<string, readonly string[]>): string {
  const chain = [id];
  for (let importer = graph.get(id)?.[0]; importer; importer = graph.get(importer)?.[0]) {
    if (chain.includes(importer)) break;
    chain.push(importer);
  }
  return chain.map((step) => step.replace(repoRoot, '')).join(' <- ');
}

test('the browser bundle holds no server-only code', async () => {
  const graph = new Map<string, readonly string[]>();
  const builder = await createBuilder({
    root: webRoot,
    configFile: join(webRoot, 'vite.config.ts'),
    mode: 'production',
    logLevel: 'silent',
    build: { write: false },
    plugins: [moduleGraphRecorder(graph)],
  });
  const client = builder.environments.client;
  if (!client) throw new Error('the build should have a client environment');
  await builder.build(client);
  expect(graph.size).toBeGreaterThan(100);

  const forbidden = new Set<string>(serverOnlyPackages);
  const offending = [...graph.keys()].filter((id) => {
    if (id.startsWith('\0')) return false;
    if (nodeBuiltin.test(id) || /\.server(\.[cm]?[jt]sx?)?$/.test(id)) return true;
    const name = packageOf(id);
    return name !== undefined && forbidden.has(name);
  });
  expect(offending.map((id) => chainTo(id, graph))).toEqual([]);
}, 60_000);
