export { APP_LOGIN, appLoginUrl, ensureAppLogin } from './app-role.ts';
export { assertAppRole, type ConnectedRole, connectedRole } from './app-role-check.ts';
export { type CreateDbOptions, createDb, type Db, isDatabaseReachable } from './client.ts';
export {
  listOutboxMessages,
  type NewOutboxMessage,
  type OutboxMessage,
  recordOutboxMessage,
} from './dev-outbox.ts';
export {
  type EmbeddedPostgresOptions,
  type RunningPostgres,
  startEmbeddedPostgres,
} from './embedded.ts';
export {
  type FinishedPlanRunInput,
  type FinishedStepInput,
  recordFinishedPlanRun,
} from './finished-runs.ts';
export { isUlid, newId, ulidSchema } from './ids.ts';
export { assertSchemaCurrent, MigrationError, migrateToLatest, schemaStatus } from './migrate.ts';
export {
  listNotificationPreferences,
  setNotificationPreference,
} from './notification-preferences.ts';
export {
  type NewNotification,
  type NotificationKind,
  type NotificationSignal,
  notificationKindLabels,
  notificationKinds,
  notificationsBusTopic,
  notifyPeople,
} from './notifications.ts';
export { withCrossTenant, withOrg } from './org-scope.ts';
export { type ProvisionedDatabase, type ProvisionOptions, provisionDatabase } from './provision.ts';
export type * from './schema.ts';
