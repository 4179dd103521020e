import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { z } from 'zod';

const patchSchema = z.tuple([z.number().int().min(0), z.number().int().min(0), z.string()]);
export type TracePatch = z.infer<typeof patchSchema>;

const traceSchema = z.object({
  startContent: z.string(),
  endContent: z.string(),
  txns: z.array(z.object({ patches: z.array(patchSchema) })),
});

export interface EditingTrace {
  startContent: string;
  patches: TracePatch[];
  /** The text after every patch has been applied. */
  endContent: string;
}

/** Loads a gzipped editing trace; `limit` > 0 keeps only the first patches (and their result). */
export async function loadTrace(path: string, limit: number): Promise<EditingTrace> {
  const trace = traceSchema.parse(JSON.parse(gunzipSync(await readFile(path)).toString('utf8')));
  const all = trace.txns.flatMap((txn) => txn.patches);
  if (limit === 0 || limit >= all.length) {
    return { startContent: trace.startContent, patches: all, endContent: trace.endContent };
  }
  const patches = all.slice(0, limit);
  const doc = new Y.Doc();
  const text = doc.getText();
  text.insert(0, trace.startContent);
  for (const patch of patches) applyPatch(text, patch);
  return { startContent: trace.startContent, patches, endContent: text.toString() };
}

export function applyPatch(text: Y.Text, [pos, del, ins]: TracePatch): void {
  if (del > 0) text.delete(pos, del);
  if (ins !== '') text.insert(pos, ins);
}
