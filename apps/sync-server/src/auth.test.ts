import { readDocUpdatesAfter } from '@specboard/db/doc-log';
import { signSyncToken } from '@specboard/doc/sync-token';
import { describe, expect, it } from 'vitest';
import {
  connect,
  eventually,
  newDocName,
  rawSocket,
  serverPerFile,
  tokenFor,
} from './testing/harness.ts';

const context = serverPerFile();

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
      await eventually(() => reader.text.toString() === 'spec', 5_000, `${role} to see the edit`);
      reader.text.insert(0, 'HACK ');
      reader.provider.awareness.setLocalStateField('user', { name: role });
      await eventually(
        () =>
          [...editor.provider.awareness.getStates().values()].some((s) => s.user?.name === role),
        5_000,
        `${role} awareness`,
      );
      await pause(300);
      expect(editor.text.toString()).toBe('spec');
      const stored = await readDocUpdatesAfter(context.database.db, docName, null);
      const late = connect(context.running.collabUrl, docName, await tokenFor(docName));
      await late.synced;
      expect(late.text.toString()).toBe('spec');
      expect(stored.length).toBeGreaterThan(0);
      for (const client of [editor, reader, late]) client.destroy();
    });
  }
});

describe('probes', () => {
  it('serves /healthz and /readyz on the public port', async () => {
    const base = context.running.collabUrl.replace('ws://', 'http://').replace('/collab', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ ok: true });
  });
});
