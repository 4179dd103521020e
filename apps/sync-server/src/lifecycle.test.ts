import type { Socket } from 'node:net';
import { loadDocState, readDocUpdatesAfter } from '@specboard/db/doc-log';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connect,
  eventually,
  newDocName,
  orgOf,
  rawSocket,
  serverPerFile,
  startServer,
  tokenFor,
} from './testing/harness.ts';

const context = serverPerFile({ SYNC_FLUSH_MS: '400' });

describe('document lifecycle', () => {
  it('a reconnect while the document is unloading gets it back with nothing lost', async () => {
    const docName = newDocName();
    const first = connect(context.running.collabUrl, docName, await tokenFor(docName));
    await first.synced;
    first.text.insert(0, 'typed right before leaving');
    await eventually(
      () => context.running.server.registry.get(docName)?.doc.getText('t').length === 26,
    );
    first.destroy();
    const again = connect(context.running.collabUrl, docName, await tokenFor(docName));
    await again.synced;
    await eventually(
      () => again.text.toString() === 'typed right before leaving',
      20_000,
      'text back',
    );
    again.destroy();
  });

  it('a document whose stored state cannot be loaded is refused with 1011 and never written', async () => {
    const docName = newDocName();
    await context.database.owner
      .insertInto('doc_snapshots')
      .values({
        org_id: orgOf(docName),
        doc_name: docName,
        state: new Uint8Array([255, 1, 2, 3, 4]),
      })
      .execute();
    const client = connect(context.running.collabUrl, docName, await tokenFor(docName));
    client.text.insert(0, 'must not be stored over a broken document');
    expect((await client.closed).code).toBe(1011);
    client.destroy();
    expect(context.running.server.registry.get(docName)).toBeUndefined();
    expect(await readDocUpdatesAfter(context.database.db, orgOf(docName), docName, null)).toEqual(
      [],
    );
  });

  it('a graceful stop does not wait on a client that never answers the close frame', async () => {
    const running = await startServer(context.database.url);
    const docName = newDocName();
    const writer = connect(running.collabUrl, docName, await tokenFor(docName));
    await writer.synced;
    const stuck = rawSocket(running.collabUrl, docName, await tokenFor(docName));
    await stuck.opened;
    // Stop reading: the stuck client never sees the close frame, so it never answers it.
    (stuck.socket as unknown as { _socket: Socket })._socket.pause();
    writer.text.insert(0, 'saved before the stop');
    await eventually(() => running.server.registry.get(docName)?.doc.getText('t').length === 21);

    const started = Date.now();
    await running.server.close();
    // ws would otherwise wait 30 s for the answer before dropping the socket; the grace is 2 s.
    // The bound sits between the two with room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(25_000);
    writer.destroy();
    stuck.socket.terminate();
    const stored = new Y.Doc();
    const state = await loadDocState(context.database.db, orgOf(docName), docName);
    if (state.snapshot) Y.applyUpdateV2(stored, state.snapshot);
    for (const row of state.updates) Y.applyUpdate(stored, row.update);
    expect(stored.getText('t').toString()).toBe('saved before the stop');
  });
});
