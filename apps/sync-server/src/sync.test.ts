import { readDocUpdatesAfter } from '@specboard/db/doc-log';
import { listPresence } from '@specboard/db/presence';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeUpdate, MessageType, SyncStep } from './protocol.ts';
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

const context = serverPerFile();

describe('co-editing through the official y-websocket client', () => {
  it('two clients converge on concurrent edits and a late joiner gets everything', async () => {
    const docName = newDocName();
    const alice = connect(
      context.running.collabUrl,
      docName,
      await tokenFor(docName, { name: 'Alice' }),
    );
    const bob = connect(
      context.running.collabUrl,
      docName,
      await tokenFor(docName, { name: 'Bob' }),
    );
    await Promise.all([alice.synced, bob.synced]);
    alice.text.insert(0, 'Hello ');
    bob.text.insert(0, 'World');
    await eventually(
      () => alice.text.toString() === bob.text.toString() && alice.text.length === 11,
    );
    const carol = connect(context.running.collabUrl, docName, await tokenFor(docName));
    await carol.synced;
    await eventually(() => carol.text.toString() === alice.text.toString());
    for (const client of [alice, bob, carol]) client.destroy();
  });

  it('shows who is here through awareness and tells others when someone leaves', async () => {
    const docName = newDocName();
    const alice = connect(
      context.running.collabUrl,
      docName,
      await tokenFor(docName, { name: 'Alice' }),
    );
    const bob = connect(
      context.running.collabUrl,
      docName,
      await tokenFor(docName, { name: 'Bob' }),
    );
    await Promise.all([alice.synced, bob.synced]);
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice', color: '#f00' });
    bob.provider.awareness.setLocalStateField('user', { name: 'Bob', color: '#00f' });
    await eventually(() =>
      [...bob.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Alice'),
    );
    await eventually(
      async () => (await listPresence(context.database.db, orgOf(docName), docName)).length === 2,
      20_000,
      'presence rows',
    );
    alice.destroy();
    await eventually(
      () => ![...bob.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Alice'),
      20_000,
      'Alice to leave',
    );
    await eventually(
      async () => (await listPresence(context.database.db, orgOf(docName), docName)).length === 1,
      20_000,
      'presence row deleted',
    );
    bob.destroy();
  });

  it('stores every edit in doc_updates and serves it after the server restarts', async () => {
    const docName = newDocName();
    const alice = connect(context.running.collabUrl, docName, await tokenFor(docName));
    await alice.synced;
    for (const word of ['one ', 'two ', 'three']) alice.text.insert(alice.text.length, word);
    await eventually(
      async () =>
        (await readDocUpdatesAfter(context.database.db, orgOf(docName), docName, null)).length > 0,
    );
    alice.destroy();
    await context.running.server.close();
    context.running = await startServer(context.database.url);
    const later = connect(context.running.collabUrl, docName, await tokenFor(docName));
    await later.synced;
    expect(later.text.toString()).toBe('one two three');
    later.destroy();
  });

  it('relays a burst of updates to every other connection, never back to its sender', async () => {
    const docName = newDocName();
    const watcher = connect(context.running.collabUrl, docName, await tokenFor(docName));
    await watcher.synced;
    const writer = rawSocket(context.running.collabUrl, docName, await tokenFor(docName));
    await writer.opened;
    const source = new Y.Doc();
    const frames: Uint8Array[] = [];
    source.on('update', (update: Uint8Array) => frames.push(encodeUpdate(update)));
    for (const letter of ['a', 'b', 'c']) source.getText('t').insert(0, letter);
    for (const frame of frames) writer.socket.send(frame);
    await eventually(() => watcher.text.toString() === 'cba', 20_000, 'the burst to arrive');
    const echoes = writer.messages.filter(
      (m) => m[0] === MessageType.sync && m[1] === SyncStep.update,
    );
    expect(echoes).toHaveLength(0);
    writer.socket.close();
    watcher.destroy();
  });
});
