import { loadDocState } from '@specboard/db/doc-log';
import { listDocuments } from '@specboard/db/documents';
import { listModelStats } from '@specboard/db/model-stats';
import { listMemberships } from '@specboard/db/organizations';
import { getPlanRun, listPlanRuns } from '@specboard/db/plan-runs';
import { listSuggestions as listSuggestionRecords } from '@specboard/db/suggestions';
import { listTasks } from '@specboard/db/tasks';
import { getVersion, listVersions } from '@specboard/db/versions';
import { readCards, readColumns } from '@specboard/doc/board';
import { placeThreads } from '@specboard/doc/comment-threads';
import { docToJson, docToMarkdown } from '@specboard/doc/content';
import { formatDocName } from '@specboard/doc/doc-names';
import { listSuggestions } from '@specboard/doc/suggestions';
import { diffVersions } from '@specboard/doc/version-diff';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { auth } from '../auth/auth.server.ts';
import { cardLinks } from '../board/card-links.ts';
import { loadSources } from '../board/sources.server.ts';
import { db } from '../db.server.ts';
import { setUpTestApp } from '../testing/org-fixture.ts';
import { demoAccounts, seedDemo } from './demo.server.ts';

let seeded: Awaited<ReturnType<typeof seedDemo>>;
/** Everything the seed wrote, as counted after its first run. */
let afterFirstRun: Awaited<ReturnType<typeof everything>>;

async function storedDoc(docName: string) {
  const state = await loadDocState(db(), seeded.orgId, docName);
  const doc = new Y.Doc();
  if (state.snapshot) Y.applyUpdateV2(doc, state.snapshot);
  for (const row of state.updates) Y.applyUpdate(doc, row.update);
  return { doc, rows: state.updates.length };
}

async function everything() {
  const { orgId, projectId, prdId } = seeded;
  const prd = await storedDoc(formatDocName('doc', prdId));
  const board = await storedDoc(formatDocName('board', projectId));
  return {
    documents: await listDocuments(db(), orgId, projectId),
    versions: await listVersions(db(), orgId, prdId),
    runs: await listPlanRuns(db(), orgId, projectId),
    modelStats: await listModelStats(db(), orgId),
    suggestionRecords: await listSuggestionRecords(db(), orgId, prdId),
    tasks: await listTasks(db(), orgId, projectId),
    prdRows: prd.rows,
    threads: (await storedDoc(formatDocName('comments', prdId))).doc.getMap('threads').toJSON(),
    prd: prd.doc,
    boardRows: board.rows,
    board: board.doc,
  };
}

setUpTestApp();

beforeAll(async () => {
  seeded = await seedDemo();
  afterFirstRun = await everything();
});

describe('the demo seed', () => {
  it('changes and duplicates nothing when it runs again', async () => {
    expect(await seedDemo()).toEqual(seeded);
    const again = await everything();
    const { prd, board, ...rows } = again;
    const { prd: firstPrd, board: firstBoard, ...firstRows } = afterFirstRun;
    expect(rows).toEqual(firstRows);
    expect(docToMarkdown(prd)).toBe(docToMarkdown(firstPrd));
    expect(readCards(board)).toEqual(readCards(firstBoard));
  });

  it('has an owner, an editor, a commenter and a viewer, verified, who can sign in to the demo team', async () => {
    expect(demoAccounts.map((a) => a.role)).toEqual(['owner', 'editor', 'commenter', 'viewer']);
    for (const account of demoAccounts) {
      const { user } = await auth().api.signInEmail({
        body: { email: account.email, password: account.password },
      });
      expect(user.emailVerified).toBe(true);
      const memberships = await listMemberships(db(), user.id);
      expect(memberships).toEqual([
        expect.objectContaining({ orgId: seeded.orgId, role: account.role }),
      ]);
    }
  });

  it('writes a filled-in PRD in two immutable versions', async () => {
    const { documents, versions, prd } = afterFirstRun;
    expect(documents.map((d) => d.type)).toEqual(['prd']);
    expect(versions.map((v) => v.number)).toEqual([2, 1]);
    const types = new Set(docToJson(prd).content?.map((node) => node.type));
    expect([...types]).toEqual(
      expect.arrayContaining(['heading', 'table', 'taskList', 'orderedList', 'codeBlock']),
    );
    expect(docToMarkdown(prd)).toContain('- [x] Connect a mailbox');
    const latest = await getVersion(db(), seeded.orgId, versions[0]?.id ?? '');
    expect(latest?.content_md).toBe(docToMarkdown(prd).trim());
    expect(latest?.content_md).toContain('within 5 minutes of arriving');
    const first = await getVersion(db(), seeded.orgId, versions[1]?.id ?? '');
    const diff = diffVersions(
      { contentJson: first?.content_json, contentMd: first?.content_md ?? '' },
      { contentJson: latest?.content_json, contentMd: latest?.content_md ?? '' },
    );
    const changed = diff.blocks.filter((b) => b.status !== 'same').map((b) => b.text);
    expect(changed).not.toEqual([]);
    expect(changed.every((text) => /minutes of arriving|breached response target/.test(text))).toBe(
      true,
    );
    const restored = new Y.Doc();
    Y.applyUpdateV2(restored, latest?.y_state ?? new Uint8Array());
    expect(docToMarkdown(restored)).toBe(docToMarkdown(prd));
  });

  it('records a succeeded plan run with its steps, usage and timings', async () => {
    const [run, ...others] = afterFirstRun.runs;
    expect(others).toEqual([]);
    expect(run?.status).toBe('succeeded');
    const steps = (await getPlanRun(db(), seeded.orgId, run?.id ?? ''))?.steps ?? [];
    expect(steps.map((s) => [s.step, s.status])).toEqual([
      ['prd', 'succeeded'],
      ['tech', 'succeeded'],
      ['breakdown', 'succeeded'],
      ['tasks', 'succeeded'],
    ]);
    for (const step of steps) {
      expect(step.tokens_in).toBeGreaterThan(0);
      expect(Number(step.cost_usd)).toBeGreaterThan(0);
      const took = (step.finished_at?.getTime() ?? 0) - (step.started_at?.getTime() ?? 0);
      expect(took).toBe(step.latency_ms);
    }
    const tokensOut = steps.reduce((sum, s) => sum + (s.tokens_out ?? 0), 0);
    expect(run?.metrics).toMatchObject({ tokensOut });
    expect(afterFirstRun.modelStats.map((s) => s.runs)).toEqual([1, 1, 1, 1]);
  });

  it('fills the board from version 1, with one card drifted by version 2', async () => {
    const { board, tasks, versions } = afterFirstRun;
    const cards = readCards(board);
    const columns = new Set(cards.map((c) => c.status));
    expect(columns.size).toBeGreaterThanOrEqual(3);
    expect([...columns].every((id) => readColumns(board).some((c) => c.id === id))).toBe(true);
    expect(tasks.map((t) => t.id).sort()).toEqual(cards.map((c) => c.id).sort());
    const firstId = versions.find((v) => v.number === 1)?.id ?? '';
    expect(cards.every((c) => c.sourceVersionId === firstId)).toBe(true);
    const sources = await loadSources(db(), {
      orgId: seeded.orgId,
      projectId: seeded.projectId,
      versionIds: [firstId],
    });
    const drifted = cards.filter((c) => cardLinks(seeded.orgId, c, sources).drift !== null);
    expect(drifted.map((c) => c.sourceAnchor)).toEqual(['Goals']);
  });

  it('leaves one pending AI suggestion on the PRD, in the document and on record', async () => {
    const { prd, suggestionRecords } = afterFirstRun;
    const suggestions = listSuggestions(prd);
    expect(suggestions.map((s) => s.status)).toEqual(['pending']);
    expect(suggestionRecords.map((r) => [r.id, r.status])).toEqual([
      [suggestions[0]?.id, 'pending'],
    ]);
    expect(docToMarkdown(prd)).toContain(suggestions[0]?.quote);
  });

  it('leaves one open review thread by the commenter, anchored in the PRD', async () => {
    const commentsDoc = (await storedDoc(formatDocName('comments', seeded.prdId))).doc;
    const threads = placeThreads(commentsDoc, afterFirstRun.prd);
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ status: 'open', placement: { orphaned: false } });
    const { user } = await auth().api.signInEmail({
      body: { email: 'commenter@specboard.dev', password: 'specboard-demo' },
    });
    expect(threads[0]?.createdBy).toBe(user.id);
  });
});
