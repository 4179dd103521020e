import { newId } from '@specboard/db';
import { describe, expect, it } from 'vitest';
import {
  type Client,
  connect,
  eventually,
  refusedUpgrade,
  serverPerFile,
  storedDoc,
  testInternalSecret,
  tokenFor,
} from './testing/harness.ts';

const context = serverPerFile();

describe('comments documents', () => {
  it('refuses writes from every role, even an owner token on a forged client', async () => {
    const docName = `comments:${newId()}`;
    const clients: Client[] = [];
    for (const role of ['owner', 'editor', 'commenter', 'viewer'] as const) {
      clients.push(
        connect(context.running.collabUrl, docName, await tokenFor(docName, { role, name: role })),
      );
    }
    const watcher = connect(
      context.running.collabUrl,
      docName,
      await tokenFor(docName, { role: 'viewer', name: 'watcher' }),
    );
    await Promise.all([...clients, watcher].map((client) => client.synced));
    for (const client of clients) {
      // A forged comment: what a hostile client would write to take over someone else's comment.
      client.doc.getMap('threads').set(client.doc.clientID.toString(), 'forged');
      client.provider.awareness.setLocalStateField('probe', client.doc.clientID);
    }
    // Frames of one socket are handled in order: once every writer's later awareness has reached
    // the watcher, each writer's update was already handled, and a relay would have come first.
    await eventually(
      () =>
        clients.every((client) =>
          [...watcher.provider.awareness.getStates().values()].some(
            (s) => s.probe === client.doc.clientID,
          ),
        ),
      20_000,
      'every writer awareness',
    );
    expect(watcher.doc.getMap('threads').size).toBe(0);
    const shared = context.running.server.registry.get(docName);
    if (!shared) throw new Error('the comments document is not loaded');
    await shared.flush();
    expect((await storedDoc(context.database.db, docName)).getMap('threads').size).toBe(0);
    for (const client of [...clients, watcher]) client.destroy();
  });

  it('closes and refuses a document’s threads when the document is revoked (deleted)', async () => {
    const id = newId();
    const docName = `comments:${id}`;
    const token = await tokenFor(docName, { role: 'viewer' });
    const reader = connect(context.running.collabUrl, docName, token);
    await reader.synced;
    const response = await fetch(`${context.running.internalUrl}/internal/revoke`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${testInternalSecret}`,
      },
      body: JSON.stringify({ userId: null, scope: 'document', scopeId: `doc:${id}` }),
    });
    expect(response.status).toBe(200);
    expect((await reader.closed).code).toBe(4409);
    reader.destroy();
    expect((await refusedUpgrade(context.running.collabUrl, docName, token)).status).toBe(403);
  });
});
