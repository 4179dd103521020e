import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A timestamp column the database fills in. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb: read as the parsed value, written as the object (postgres.js serialises it). */
type Json<T> = ColumnType<T, T, T>;
/** Columns the database computes (tsvector search columns). */
type Computed<T> = ColumnType<T, never, never>;
/** numeric comes back from postgres.js as a string to keep its precision. */
type Numeric = ColumnType<string, number | string, number | string>;

export type OrgRole = 'owner' | 'admin' | 'editor' | 'commenter' | 'viewer';
export type DocumentType = 'prd' | 'tech' | 'notes';
export type VersionTrigger = 'manual' | 'generation' | 'ai_accept' | 'restore' | 'auto';
export type PlanRunStatus = 'queued' | 'running' | 'partial' | 'failed' | 'succeeded' | 'cancelled';
export type PlanRunStepStatus =
  | 'queued'
  | 'running'
  | 'failed'
  | 'succeeded'
  | 'cancelled'
  | 'skipped';
export type SuggestionKind = 'replace' | 'insert' | 'delete' | 'comment';
export type SuggestionStatus = 'streaming' | 'pending' | 'accepted' | 'rejected' | 'failed';

export interface UsersTable {
  id: string;
  name: string;
  email: string;
  email_verified: Generated<boolean>;
  image: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  slug: string;
  logo: string | null;
  metadata: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SessionsTable {
  id: string;
  token: string;
  user_id: string;
  expires_at: Timestamp;
  ip_address: string | null;
  user_agent: string | null;
  active_organization_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AccountsTable {
  id: string;
  account_id: string;
  provider_id: string;
  user_id: string;
  access_token: string | null;
  refresh_token: string | null;
  id_token: string | null;
  access_token_expires_at: Timestamp | null;
  refresh_token_expires_at: Timestamp | null;
  scope: string | null;
  password: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface VerificationsTable {
  id: string;
  identifier: string;
  value: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MembersTable {
  id: string;
  organization_id: string;
  user_id: string;
  role: OrgRole;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface InvitationsTable {
  id: string;
  organization_id: string;
  email: string;
  role: OrgRole;
  status: Generated<string>;
  inviter_id: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

interface TenantRow {
  id: string;
  org_id: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ProjectConstraints {
  timeline?: string;
  budget?: string;
  stack?: string;
  notes?: string;
}

export interface ProjectsTable extends TenantRow {
  name: string;
  idea: Generated<string>;
  constraints: Json<ProjectConstraints>;
  preferred_provider: string | null;
  preferred_model: string | null;
  status: Generated<'active' | 'archived'>;
  created_by: string | null;
  deleted_at: Timestamp | null;
}

export interface DocumentsTable extends TenantRow {
  project_id: string;
  type: DocumentType;
  title: string;
  current_version_id: string | null;
  created_by: string | null;
  deleted_at: Timestamp | null;
  /** The template it was created from: what a completeness review checks it against. */
  template_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DocumentVersionsTable extends TenantRow {
  document_id: string;
  number: number;
  label: string | null;
  trigger: VersionTrigger;
  y_state: Uint8Array;
  content_json: Json<unknown>;
  content_md: string;
  created_by: string | null;
  plan_run_id: string | null;
  search: Computed<string>;
}

export interface PlanRunsTable extends TenantRow {
  project_id: string;
  triggered_by: string | null;
  status: Generated<PlanRunStatus>;
  provider: string;
  model: string;
  input_snapshot: Json<Record<string, unknown>>;
  metrics: Json<Record<string, unknown>>;
  error_message: string | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface PlanRunStepsTable extends TenantRow {
  plan_run_id: string;
  step: string;
  variant: Generated<string>;
  status: Generated<PlanRunStepStatus>;
  attempt: Generated<number>;
  provider: string;
  model: string;
  prompt_hash: string | null;
  request_meta: Json<Record<string, unknown>>;
  rate_limits: Json<Record<string, unknown>>;
  output: Json<unknown> | null;
  tokens_in: number | null;
  tokens_out: number | null;
  cost_usd: Numeric | null;
  latency_ms: number | null;
  error_message: string | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface AiSuggestionsTable extends TenantRow {
  document_id: string;
  plan_run_step_id: string | null;
  kind: SuggestionKind;
  status: Generated<SuggestionStatus>;
  quote: Generated<string>;
  content_md: Generated<string>;
  rationale: Generated<string>;
  requested_by: string | null;
  provider: string | null;
  model: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

export interface EpicsTable extends TenantRow {
  project_id: string;
  title: string;
  description: Generated<string>;
  source_version_id: string | null;
  source_anchor: string | null;
}

export interface StoriesTable extends TenantRow {
  project_id: string;
  epic_id: string | null;
  title: string;
  description: Generated<string>;
  acceptance_criteria: Json<unknown[]>;
  source_version_id: string | null;
  source_anchor: string | null;
}

export interface TasksTable extends TenantRow {
  project_id: string;
  epic_id: string | null;
  story_id: string | null;
  title: string;
  description: Generated<string>;
  status: string;
  board_order: string;
  estimate: Numeric | null;
  priority: string | null;
  assignee_id: string | null;
  labels: Json<string[]>;
  depends_on: Json<string[]>;
  acceptance_criteria: Json<unknown[]>;
  source_version_id: string | null;
  source_anchor: string | null;
  search: Computed<string>;
}

export interface TemplatesTable {
  id: string;
  org_id: string | null;
  kind: DocumentType;
  name: string;
  structure: Json<unknown>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ActivityLogTable {
  id: string;
  org_id: string;
  actor_id: string | null;
  resource_type: string;
  resource_id: string;
  action: string;
  changes: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface ModelStatsTable extends TenantRow {
  provider: string;
  model: string;
  step: string;
  runs: Generated<number>;
  failures: Generated<number>;
  accepted: Generated<number>;
  rejected: Generated<number>;
  tokens_in: ColumnType<string, number | string | undefined, number | string>;
  tokens_out: ColumnType<string, number | string | undefined, number | string>;
  latency_ms_total: ColumnType<string, number | string | undefined, number | string>;
  cost_usd: ColumnType<string, number | string | undefined, number | string>;
}

export interface DocUpdatesTable {
  /** bigserial: postgres.js returns it as a string; compare with BigInt. */
  id: ColumnType<string, never, never>;
  doc_name: string;
  /** Defaults to the transaction's organisation (`withOrg`); row-level security checks it. */
  org_id: Generated<string>;
  update: Uint8Array;
  origin: string;
  created_at: CreatedAt;
}

export interface DocSnapshotsTable {
  /** Defaults to the transaction's organisation (`withOrg`); row-level security checks it. */
  org_id: Generated<string>;
  doc_name: string;
  state: Uint8Array;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Newest change compaction folded away per document (newer ones are in `doc_updates`). */
export interface DocActivityTable {
  /** Defaults to the transaction's organisation (`withOrg`); row-level security checks it. */
  org_id: Generated<string>;
  doc_name: string;
  last_changed_at: Date;
}

export interface PresenceTable {
  /** Defaults to the transaction's organisation (`withOrg`); row-level security checks it. */
  org_id: Generated<string>;
  connection_id: string;
  doc_name: string;
  user_id: string;
  instance_id: string;
  state: Json<Record<string, unknown>>;
  connected_at: CreatedAt;
  last_seen_at: UpdatedAt;
}

export type RevocationScope = 'document' | 'project' | 'organization';

export interface RevocationsTable {
  /** bigserial: postgres.js returns it as a string. */
  id: ColumnType<string, never, never>;
  /** Null: every user. */
  user_id: string | null;
  scope: RevocationScope;
  /** A doc name (`doc:…`/`board:…`), a project id or an organisation id. */
  scope_id: string;
  revoked_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DevOutboxTable {
  /** bigserial: postgres.js returns it as a string. */
  id: ColumnType<string, never, never>;
  to_address: string;
  subject: string;
  body: string;
  links: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
}

/** What an organisation allows its AI work to spend; empty lists allow anything. */
export interface OrgAiSettingsTable {
  org_id: string;
  allowed_providers: ColumnType<string[], string[] | undefined, string[]>;
  allowed_models: ColumnType<string[], string[] | undefined, string[]>;
  /** bigint: postgres.js returns it as a string. */
  monthly_token_budget: Numeric | null;
  monthly_cost_budget_usd: Numeric | null;
  max_concurrent_runs: number | null;
  max_reply_chars: number | null;
  updated_by: string | null;
  updated_at: UpdatedAt;
}

/** List prices in US dollars per million tokens (not tenant data). */
export interface AiPriceDefaultsTable {
  model: string;
  input_per_mtok: Numeric;
  output_per_mtok: Numeric;
}

/** An organisation's own price for a model; wins over the list price. */
export interface AiModelPricesTable {
  org_id: string;
  model: string;
  input_per_mtok: Numeric;
  output_per_mtok: Numeric;
}

export type NotificationChannel = 'in_app' | 'email' | 'off';

export interface NotificationsTable {
  id: string;
  org_id: string;
  recipient_id: string;
  actor_id: string | null;
  kind: string;
  title: string;
  link: string;
  email_pending: Generated<boolean>;
  read_at: Timestamp | null;
  emailed_at: Timestamp | null;
  created_at: CreatedAt;
}

/** Per document and person: the most mentions of them notified so far (migration 0016). */
export interface DocumentMentionsTable {
  org_id: string;
  document_id: string;
  user_id: string;
  mentions: number;
  notified_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: string;
  channel: NotificationChannel;
  updated_at: UpdatedAt;
}

export type IntegrationKind =
  | 'webhook'
  | 'jira'
  | 'github'
  | 'slack'
  | 'mattermost'
  | 'teams'
  | 'confluence';
export type IntegrationStatus = 'active' | 'paused';
export type MappingResourceType = 'card' | 'document' | 'version';
export type MappingSyncStatus = 'pending' | 'synced' | 'failed' | 'conflict';
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'skipped';

/** Settings of an integration that are not secret (URL, subscribed events, project…). */
export type IntegrationConfig = Record<string, unknown>;

export interface IntegrationsTable extends TenantRow {
  kind: IntegrationKind;
  name: string;
  config: Json<IntegrationConfig>;
  /** `v1.<keyId>.<iv>.<tag>.<ciphertext>` (AES-256-GCM, sealed by the app). */
  secret_sealed: string;
  status: ColumnType<IntegrationStatus, IntegrationStatus | undefined, IntegrationStatus>;
  created_by: string | null;
}

export interface IntegrationMappingsTable extends TenantRow {
  integration_id: string;
  resource_type: MappingResourceType;
  resource_id: string;
  external_id: string;
  external_type: string;
  external_url: string | null;
  sync_status: ColumnType<MappingSyncStatus, MappingSyncStatus | undefined, MappingSyncStatus>;
  last_synced_at: Date | null;
  /** What both sides agreed on at the last sync (e.g. `{projectId, status}` of a card). */
  synced_state: ColumnType<
    Record<string, unknown>,
    Record<string, unknown> | undefined,
    Record<string, unknown>
  >;
  last_error: string | null;
}

export interface IntegrationDeliveriesTable extends TenantRow {
  integration_id: string;
  event_id: string;
  event_kind: string;
  payload: Json<Record<string, unknown>>;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  response_code: number | null;
  response_ms: number | null;
  last_error: string | null;
  redelivery_of: string | null;
  last_attempt_at: Date | null;
}

/** An inbound tracker webhook already received: refused if it arrives again. */
export interface InboundDeliveriesTable extends TenantRow {
  integration_id: string;
  /** The sender's id of the delivery (`X-GitHub-Delivery`, `X-Atlassian-Webhook-Identifier`). */
  delivery_id: string;
  /** Hex SHA-256 of the signed body: the id header is not signed, the body is. */
  body_sha256: string;
  /** The time the signed body says it was sent. */
  sent_at: Date;
}

export interface Database {
  users: UsersTable;
  organizations: OrganizationsTable;
  sessions: SessionsTable;
  accounts: AccountsTable;
  verifications: VerificationsTable;
  members: MembersTable;
  invitations: InvitationsTable;
  projects: ProjectsTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  plan_runs: PlanRunsTable;
  plan_run_steps: PlanRunStepsTable;
  ai_suggestions: AiSuggestionsTable;
  epics: EpicsTable;
  stories: StoriesTable;
  tasks: TasksTable;
  templates: TemplatesTable;
  activity_log: ActivityLogTable;
  model_stats: ModelStatsTable;
  doc_updates: DocUpdatesTable;
  doc_snapshots: DocSnapshotsTable;
  doc_activity: DocActivityTable;
  presence: PresenceTable;
  revocations: RevocationsTable;
  dev_outbox: DevOutboxTable;
  org_ai_settings: OrgAiSettingsTable;
  ai_price_defaults: AiPriceDefaultsTable;
  ai_model_prices: AiModelPricesTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  document_mentions: DocumentMentionsTable;
  integrations: IntegrationsTable;
  integration_mappings: IntegrationMappingsTable;
  integration_deliveries: IntegrationDeliveriesTable;
  inbound_deliveries: InboundDeliveriesTable;
}

export type Project = Selectable<ProjectsTable>;
export type NewProject = Insertable<ProjectsTable>;
export type ProjectUpdate = Updateable<ProjectsTable>;
export type Document = Selectable<DocumentsTable>;
export type DocumentVersion = Selectable<DocumentVersionsTable>;
export type PlanRun = Selectable<PlanRunsTable>;
export type PlanRunStep = Selectable<PlanRunStepsTable>;
export type AiSuggestion = Selectable<AiSuggestionsTable>;
export type Task = Selectable<TasksTable>;
export type Template = Selectable<TemplatesTable>;
export type ActivityEntry = Selectable<ActivityLogTable>;
export type ModelStats = Selectable<ModelStatsTable>;
export type Member = Selectable<MembersTable>;
export type User = Selectable<UsersTable>;
export type Organization = Selectable<OrganizationsTable>;
export type DevOutboxRow = Selectable<DevOutboxTable>;
export type OrgAiSettings = Selectable<OrgAiSettingsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
