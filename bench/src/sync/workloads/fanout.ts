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
  /** Distinct final texts over all clients: 1 when every client converged. */
  distinctTexts: number;
  /** Wall time from the first update sent until the last delivery (or the end of typing). */
  wallSeconds: number;
  /** CPU seconds the server process used over the typing and delivery. */
  serverCpuSeconds: number;
  /** CPU seconds the load generator (this process, all its threads) used meanwhile. */
  clientCpuSeconds: number;
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
    const serverCpuBefore = await target.cpuSeconds();
    const clientCpuBefore = process.cpuUsage();
    const replies = await pool.fanout({
      writers: options.writers,
      updatesPerSecond: options.updatesPerSecond,
      durationMs: options.seconds * 1000,
      quietMs: 2000,
    });
    const serverCpuSeconds = (await target.cpuSeconds()) - serverCpuBefore;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const samples = sortedSamples(replies.map((r) => r.latenciesMs));
    const sent = replies.reduce((n, r) => n + r.sent, 0);
    const firstSentAt = Math.min(...replies.map((r) => r.firstSentAt));
    const lastReceivedAt = Math.max(...replies.map((r) => r.lastReceivedAt));
    const wallSeconds = (lastReceivedAt - firstSentAt) / 1000;
    return {
      p50Ms: percentile(samples, 0.5),
      p99Ms: percentile(samples, 0.99),
      deliveredPerSecond: samples.length / wallSeconds,
      deliveredShare: samples.length / (sent * (options.clients - 1)),
      distinctTexts: new Set(replies.flatMap((r) => r.textDigests)).size,
      wallSeconds,
      serverCpuSeconds,
      clientCpuSeconds: (clientCpu.user + clientCpu.system) / 1e6,
    };
  } finally {
    await pool.close();
  }
}
