import { readDocUpdatesAfter } from '@specboard/db/doc-log';
import { listPresence } from '@specboard/db/presence';
import { describe, expect, it } from 'vitest';
import {
  connect,
  eventually,
  newDocName,
  orgOf,
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
});
