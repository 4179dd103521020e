import { ClientPool } from '../clients/client-pool.ts';
import { connectClient } from '../clients/connect.ts';
import { traceTextName } from '../clients/text-watch.ts';
import { nowMs } from '../clock.ts';
import type { Target } from '../targets/target.ts';
import { applyPatch, type EditingTrace } from '../trace.ts';

/** Patches applied between two yields to the event loop, so the writer's socket drains. */
const PATCHES_PER_SLICE = 1_000;

export interface ReplayResult {
  docName: string;
  patches: number;
  /** From the first patch until every observer's text equals the trace's end content. */
  totalMs: number;
  /** From the first patch until the writer had applied (and handed to its socket) the last. */
  writerMs: number;
}

/** One writer replays the trace, one Yjs transaction per patch, while observers watch. */
export async function runReplay(
  target: Target,
  trace: EditingTrace,
  options: { observers: number; threads: number; timeoutMs: number },
): Promise<ReplayResult> {
  const docName = target.newDocName();
  const pool = new ClientPool(options.threads);
  const spec = await target.specFor(docName);
  const writer = connectClient(spec);
  try {
    await pool.connect(Array.from({ length: options.observers }, () => spec));
    await writer.synced;
    const observed = pool.whenTextsEqual(trace.endContent, options.timeoutMs);
    const text = writer.doc.getText(traceTextName);
    const start = nowMs();
    if (trace.startContent !== '') text.insert(0, trace.startContent);
    for (let i = 0; i < trace.patches.length; i += PATCHES_PER_SLICE) {
      for (const patch of trace.patches.slice(i, i + PATCHES_PER_SLICE)) {
        writer.doc.transact(() => applyPatch(text, patch));
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const writerMs = nowMs() - start;
    const doneAt = await observed;
    return { docName, patches: trace.patches.length, totalMs: doneAt - start, writerMs };
  } finally {
    writer.destroy();
    await pool.close();
  }
}
