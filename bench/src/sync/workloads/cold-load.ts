import { connectClient } from '../clients/connect.ts';
import type { ConnectSpec } from '../clients/connect-spec.ts';
import { traceTextName } from '../clients/text-watch.ts';
import { nowMs, waitUntil } from '../clock.ts';
import type { SpecboardTarget } from '../targets/specboard.ts';

/** How long the log may keep rows after everyone left before the benchmark steps in. */
const COMPACTION_GRACE_MS = 30_000;

export interface ColdLoadResult {
  /** From the last client leaving until the document's update log was empty. */
  compactionWaitMs: number;
  /**
   * Rows still in the log after the grace period, when the server did not compact them on its
   * own; one client then joined and left again, so the unload compacted them.
   */
  rowsLeftBehind: number;
  /**
   * From creating the client until its first sync completed, on a freshly started server: the
   * median of `loadsMs`, one per restart.
   */
  loadMs: number;
  loadsMs: number[];
}

/**
 * After the replay's clients left: waits until the document's log rows are compacted into the
 * snapshot, restarts the server, and times one client's connect-to-synced.
 */
export async function runColdLoad(
  target: SpecboardTarget,
  docName: string,
  expectedText: string,
  restarts: number,
): Promise<ColdLoadResult> {
  const spec = await target.specFor(docName);
  const waitStart = nowMs();
  const compacted = async () => (await target.logRows(docName)) === 0;
  let rowsLeftBehind = 0;
  try {
    await waitUntil('the update log to be compacted', compacted, COMPACTION_GRACE_MS, 200);
  } catch {
    rowsLeftBehind = await target.logRows(docName);
    const visitor = connectClient(spec);
    await visitor.synced;
    visitor.destroy();
    await waitUntil('the update log to be compacted after a reload', compacted, 120_000, 200);
  }
  const compactionWaitMs = nowMs() - waitStart;
  const loadsMs: number[] = [];
  for (let i = 0; i < restarts; i++) {
    await target.restart();
    loadsMs.push(await timeLoad(spec, expectedText));
  }
  return { compactionWaitMs, rowsLeftBehind, loadMs: medianOf(loadsMs), loadsMs };
}

/** The middle value (the lower of the two middle ones for an even count); NaN when empty. */
export function medianOf(values: readonly number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

/** From creating a client until its first sync completed; checks the text it got. */
export async function timeLoad(spec: ConnectSpec, expectedText: string): Promise<number> {
  const start = nowMs();
  const client = connectClient(spec);
  try {
    await client.synced;
    const loadMs = nowMs() - start;
    const text = client.doc.getText(traceTextName).toString();
    if (text !== expectedText) {
      throw new Error(`cold-loaded text differs (${text.length} vs ${expectedText.length} chars)`);
    }
    return loadMs;
  } finally {
    client.destroy();
  }
}
