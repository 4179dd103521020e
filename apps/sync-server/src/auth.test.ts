import { signSyncToken } from '@specboard/doc/sync-token';
import { describe, expect, it } from 'vitest';
import {
  connect,
  eventually,
  newDocName,
  rawSocket,
  serverPerFile,
  storedDoc,
  tokenFor,
} from './testing/harness.ts';

const context = serverPerFile({ SYNC_INTERNAL_SECRET: 'i'.repeat(40) });

describe('tokens', () => {
  it('refuses a connection without a token with 4401', async () => {
    const docName = newDocName();
    const socket = rawSocket(context.running.collabUrl, docName, '');
    expect(await socket.closed).toMatchObject({ code: 4401, reason: 'missing token' });
  });

  it('refuses a token signed with another secret, and an expired one, with 4401', async () => {
    const docName = newDocName();
    const forged = await signSyncToken(
      { sub: 'u', doc: docName, role: 'owner', org: 'o', name: 'Mallory' },
      'x'.repeat(64),
      600,
    );
    expect((await rawSocket(context.running.collabUrl, docName, forged).closed).code).toBe(4401);
    const expired = await tokenFor(docName, {}, -10);
    expect(await rawSocket(context.running.collabUrl, docName, expired).closed).toMatchObject({
      code: 4401,
      reason: 'token expired',
    });
    expect((await rawSocket(context.running.collabUrl, docName, 'not.a.jwt').closed).code).toBe(
      4401,
    );
  });

  it('refuses a valid token for another document with 4403, before loading anything', async () => {
    const [asked, granted] = [newDocName(), newDocName()];
    const client = connect(context.running.collabUrl, asked, await tokenFor(granted));
    expect((await client.closed).code).toBe(4403);
    expect(context.running.server.registry.get(asked)).toBeUndefined();
    client.destroy();
  });
});

describe('read-only roles', () => {
  for (const role of ['viewer', 'commenter'] as const) {
    it(`a ${role} sees edits live but their own edits are dropped, not stored or relayed`, async () => {
      const docName = newDocName();
      const editor = connect(
        context.running.collabUrl,
        docName,
        await tokenFor(docName, { role: 'editor' }),
      );
      const reader = connect(context.running.collabUrl, docName, await tokenFor(docName, { role }));
      await Promise.all([editor.synced, reader.synced]);
      editor.text.insert(0, 'spec');
      await eventually(() => reader.text.toString() === 'spec', 20_000, `${role} to see the edit`);
      reader.text.insert(0, 'HACK ');
      reader.provider.awareness.setLocalStateField('user', { name: role });
      await eventually(
        () =>
          [...editor.provider.awareness.getStates().values()].some((s) => s.user?.name === role),
        20_000,
        `${role} awareness`,
      );
      // The server handles one socket's frames in order: seeing the awareness sent after the
      // edit means the edit was already handled, and any relay of it would have reached the
      // editor first. Flushing then stores everything the server received.
      expect(editor.text.toString()).toBe('spec');
      const shared = context.running.server.registry.get(docName);
      if (!shared) throw new Error('the document is not loaded');
      await shared.flush();
      expect((await storedDoc(context.database.db, docName)).getText('t').toString()).toBe('spec');
      const late = connect(context.running.collabUrl, docName, await tokenFor(docName));
      await late.synced;
      expect(late.text.toString()).toBe('spec');
      for (const client of [editor, reader, late]) client.destroy();
    });
  }
});

describe('revocation', () => {
  it('closes a user’s connections to a document with 4409 on an authenticated call', async () => {
    const docName = newDocName();
    const client = connect(
      context.running.collabUrl,
      docName,
      await tokenFor(docName, { sub: 'user-1' }),
    );
    const other = connect(
      context.running.collabUrl,
      docName,
      await tokenFor(docName, { sub: 'user-2' }),
    );
    await Promise.all([client.synced, other.synced]);
    const base = context.running.collabUrl.replace('ws://', 'http://').replace('/collab', '');
    const refused = await fetch(`${base}/internal/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' },
      body: JSON.stringify({ docName, userId: 'user-1' }),
    });
    expect(refused.status).toBe(401);
    const invalid = await fetch(`${base}/internal/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${'i'.repeat(40)}` },
      body: JSON.stringify({ docName: 'nope' }),
    });
    expect(invalid.status).toBe(400);
    expect(
      Object.keys(((await invalid.json()) as { fieldErrors: object }).fieldErrors).sort(),
    ).toEqual(['docName', 'userId']);
    const response = await fetch(`${base}/internal/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${'i'.repeat(40)}` },
      body: JSON.stringify({ docName, userId: 'user-1' }),
    });
    expect(await response.json()).toEqual({ closed: 1 });
    expect((await client.closed).code).toBe(4409);
    expect(other.provider.wsconnected).toBe(true);
    client.destroy();
    other.destroy();
  });
});

describe('probes', () => {
  it('serves /healthz, /readyz and Prometheus /metrics', async () => {
    const base = context.running.collabUrl.replace('ws://', 'http://').replace('/collab', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ ok: true });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    for (const name of [
      'sync_docs_loaded',
      'sync_connections',
      'sync_messages_in_total',
      'sync_read_only_updates_dropped_total',
      'sync_flush_seconds',
      'sync_update_log_rows',
      'sync_compaction_seconds',
      'sync_bus_lag_seconds',
    ]) {
      expect(metrics).toContain(name);
    }
  });
});
