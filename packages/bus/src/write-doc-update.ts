import type { Db } from '@specboard/db';
import { appendDocUpdates } from '@specboard/db/doc-log';
import type { Bus } from './bus.ts';

export interface DocUpdateWrite {
  /** The organisation that owns the document (row-level security checks the row against it). */
  orgId: string;
  docName: string;
  /** A Yjs update (V1 encoding), e.g. captured from a Y.Doc's `update` event. */
  update: Uint8Array;
  /** Recorded on the log row: who wrote it, e.g. `worker:<jobId>`. */
  origin: string;
}

/**
 * The server-side write path of ARCHITECTURE.md §6, for processes other than the sync server:
 * append the update to `doc_updates`, then publish the row id (and bytes) so every sync-server
 * instance applies it and relays it to its clients. Returns the row id.
 */
export async function writeDocUpdate(db: Db, bus: Bus, write: DocUpdateWrite): Promise<string> {
  const [updateId] = await appendDocUpdates(db, write.orgId, [write]);
  if (updateId === undefined)
    throw new Error(`storing an update of ${write.docName} returned no id`);
  await bus.publish({ docName: write.docName, kind: 'update', updateId, payload: write.update });
  return updateId;
}
