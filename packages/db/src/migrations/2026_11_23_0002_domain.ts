import { type Kysely, sql } from 'kysely';

/** `id` (ULID), `org_id` and the two timestamps every tenant table carries. */
function tenantTable(db: Kysely<any>, name: string) {
  return db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`length(id) = 26`))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`));
}

async function indexOrg(db: Kysely<any>, table: string): Promise<void> {
  await db.schema.createIndex(`${table}_org_id_idx`).on(table).column('org_id').execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await tenantTable(db, 'projects')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('idea', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('constraints', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('preferred_provider', 'text')
    .addColumn('preferred_model', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active', 'archived')`),
    )
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await indexOrg(db, 'projects');

  await tenantTable(db, 'documents')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('prd', 'tech', 'notes')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('current_version_id', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await indexOrg(db, 'documents');
  await db.schema
    .createIndex('documents_project_id_idx')
    .on('documents')
    .column('project_id')
    .execute();
  // One live PRD and one live tech spec per project: the generated documents are singletons.
  await sql`create unique index documents_project_generated_type_key on documents (project_id, type)
    where type in ('prd', 'tech') and deleted_at is null`.execute(db);

  await tenantTable(db, 'plan_runs')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('triggered_by', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued', 'running', 'partial', 'failed', 'succeeded', 'cancelled')`),
    )
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('input_snapshot', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('metrics', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('error_message', 'text')
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await indexOrg(db, 'plan_runs');
  await db.schema
    .createIndex('plan_runs_project_id_idx')
    .on('plan_runs')
    .columns(['project_id', 'created_at'])
    .execute();

  await tenantTable(db, 'document_versions')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
    .addColumn('label', 'text')
    .addColumn('trigger', 'text', (c) =>
      c.notNull().check(sql`trigger in ('manual', 'generation', 'ai_accept', 'restore', 'auto')`),
    )
    .addColumn('y_state', 'bytea', (c) => c.notNull())
    .addColumn('content_json', 'jsonb', (c) => c.notNull())
    .addColumn('content_md', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('plan_run_id', 'text', (c) => c.references('plan_runs.id'))
    .addColumn('search', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(sql`to_tsvector('english', coalesce(label, '') || ' ' || content_md)`)
        .stored(),
    )
    .addUniqueConstraint('document_versions_document_number_key', ['document_id', 'number'])
    .execute();
  await indexOrg(db, 'document_versions');
  await sql`create index document_versions_search_idx on document_versions using gin (search)`.execute(
    db,
  );
  await sql`alter table documents add constraint documents_current_version_fk
    foreign key (current_version_id) references document_versions (id)`.execute(db);
  await sql`create function reject_document_version_change() returns trigger language plpgsql as $$
    begin
      raise exception 'document_versions rows are immutable (% refused on %)', tg_op, old.id
        using errcode = 'restrict_violation';
    end $$`.execute(db);
  await sql`create trigger document_versions_immutable before update or delete on document_versions
    for each row execute function reject_document_version_change()`.execute(db);

  await tenantTable(db, 'plan_run_steps')
    .addColumn('plan_run_id', 'text', (c) =>
      c.notNull().references('plan_runs.id').onDelete('cascade'),
    )
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued', 'running', 'failed', 'succeeded', 'cancelled', 'skipped')`),
    )
    .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('prompt_hash', 'text')
    .addColumn('request_meta', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('rate_limits', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('output', 'jsonb')
    .addColumn('tokens_in', 'integer')
    .addColumn('tokens_out', 'integer')
    .addColumn('cost_usd', sql`numeric(12, 6)`)
    .addColumn('latency_ms', 'integer')
    .addColumn('error_message', 'text')
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addUniqueConstraint('plan_run_steps_run_step_variant_key', ['plan_run_id', 'step', 'variant'])
    .execute();
  await indexOrg(db, 'plan_run_steps');

  await tenantTable(db, 'ai_suggestions')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('plan_run_step_id', 'text', (c) => c.references('plan_run_steps.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('replace', 'insert', 'delete', 'comment')`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('streaming', 'pending', 'accepted', 'rejected', 'failed')`),
    )
    .addColumn('quote', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content_md', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rationale', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requested_by', 'text', (c) => c.references('users.id'))
    .addColumn('provider', 'text')
    .addColumn('model', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .execute();
  await indexOrg(db, 'ai_suggestions');
  await db.schema
    .createIndex('ai_suggestions_document_id_idx')
    .on('ai_suggestions')
    .column('document_id')
    .execute();

  await tenantTable(db, 'epics')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_version_id', 'text', (c) => c.references('document_versions.id'))
    .addColumn('source_anchor', 'text')
    .execute();
  await indexOrg(db, 'epics');

  await tenantTable(db, 'stories')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('epic_id', 'text', (c) => c.references('epics.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('acceptance_criteria', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('source_version_id', 'text', (c) => c.references('document_versions.id'))
    .addColumn('source_anchor', 'text')
    .execute();
  await indexOrg(db, 'stories');

  // A projection of the board document `board:<projectId>`: ids are the Yjs task ids, and
  // `board_order` holds fractional-index keys, which must compare bytewise (collation "C").
  await tenantTable(db, 'tasks')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('epic_id', 'text', (c) => c.references('epics.id'))
    .addColumn('story_id', 'text', (c) => c.references('stories.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('board_order', sql`text collate "C"`, (c) => c.notNull())
    .addColumn('estimate', sql`numeric(8, 2)`)
    .addColumn('priority', 'text')
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('labels', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('depends_on', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('acceptance_criteria', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('source_version_id', 'text', (c) => c.references('document_versions.id'))
    .addColumn('source_anchor', 'text')
    .addColumn('search', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`to_tsvector('english', title || ' ' || description)`).stored(),
    )
    .execute();
  await indexOrg(db, 'tasks');
  await db.schema
    .createIndex('tasks_project_status_order_idx')
    .on('tasks')
    .columns(['project_id', 'status', 'board_order'])
    .execute();
  await sql`create index tasks_search_idx on tasks using gin (search)`.execute(db);

  await db.schema
    .createTable('templates')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`length(id) = 26`))
    .addColumn('org_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('prd', 'tech', 'notes')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('structure', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await indexOrg(db, 'templates');
  await sql`create unique index templates_org_kind_name_key on templates
    (coalesce(org_id, ''), kind, name)`.execute(db);

  // Append-only: rows are never updated, so only created_at.
  await db.schema
    .createTable('activity_log')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`length(id) = 26`))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('changes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('activity_log_org_created_idx')
    .on('activity_log')
    .columns(['org_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('activity_log_resource_idx')
    .on('activity_log')
    .columns(['resource_type', 'resource_id', 'created_at'])
    .execute();

  await tenantTable(db, 'model_stats')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tokens_in', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('tokens_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('latency_ms_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cost_usd', sql`numeric(14, 6)`, (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('model_stats_org_provider_model_step_key', [
      'org_id',
      'provider',
      'model',
      'step',
    ])
    .execute();
  await indexOrg(db, 'model_stats');
}
