import { createDocument } from '@specboard/db/documents';
import { recordRevocation } from '@specboard/db/revocations';
import { createTenant, createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { formatDocName } from '@specboard/doc/doc-names';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  eventually,
  newDocName,
  type RunningServer,
  refusedUpgrade,
  startServer,
  testInternalSecret,
  tokenFor,
} from './testing/harness.ts';

let database: TestDatabase;
let first: RunningServer;
let second: RunningServer;
beforeAll(async () => {
  database = await createTestDatabase();
  first = await startServer(database.url);
  second = await startServer(database.url);
});
afterAll(async () => {
  await Promise.all([first.server.close(), second.server.close()]);
  await database.drop();
});

const authorization = `Bearer ${testInternalSecret}`;

async function revokeOver(
  running: RunningServer,
  body: { userId: string | null; scope: string; scopeId: string },
): Promise<{ closed: number }> {
  const response = await fetch(`${running.internalUrl}/internal/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { closed: number };
}

async function revocationsHeld(running: RunningServer): Promise<number> {
  const text = await (
    await fetch(`${running.internalUrl}/metrics`, { headers: { authorization } })
  ).text();
  return Number(/^sync_revocations (\d+)$/m.exec(text)?.[1] ?? 0);
}

/** How the upgrade with this token is answered: the refusal's HTTP status and reason. */
async function refusalOf(running: RunningServer, docName: string, token: string) {
  const { status, body } = await refusedUpgrade(running.collabUrl, docName, token);
  return { status, revoked: body.includes('revoked') };
}

const refusedAsRevoked = { status: 403, revoked: true };

/** True once a client with this token has synced. */
async function syncsWith(running: RunningServer, docName: string, token: string) {
  const client = connect(running.collabUrl, docName, token);
  const result = await Promise.race([
    client.closed.then(() => false),
    client.synced.then(() => true),
  ]);
  client.destroy();
  return result;
}

describe('revocation that sticks', () => {
  it('refuses the old token on reconnect, on every instance, and accepts a newer one', async () => {
    const docName = newDocName();
    const userId = 'user-revoked';
    const before = await tokenFor(docName, { sub: userId });
    const live = connect(first.collabUrl, docName, before);
    await live.synced;
    const held = await revocationsHeld(second);

    // The route closes the connection, unless the record's own NOTIFY reached this instance
    // first and closed it already: either way it is closed with 4409.
    await revokeOver(first, { userId, scope: 'document', scopeId: docName });
    expect((await live.closed).code).toBe(4409);
    live.destroy();
    expect(await refusalOf(first, docName, before)).toEqual(refusedAsRevoked);
    await eventually(async () => (await revocationsHeld(second)) > held, 5_000, 'the NOTIFY');
    expect(await refusalOf(second, docName, before)).toEqual(refusedAsRevoked);

    const after = await tokenFor(docName, { sub: userId });
    expect(await syncsWith(first, docName, after)).toBe(true);
    expect(await syncsWith(second, docName, after)).toBe(true);
  });

  it('a revocation on instance A closes the live connection on B and refuses it there', async () => {
    const tenant = await createTenant(database.db);
    const docName = newDocName();
    const token = await tokenFor(docName, { sub: 'user-a', org: tenant.orgId });
    const revoked = connect(second.collabUrl, docName, token);
    const staying = connect(
      second.collabUrl,
      docName,
      await tokenFor(docName, { sub: 'user-b', org: tenant.orgId }),
    );
    await Promise.all([revoked.synced, staying.synced]);

    expect(
      await revokeOver(first, { userId: 'user-a', scope: 'organization', scopeId: tenant.orgId }),
    ).toEqual(expect.objectContaining({ closed: 0 }));
    expect((await revoked.closed).code).toBe(4409);
    expect(staying.provider.wsconnected).toBe(true);
    expect(await refusalOf(second, docName, token)).toEqual(refusedAsRevoked);
    revoked.destroy();
    staying.destroy();
  });

  it('a project revocation for everyone (an archive) closes its documents and its board', async () => {
    const tenant = await createTenant(database.db);
    const document = await createDocument(database.db, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      type: 'notes',
      title: 'Notes',
      createdBy: tenant.userId,
    });
    if (!document) throw new Error('document not created');
    const docName = formatDocName('doc', document.id);
    const boardName = formatDocName('board', tenant.projectId);
    const onDoc = connect(first.collabUrl, docName, await tokenFor(docName));
    const onBoard = connect(second.collabUrl, boardName, await tokenFor(boardName));
    const elsewhere = newDocName();
    const unrelated = connect(first.collabUrl, elsewhere, await tokenFor(elsewhere));
    await Promise.all([onDoc.synced, onBoard.synced, unrelated.synced]);

    await recordRevocation(database.db, {
      userId: null,
      scope: 'project',
      scopeId: tenant.projectId,
    });
    expect((await onDoc.closed).code).toBe(4409);
    expect((await onBoard.closed).code).toBe(4409);
    expect(unrelated.provider.wsconnected).toBe(true);
    for (const client of [onDoc, onBoard, unrelated]) client.destroy();
  });

  it('is loaded by an instance that starts after it was written', async () => {
    const docName = newDocName();
    const token = await tokenFor(docName, { sub: 'user-late' });
    await recordRevocation(database.db, {
      userId: 'user-late',
      scope: 'document',
      scopeId: docName,
    });
    const late = await startServer(database.url);
    try {
      expect(await refusalOf(late, docName, token)).toEqual(refusedAsRevoked);
    } finally {
      await late.server.close();
    }
  });
});

describe('operations surface', () => {
  it('serves /metrics and /internal/* only on the internal listener, behind its secret', async () => {
    const publicBase = first.collabUrl.replace('ws://', 'http://').replace('/collab', '');
    expect((await fetch(`${publicBase}/metrics`, { headers: { authorization } })).status).toBe(404);
    const publicRevoke = await fetch(`${publicBase}/internal/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ userId: 'u', scope: 'document', scopeId: newDocName() }),
    });
    expect(publicRevoke.status).toBe(404);

    expect(new URL(first.internalUrl).hostname).toBe('127.0.0.1');
    expect((await fetch(`${first.internalUrl}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${first.internalUrl}/internal/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' },
      body: JSON.stringify({ userId: 'u', scope: 'document', scopeId: newDocName() }),
    });
    expect(wrong.status).toBe(401);
    const invalid = await fetch(`${first.internalUrl}/internal/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ scope: 'everything' }),
    });
    expect(invalid.status).toBe(400);

    const metrics = await (
      await fetch(`${first.internalUrl}/metrics`, { headers: { authorization } })
    ).text();
    for (const name of [
      'sync_docs_loaded',
      'sync_connections',
      'sync_messages_in_total',
      'sync_read_only_updates_dropped_total',
      'sync_flush_seconds',
      'sync_update_log_rows',
      'sync_update_log_bytes',
      'sync_compaction_seconds',
      'sync_bus_lag_seconds',
      'sync_revocations',
    ]) {
      expect(metrics).toContain(name);
    }
  });
});
