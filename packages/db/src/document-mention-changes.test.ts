import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendDocUpdates } from './doc-log.ts';
import { listenForMentionChanges, type MentionChangeListener } from './document-mention-changes.ts';
import { newId } from './ids.ts';
import { createTenant, createTestDatabase, type TestDatabase } from './testing/index.ts';

let t: TestDatabase;
let listener: MentionChangeListener;
const heard: string[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
  listener = await listenForMentionChanges(t.url, (orgId, documentId) =>
    heard.push(`${orgId}:${documentId}`),
  );
});
afterAll(async () => {
  await listener.close();
  await t.drop();
});

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`no notification; heard ${heard.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Bytes standing in for a Yjs update; Yjs writes a new element's node name in clear. */
const bytes = (text: string) => new TextEncoder().encode(`\u0001\u0002${text}\u0003`);

describe('document mention change notifications', () => {
  it('names the organisation and document of appends that may add a mention, nothing else', async () => {
    const tenant = await createTenant(t.db);
    const [plain, mentioning] = [newId(), newId()];
    const write = (docName: string, text: string) =>
      appendDocUpdates(t.db, tenant.orgId, [{ docName, update: bytes(text), origin: 'test' }]);
    await write(`doc:${plain}`, 'paragraph text');
    await write(`board:${tenant.projectId}`, 'mention');
    await write(`comments:${plain}`, 'mention');
    await appendDocUpdates(t.db, tenant.orgId, [
      { docName: `doc:${mentioning}`, update: bytes('mention'), origin: 'test' },
      { docName: `doc:${mentioning}`, update: bytes('paragraph'), origin: 'test' },
    ]);
    // Notifications arrive in commit order: anything the earlier writes sent is heard first.
    await until(() => heard.length > 0);
    expect(heard).toEqual([`${tenant.orgId}:${mentioning}`]);
  });
});
