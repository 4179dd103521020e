import { ClientPool } from '../clients/client-pool.ts';
import { percentile, sortedSamples } from '../stats.ts';
import type { Target } from '../targets/target.ts';

export interface FanoutOptions {
  clients: number;
  writers: number;
  updatesPerSecond: number;
  seconds: number;
  threads: number;
}

export interface FanoutResult {
  p50Ms: number;
  p99Ms: number;
  deliveredPerSecond: number;
  /** Deliveries seen over deliveries expected (every update to every other client). */
  deliveredShare: number;
}

/** One document, `clients` clients, `writers` of them typing at a fixed rate. */
export async function runFanout(target: Target, options: FanoutOptions): Promise<FanoutResult> {
  const docName = target.newDocName();
  const specs = await Promise.all(
    Array.from({ length: options.clients }, () => target.specFor(docName)),
  );
  const pool = new ClientPool(options.threads);
  try {
    await pool.connect(specs);
    const replies = await pool.fanout({
      writers: options.writers,
      updatesPerSecond: options.updatesPerSecond,
      durationMs: options.seconds * 1000,
      quietMs: 2000,
    });
    const samples = sortedSamples(replies.map((r) => r.latenciesMs));
    const sent = replies.reduce((n, r) => n + r.sent, 0);
    const firstSentAt = Math.min(...replies.map((r) => r.firstSentAt));
    const lastReceivedAt = Math.max(...replies.map((r) => r.lastReceivedAt));
    return {
      p50Ms: percentile(samples, 0.5),
      p99Ms: percentile(samples, 0.99),
      deliveredPerSecond: samples.length / ((lastReceivedAt - firstSentAt) / 1000),
      deliveredShare: samples.length / (sent * (options.clients - 1)),
    };
  } finally {
    await pool.close();
  }
}
