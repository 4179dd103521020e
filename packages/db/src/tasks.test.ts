import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendDocUpdates } from './doc-log.ts';
import { newId } from './ids.ts';
import {
  type BoardTaskRow,
  clampEstimate,
  listAssignees,
  listEpics,
  listRecentlyChangedBoards,
  listTasks,
  recordBreakdown,
  replaceBoardProjection,
  taskLimits,
} from './tasks.ts';
import {
  createTenant,
  createTestDatabase,
  type Tenant,
  type TestDatabase,
} from './testing/index.ts';

let t: TestDatabase;
let tenant: Tenant;
beforeAll(async () => {
  t = await createTestDatabase();
  tenant = await createTenant(t.db);
});
afterAll(async () => {
  await t.drop();
});

function row(id: string, status: string, order: string): BoardTaskRow {
  return {
    id,
    title: `Task ${id.slice(-1)}`,
    description: '',
    status,
    order,
    estimate: null,
    priority: null,
    assigneeId: null,
    labels: [],
    dependsOn: [],
    acceptanceCriteria: [],
    epicId: null,
    storyId: null,
    sourceVersionId: null,
    sourceAnchor: null,
  };
}

describe('board projection into tasks', () => {
  it('mirrors the board: upserts moved cards, removes deleted ones, orders keys bytewise', async () => {
    const project = { orgId: tenant.orgId, projectId: tenant.projectId };
    await replaceBoardProjection(t.db, {
      ...project,
      rows: [
        row('01JTASK0000000000000000001', 'todo', 'a0'),
        row('01JTASK0000000000000000002', 'todo', 'a1'),
        row('01JTASK0000000000000000003', 'todo', 'Zz'),
      ],
    });
    // 'Zz' sorts before 'a0' bytewise (fractional-index keys), though not in most locales.
    expect(
      (await listTasks(t.db, tenant.orgId, tenant.projectId)).map((x) => x.board_order),
    ).toEqual(['Zz', 'a0', 'a1']);

    await replaceBoardProjection(t.db, {
      ...project,
      rows: [
        row('01JTASK0000000000000000001', 'done', 'a0'),
        row('01JTASK0000000000000000003', 'todo', 'Zz'),
      ],
    });
    const tasks = await listTasks(t.db, tenant.orgId, tenant.projectId);
    expect(tasks.map((x) => [x.id.slice(-1), x.status])).toEqual([
      ['1', 'done'],
      ['3', 'todo'],
    ]);

    await replaceBoardProjection(t.db, { ...project, rows: [] });
    expect(await listTasks(t.db, tenant.orgId, tenant.projectId)).toEqual([]);
  });
});

describe('board projection details', () => {
  it('writes nothing when re-run on the same board', async () => {
    const project = { orgId: tenant.orgId, projectId: tenant.projectId };
    const rows = [row('01JTASK0000000000000000007', 'todo', 'a0')];
    await replaceBoardProjection(t.db, { ...project, rows });
    const [before] = await listTasks(t.db, tenant.orgId, tenant.projectId);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await replaceBoardProjection(t.db, { ...project, rows });
    const [after] = await listTasks(t.db, tenant.orgId, tenant.projectId);
    expect(after?.updated_at).toEqual(before?.updated_at);
    await replaceBoardProjection(t.db, {
      ...project,
      rows: [{ ...rows[0], title: 'New' } as BoardTaskRow],
    });
    const [changed] = await listTasks(t.db, tenant.orgId, tenant.projectId);
    expect(changed?.title).toBe('New');
    expect(changed?.updated_at.getTime()).toBeGreaterThan(before?.updated_at.getTime() ?? 0);
  });

  it('projects unknown epics, stories, versions and assignees as null, known ones as set', async () => {
    const epicId = newId();
    const storyId = newId();
    await recordBreakdown(t.db, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      versionId: null,
      epics: [
        {
          id: epicId,
          title: 'Accounts',
          description: '',
          sourceAnchor: 'Goals',
          stories: [
            {
              id: storyId,
              title: 'Sign in',
              description: '',
              acceptanceCriteria: [],
              sourceAnchor: null,
            },
          ],
        },
      ],
    });
    const card = {
      ...row('01JTASK0000000000000000008', 'todo', 'a0'),
      epicId,
      storyId,
      assigneeId: tenant.userId,
    };
    const stray = {
      ...row('01JTASK0000000000000000009', 'todo', 'a1'),
      epicId: newId(),
      assigneeId: 'someone-else',
      sourceVersionId: newId(),
    };
    await replaceBoardProjection(t.db, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      rows: [card, stray],
    });
    expect(await listEpics(t.db, tenant.orgId, tenant.projectId)).toEqual([
      { id: epicId, title: 'Accounts' },
    ]);
    const tasks = await listTasks(t.db, tenant.orgId, tenant.projectId);
    expect(tasks.map((x) => [x.epic_id, x.story_id, x.assignee_id, x.source_version_id])).toEqual([
      [epicId, storyId, tenant.userId, null],
      [null, null, null, null],
    ]);
  });

  it("never takes over another organisation's task through a reused card id", async () => {
    const other = await createTenant(t.db, 'Globex');
    const id = '01JTASK000000000000000000A';
    await replaceBoardProjection(t.db, {
      orgId: tenant.orgId,
      projectId: tenant.projectId,
      rows: [row(id, 'todo', 'a0')],
    });
    // Row-level security refuses the upsert outright: the row it would update is not theirs.
    await expect(
      replaceBoardProjection(t.db, {
        orgId: other.orgId,
        projectId: other.projectId,
        rows: [{ ...row(id, 'done', 'a0'), title: 'Hijacked' }],
      }),
    ).rejects.toThrow(/row-level security/);
    const mine = await listTasks(t.db, tenant.orgId, tenant.projectId);
    expect(mine.find((x) => x.id === id)).toMatchObject({ title: 'Task A', status: 'todo' });
    expect(await listTasks(t.db, other.orgId, other.projectId)).toEqual([]);
  });

  it('lists the members a card can be assigned to', async () => {
    expect(await listAssignees(t.db, tenant.orgId)).toEqual([
      { id: tenant.userId, name: 'Acme Owner' },
    ]);
  });

  it('lists boards with recent changes', async () => {
    await appendDocUpdates(t.db, tenant.orgId, [
      { docName: `board:${tenant.projectId}`, update: new Uint8Array([0, 0]), origin: 'test' },
    ]);
    expect(await listRecentlyChangedBoards(t.db, 60)).toContainEqual({
      orgId: tenant.orgId,
      projectId: tenant.projectId,
    });
  });
});

describe('board projection of values any client could write', () => {
  it('clamps estimates to numeric(8, 2)', () => {
    expect(
      [1e12, -1e12, 999_999.995, 2.345, Number.NaN, Number.POSITIVE_INFINITY, null].map(
        clampEstimate,
      ),
    ).toEqual([999_999.99, -999_999.99, 999_999.99, 2.35, null, 999_999.99, null]);
  });

  it('brings every value into its column: estimate 1e12, NUL, lone surrogates, huge keys', async () => {
    const other = await createTenant(t.db, 'Poisoned');
    const project = { orgId: other.orgId, projectId: other.projectId };
    const huge = 'x'.repeat(200_000);
    await replaceBoardProjection(t.db, {
      ...project,
      rows: [
        { ...row('01JPOISON00000000000000001', 'todo', 'a0'), estimate: 1e12 },
        { ...row('01JPOISON00000000000000002', 'todo', 'a1'), estimate: -1e12 },
        { ...row('01JPOISON00000000000000003', 'todo', 'a2'), estimate: 1.005 },
        {
          ...row('01JPOISON00000000000000004', `todo${huge}`, `a3${'é'.repeat(5_000)}`),
          title: `nul\u0000 and \ud800 lone`,
          description: huge,
          labels: ['a\u0000b', '\udfff'],
          acceptanceCriteria: [{ text: 'c\u0000', done: false }],
          sourceAnchor: huge,
        },
      ],
    });
    const tasks = await listTasks(t.db, other.orgId, other.projectId);
    const byId = new Map(tasks.map((task) => [task.id.slice(-1), task]));
    expect(byId.get('1')?.estimate).toBe('999999.99');
    expect(byId.get('2')?.estimate).toBe('-999999.99');
    expect(Number(byId.get('3')?.estimate)).toBeCloseTo(1, 1);
    const wild = byId.get('4');
    expect(wild?.title).toBe('nul and \ufffd lone');
    expect(wild?.labels).toEqual(['ab', '\ufffd']);
    expect(wild?.acceptance_criteria).toEqual([{ text: 'c', done: false }]);
    expect(Buffer.byteLength(wild?.status ?? '')).toBeLessThanOrEqual(taskLimits.statusBytes);
    expect(Buffer.byteLength(wild?.board_order ?? '')).toBeLessThanOrEqual(taskLimits.orderBytes);
    expect(wild?.board_order.endsWith('é')).toBe(true);
    expect(wild?.description).toHaveLength(taskLimits.descriptionChars);
    expect(wild?.source_anchor).toHaveLength(taskLimits.shortTextChars);
  });

  it('projects more rows than one statement could carry, then only the changes', async () => {
    const other = await createTenant(t.db, 'Big board');
    const project = { orgId: other.orgId, projectId: other.projectId };
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      ...row(`01JBIG${String(i).padStart(20, '0')}`, 'todo', `a${String(i).padStart(5, '0')}`),
      epicId: newId(),
      labels: ['bulk'],
    }));
    await replaceBoardProjection(t.db, { ...project, rows });
    expect(await listTasks(t.db, other.orgId, other.projectId)).toHaveLength(10_000);
    await replaceBoardProjection(t.db, { ...project, rows: rows.slice(0, 4_000) });
    expect(await listTasks(t.db, other.orgId, other.projectId)).toHaveLength(4_000);
  });
});
