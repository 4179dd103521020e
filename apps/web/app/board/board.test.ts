import { newId } from '@specboard/db/ids';
import { createProject } from '@specboard/db/projects';
import { replaceBoardProjection } from '@specboard/db/tasks';
import { createVersion } from '@specboard/db/versions';
import { verifySyncToken } from '@specboard/doc/sync-token';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';
import { appRequest, outcome, type TestUser } from '../testing/app-fixture.ts';
import { orgWithMembers, projectWithDocument, setUpTestApp } from '../testing/org-fixture.ts';
import { boardLoader } from './board.server.ts';
import { boardExport } from './board-export.server.ts';
import { loadSources } from './sources.server.ts';

setUpTestApp();

let orgId: string;
let owner: TestUser;
let viewer: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  ({
    orgId,
    users: { owner, viewer },
  } = await orgWithMembers({ roles: ['viewer'] }));
  outsider = (await orgWithMembers({ roles: [] })).users.owner;
});

const prd = (goals: string) => `# PRD\n\n## Goals\n\n${goals}\n\n## Scope\n\n- Login`;

async function boardWithDrift() {
  const { project, document } = await projectWithDocument({ orgId, createdBy: owner.id });
  const version = (md: string) =>
    createVersion(db(), {
      orgId,
      documentId: document.id,
      trigger: 'manual',
      yState: new Uint8Array(),
      contentJson: {},
      contentMd: md,
      createdBy: owner.id,
    });
  const v1 = await version(prd('Fast checkout'));
  await version(prd('Fast, cheap checkout'));
  const card = (n: number, anchor: string, status: string) => ({
    // Fresh ids: card ids are global, and each test builds its own board.
    id: newId(),
    title: `Card ${n}, "quoted"`,
    description: 'Details',
    status,
    order: `a${n}`,
    estimate: 3,
    priority: 'high',
    assigneeId: viewer.id,
    labels: ['backend', 'api'],
    dependsOn: [],
    acceptanceCriteria: [{ text: 'Given a, when b, then c', done: false }],
    epicId: null,
    storyId: null,
    sourceVersionId: v1?.id ?? null,
    sourceAnchor: anchor,
  });
  await replaceBoardProjection(db(), {
    orgId,
    projectId: project.id,
    rows: [card(1, 'Goals', 'todo'), card(2, 'Scope', 'done')],
  });
  return { project, document, v1 };
}

describe('the board page', () => {
  it('gives each member a token for the board with their role, and marks drifted sources', async () => {
    const { project, document, v1 } = await boardWithDrift();
    const path = `/orgs/${orgId}/projects/${project.id}/board`;
    const data = await boardLoader(appRequest(path, { user: viewer }), orgId, project.id);
    const claims = await verifySyncToken(data.token.token, env().SYNC_TOKEN_SECRET);
    expect(claims).toMatchObject({
      ok: true,
      claims: { doc: `board:${project.id}`, role: 'viewer', sub: viewer.id },
    });
    expect(data.canEdit).toBe(false);
    expect(data.sources[v1?.id ?? '']).toMatchObject({
      documentId: document.id,
      number: 1,
      latestNumber: 2,
      driftedSections: ['Goals'],
    });
    const elsewhere = await createProject(db(), { orgId, name: 'Other', createdBy: owner.id });
    const versionIds = [v1?.id ?? ''];
    expect(await loadSources(db(), { orgId, projectId: elsewhere.id, versionIds })).toEqual({});
    const refused = await outcome(() =>
      boardLoader(appRequest(path, { user: outsider }), orgId, project.id),
    );
    expect(refused.status).toBe(404);
  });

  it("paints from the projection: each column's first 40 cards, in board order, and its count", async () => {
    const { project } = await projectWithDocument({ orgId, createdBy: owner.id });
    const row = (n: number, status: string) => ({
      id: newId(),
      title: `Card ${n}`,
      description: '',
      status,
      order: `a${String(n).padStart(2, '0')}`,
      estimate: null,
      priority: 'medium',
      assigneeId: null,
      labels: [],
      dependsOn: [],
      acceptanceCriteria: [],
      epicId: null,
      storyId: null,
      sourceVersionId: null,
      sourceAnchor: null,
    });
    const todo = Array.from({ length: 45 }, (_, n) => row(44 - n, 'todo'));
    await replaceBoardProjection(db(), {
      orgId,
      projectId: project.id,
      rows: [...todo, row(1, 'done'), row(2, 'qa')],
    });
    const path = `/orgs/${orgId}/projects/${project.id}/board`;
    const { rows } = await boardLoader(appRequest(path, { user: viewer }), orgId, project.id);
    expect(rows.counts).toEqual({ todo: 45, done: 1, qa: 1 });
    const inTodo = rows.cards.filter((card) => card.status === 'todo').map((card) => card.title);
    expect(inTodo).toEqual(Array.from({ length: 40 }, (_, n) => `Card ${n}`));
    expect(rows.columns.map((column) => column.id)).toEqual([
      'todo',
      'in_progress',
      'review',
      'done',
      'qa',
    ]);
    expect(rows.proposals).toEqual([]);
  });

  it('exports the projected board as Markdown, JSON and Jira/GitHub CSV linking to the PRD', async () => {
    const { project, document } = await boardWithDrift();
    const download = async (format: string) => {
      const response = await boardExport(
        appRequest(`/x?format=${format}`, { user: viewer }),
        orgId,
        project.id,
      );
      expect(response.headers.get('content-disposition')).toContain('launch-board');
      return response.text();
    };
    const json = JSON.parse(await download('json'));
    expect(json.tasks.map((t: { title: string; status: string }) => [t.title, t.status])).toEqual([
      ['Card 2, "quoted"', 'done'],
      ['Card 1, "quoted"', 'todo'],
    ]);
    expect(json.tasks[1].source).toBe(
      `${env().BASE_URL}/orgs/${orgId}/documents/${document.id}#Goals`,
    );
    expect(json.tasks[1].assigneeName).toBe('viewer person');
    const jira = await download('csv-jira');
    expect(jira.split('\r\n')[0]).toContain('Summary,Description,Issue Type,Status');
    expect(jira).toContain('"Card 1, ""quoted"""');
    expect(await download('csv-github')).toMatch(
      /^title,body,labels,assignees,state,milestone\r\n/,
    );
    expect(await download('md')).toContain('## Done (1)');
    const bad = await outcome(() =>
      boardExport(appRequest('/x?format=xls', { user: viewer }), orgId, project.id),
    );
    expect(bad.status).toBe(400);
  });
});
