import { signSyncToken } from '@specboard/doc/sync-token';
import { describe, expect, it } from 'vitest';
import {
  connect,
  eventually,
  newDocName,
  refusedUpgrade,
  serverPerFile,
  storedDoc,
  tokenFor,
} from './testing/harness.ts';

const context = serverPerFile();

describe('tokens', () => {
  it('refuses an upgrade without a token with HTTP 401: no websocket is opened', async () => {
    const docName = newDocName();
    const refused = await refusedUpgrade(context.running.collabUrl, docName, '');
    expect(refused.status).toBe(401);
    expect(refused.body).toContain('missing token');
  });

  it('refuses a token signed with another secret, and an expired one, with HTTP 401', async () => {
    const docName = newDocName();
    const forged = await signSyncToken(
      { sub: 'u', doc: docName, role: 'owner', org: 'o', name: 'Mallory' },
      'x'.repeat(64),
      600,
    );
    const { collabUrl } = context.running;
    expect((await refusedUpgrade(collabUrl, docName, forged)).status).toBe(401);
    const expired = await tokenFor(docName, {}, -10);
    expect(await refusedUpgrade(collabUrl, docName, expired)).toMatchObject({
      status: 401,
      body: expect.stringContaining('token expired'),
    });
    expect((await refusedUpgrade(collabUrl, docName, 'not.a.jwt')).status).toBe(401);
  });

  it('refuses a valid token for another document with HTTP 403, before loading anything', async () => {
    const [asked, granted] = [newDocName(), newDocName()];
    const refused = await refusedUpgrade(context.running.collabUrl, asked, await tokenFor(granted));
    expect(refused.status).toBe(403);
    expect(context.running.server.registry.get(asked)).toBeUndefined();
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
      const reader = connect(
        context.running.collabUrl,
        docName,
        await tokenFor(docName, { role, name: role }),
      );
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

describe('probes', () => {
  it('serves /healthz and /readyz on the public port', async () => {
    const base = context.running.collabUrl.replace('ws://', 'http://').replace('/collab', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ ok: true });
  });
});
