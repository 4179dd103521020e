import { sql } from 'kysely';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';

/**
 * One row of an organisation in every tenant table, written as the owner (no row-level
 * security applies): the row-level security test checks each table against these rows, and
 * fails for a tenant table this seed does not fill — add a row here with the new table.
 */
export async function seedEveryTenantTable(owner: Db, orgId: string): Promise<void> {
  const user = newId();
  const [project, document, version, run, step, epic, story] = Array.from({ length: 7 }, newId);
  const insert = async (table: string, row: Record<string, unknown>) => {
    const entries = Object.entries({ org_id: orgId, ...row });
    await sql`insert into ${sql.table(table)} (${sql.join(entries.map(([k]) => sql.ref(k)))})
      values (${sql.join(entries.map(([, v]) => v))})`.execute(owner);
  };
  await owner
    .insertInto('users')
    .values({ id: user, name: 'Seed', email: `${user}@example.com` })
    .execute();
  await owner
    .insertInto('organizations')
    .values({ id: orgId, name: 'Seed', slug: orgId.toLowerCase() })
    .execute();
  await insert('projects', { id: project, name: 'P' });
  await insert('documents', { id: document, project_id: project, type: 'notes', title: 'D' });
  await insert('plan_runs', { id: run, project_id: project, provider: 'offline', model: 'm' });
  await insert('document_versions', {
    id: version,
    document_id: document,
    number: 1,
    trigger: 'manual',
    y_state: new Uint8Array([0, 0]),
    content_json: {},
    content_md: 'seed',
    plan_run_id: run,
  });
  await insert('plan_run_steps', {
    id: step,
    plan_run_id: run,
    step: 'prd',
    provider: 'o',
    model: 'm',
  });
  await insert('ai_suggestions', {
    id: newId(),
    document_id: document,
    plan_run_step_id: step,
    kind: 'insert',
  });
  await insert('epics', { id: epic, project_id: project, title: 'E', source_version_id: version });
  await insert('stories', { id: story, project_id: project, epic_id: epic, title: 'S' });
  await insert('tasks', {
    id: newId(),
    project_id: project,
    epic_id: epic,
    story_id: story,
    title: 'T',
    status: 'todo',
    board_order: 'a0',
  });
  await insert('templates', { id: newId(), kind: 'prd', name: 'T', structure: {} });
  await insert('activity_log', {
    id: newId(),
    resource_type: 'project',
    resource_id: project,
    action: 'created',
  });
  await insert('model_stats', { id: newId(), provider: 'o', model: 'm', step: 'prd' });
  await insert('org_ai_settings', { allowed_models: ['m'] });
  await insert('ai_model_prices', { model: 'm', input_per_mtok: 1, output_per_mtok: 2 });
  await insert('notifications', {
    id: newId(),
    recipient_id: user,
    kind: 'invited',
    title: 'Seed',
    link: '/orgs',
  });
  await insert('document_mentions', { document_id: document, user_id: user, mentions: 1 });
  const integration = newId();
  await insert('integrations', {
    id: integration,
    kind: 'webhook',
    name: 'Seed',
    secret_sealed: 'sealed',
  });
  await insert('integration_mappings', {
    id: newId(),
    integration_id: integration,
    resource_type: 'card',
    resource_id: newId(),
    external_id: 'SEED-1',
    external_type: 'jira-issue',
  });
  await insert('inbound_deliveries', {
    id: newId(),
    integration_id: integration,
    delivery_id: newId(),
    body_sha256: 'seed',
    sent_at: sql`now()`,
  });
  await insert('integration_deliveries', {
    id: newId(),
    integration_id: integration,
    event_id: newId(),
    event_kind: 'card.created',
    payload: {},
  });
  const docName = `doc:${document}`;
  await insert('doc_updates', {
    doc_name: docName,
    update: new Uint8Array([0, 0]),
    origin: 'seed',
  });
  await insert('doc_snapshots', { doc_name: docName, state: new Uint8Array([0, 0]) });
  await insert('doc_activity', { doc_name: docName, last_changed_at: sql`now()` });
  await insert('presence', {
    connection_id: newId(),
    doc_name: docName,
    user_id: user,
    instance_id: 'seed',
  });
}
