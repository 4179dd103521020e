import { listInbox } from '@specboard/db/inbox';
import { addMember, createUser } from '@specboard/db/organizations';
import { createTenant, type Tenant } from '@specboard/db/testing';
import { replaceDocJson } from '@specboard/doc/content';
import { DocSession } from '@specboard/stored-doc';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentMentionsSweepJob } from '../jobs/document-mentions-sweep.ts';
import { RecordingBus, type Worker, waitFor } from '../test-support/ai-harness.ts';
import { useWorkerFixture } from '../test-support/worker-fixture.ts';
import { checkMentionsOnChange } from './check-mentions-on-change.ts';
import { notifyNewMentions } from './notify-new-mentions.ts';

const t = useWorkerFixture();

/** ProseMirror JSON, as far as these documents need it. */
interface JSONContent {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: JSONContent[];
}

async function person(tenant: Tenant | null, name: string): Promise<string> {
  const { id } = await createUser(t.db, { name, email: `${name}-${Date.now()}@example.com` });
  if (tenant) await addMember(t.db, { orgId: tenant.orgId, userId: id, role: 'viewer' });
  return id;
}

const mention = (id: string, label: string): JSONContent => ({
  type: 'mention',
  attrs: { id, label, mentionSuggestionChar: '@' },
});

/** A document: "Intro" paragraph, then a "Risks" section whose paragraph mentions `ids`. */
const text = (...ids: string[]): JSONContent => ({
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Intro' }] },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Risks' }] },
    {
      type: 'paragraph',
      content: [{ type: 'text', text: 'Ask ' }, ...ids.map((id) => mention(id, 'Someone'))],
    },
  ],
});

/** Writes the document's text as the web app and worker do, through the stored-document module. */
async function write(orgId: string, docName: string, json: JSONContent): Promise<void> {
  const session = await DocSession.open(
    { db: t.db, bus: new RecordingBus() },
    orgId,
    docName,
    'test',
  );
  try {
    await session.change((doc) => replaceDocJson(doc, json));
  } finally {
    session.doc.destroy();
  }
}

const mentionsOf = async (userId: string) =>
  (await listInbox(t.db, userId))
    .filter((item) => item.kind === 'mentioned')
    .map((item) => ({ title: item.title, link: item.link, actor: item.actorName }));

describe('notifications for mentions in document text', () => {
  it('tells each member once per new mention, nobody for repeats, re-adds or non-members', async () => {
    const { tenant, document, docName } = await t.newPrd();
    const [bob, cara] = [await person(tenant, 'bob'), await person(tenant, 'cara')];
    const outsider = await person(await createTenant(t.db, 'Other'), 'mallory');
    const check = () => notifyNewMentions(t.db, tenant.orgId, document.id);

    await write(tenant.orgId, docName, text(bob, bob, outsider));
    expect(await check()).toEqual({ notified: 1 });
    const link = `/orgs/${tenant.orgId}/documents/${document.id}#Risks`;
    expect(await mentionsOf(bob)).toEqual([
      { title: 'You were mentioned in PRD, under “Risks”', link, actor: null },
    ]);
    expect(await mentionsOf(outsider)).toEqual([]);

    // Checking again, removing Bob's mentions and putting them back: no new notification.
    expect(await check()).toEqual({ notified: 0 });
    await write(tenant.orgId, docName, text(cara));
    expect(await check()).toEqual({ notified: 1 });
    await write(tenant.orgId, docName, text(cara, bob, bob));
    expect(await check()).toEqual({ notified: 0 });
    expect(await mentionsOf(bob)).toHaveLength(1);
    expect(await mentionsOf(cara)).toHaveLength(1);

    // A third mention of Bob is more than the document ever held: he hears about it.
    await write(tenant.orgId, docName, text(cara, bob, bob, bob));
    expect(await check()).toEqual({ notified: 1 });
    expect(await mentionsOf(bob)).toHaveLength(2);
    expect(await mentionsOf(outsider)).toEqual([]);
  });

  it('an outsider who is not a member is not recorded, and is told once they can see it', async () => {
    const { tenant, document, docName } = await t.newPrd();
    const dana = await person(null, 'dana');
    await write(tenant.orgId, docName, text(dana));
    expect(await notifyNewMentions(t.db, tenant.orgId, document.id)).toEqual({ notified: 0 });
    await addMember(t.db, { orgId: tenant.orgId, userId: dana, role: 'viewer' });
    expect(await notifyNewMentions(t.db, tenant.orgId, document.id)).toEqual({ notified: 1 });
  });

  it('a document of another organisation is not found: nothing is read or told', async () => {
    const { tenant, document, docName } = await t.newPrd();
    const bob = await person(tenant, 'bob');
    await write(tenant.orgId, docName, text(bob));
    const other = await createTenant(t.db, 'Elsewhere');
    expect(await notifyNewMentions(t.db, other.orgId, document.id)).toEqual({ notified: 0 });
    expect(await mentionsOf(bob)).toEqual([]);
  });
});

describe('the mention sweep', () => {
  it('notifies a mention no check was asked for, once however often it runs', async () => {
    const { tenant, docName } = await t.newPrd();
    const erin = await person(tenant, 'erin');
    await write(tenant.orgId, docName, text(erin));
    const deps = { db: t.db, logger: t.logger };
    await documentMentionsSweepJob.perform({}, deps);
    await documentMentionsSweepJob.perform({}, deps);
    expect(await mentionsOf(erin)).toHaveLength(1);
  });
});

describe('mention checks through the real queue', () => {
  let worker: Worker;
  beforeAll(async () => {
    worker = await t.startWorker({ kind: 'offline' });
    const listener = await checkMentionsOnChange({
      databaseUrl: t.url,
      boss: worker.boss,
      logger: t.logger,
    });
    t.onCleanUp(() => listener.close());
  });

  it('an append that adds a mention is noticed and the person is told without anyone asking', async () => {
    const { tenant, docName } = await t.newPrd();
    const bob = await person(tenant, 'bob');
    await write(tenant.orgId, docName, text());
    await write(tenant.orgId, docName, text(bob));
    const told = await waitFor(
      () => mentionsOf(bob),
      (items) => items.length > 0,
    );
    expect(told).toHaveLength(1);
  });
});
