import { ClientPool } from '../clients/client-pool.ts';
import type { ConnectSpec } from '../clients/connect-spec.ts';
import type { Target } from '../targets/target.ts';

export interface IdleResult {
  connections: number;
  baselineRssKb: number;
  loadedRssKb: number;
  kbPerConnection: number;
}

/** Opens `connections` idle clients over `docs` documents and reads the server's RSS growth. */
export async function runIdle(
  target: Target,
  options: { connections: number; docs: number; threads: number; settleMs: number },
): Promise<IdleResult> {
  const baselineRssKb = await target.rssKb();
  const docNames = Array.from({ length: options.docs }, () => target.newDocName());
  const specs: ConnectSpec[] = await Promise.all(
    Array.from({ length: options.connections }, (_, i) =>
      target.specFor(docNames[i % docNames.length] ?? ''),
    ),
  );
  const pool = new ClientPool(options.threads);
  try {
    await pool.connect(specs);
    // Let the server finish what connecting started (awareness, loads, buffers) before reading.
    await new Promise((resolve) => setTimeout(resolve, options.settleMs));
    const loadedRssKb = await target.rssKb();
    return {
      connections: options.connections,
      baselineRssKb,
      loadedRssKb,
      kbPerConnection: (loadedRssKb - baselineRssKb) / options.connections,
    };
  } finally {
    await pool.close();
  }
}
