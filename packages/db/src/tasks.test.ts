import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BoardTaskRow, listTasks, replaceBoardProjection } from './tasks.ts';
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
