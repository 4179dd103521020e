import * as Y from 'yjs';
import { traceTextName } from '../clients/text-watch.ts';
import type { SpecboardTarget } from '../targets/specboard.ts';
import { applyPatch, type EditingTrace } from '../trace.ts';
import { medianOf, timeLoad } from './cold-load.ts';

/** Updates merged into one log row: what one 50 ms flush holds while someone types fast. */
const UPDATES_PER_ROW = 10;

export interface CrashLoadResult {
  /** Rows in the update log of each crashed document, none compacted into a snapshot. */
  logRows: number;
  logBytes: number;
  /** Connect-to-synced on a freshly started server: the median of `loadsMs`. */
  loadMs: number;
  loadsMs: number[];
}

/** The trace as the server's flushes log it: one row per UPDATES_PER_ROW patches, merged. */
export function traceLogRows(trace: EditingTrace): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.getText(traceTextName);
  const rows: Uint8Array[] = [];
  let batch: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => {
    batch.push(update);
    if (batch.length < UPDATES_PER_ROW) return;
    rows.push(Y.mergeUpdates(batch));
    batch = [];
  });
  if (trace.startContent !== '') text.insert(0, trace.startContent);
  for (const patch of trace.patches) doc.transact(() => applyPatch(text, patch));
  if (batch.length > 0) rows.push(Y.mergeUpdates(batch));
  doc.destroy();
  return rows;
}

/**
 * A document whose whole trace is still in the update log, as a crash before any compaction
 * leaves it: each restart of the server is followed by one client loading a fresh such document
 * (a load compacts the log when its last client leaves, so every load gets its own document).
 */
export async function runCrashLoad(
  target: SpecboardTarget,
  trace: EditingTrace,
  restarts: number,
): Promise<CrashLoadResult> {
  const rows = traceLogRows(trace);
  const docNames = Array.from({ length: restarts }, () => target.newDocName());
  for (const docName of docNames) await target.appendLog(docName, rows);
  const loadsMs: number[] = [];
  for (const docName of docNames) {
    await target.restart();
    loadsMs.push(await timeLoad(await target.specFor(docName), trace.endContent));
  }
  return {
    logRows: rows.length,
    logBytes: rows.reduce((sum, row) => sum + row.length, 0),
    loadMs: medianOf(loadsMs),
    loadsMs,
  };
}
