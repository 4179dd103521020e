import type { Migration } from 'kysely/migration';
import * as auth from './2026_11_23_0001_auth.ts';
import * as domain from './2026_11_23_0002_domain.ts';
import * as yjs from './2026_11_23_0003_yjs.ts';
import * as boardChanges from './2026_11_23_0004_board_changes.ts';
import * as docLastChanged from './2026_11_30_0005_doc_last_changed.ts';
import * as revocations from './2026_11_30_0006_revocations.ts';
import * as trash from './2026_11_30_0007_trash.ts';
import * as devOutbox from './2026_11_30_0008_dev_outbox.ts';
import * as tenantVisibility from './2026_12_01_0009_tenant_visibility.ts';
import * as rowLevelSecurity from './2026_12_01_0010_row_level_security.ts';
import * as aiSpend from './2026_12_01_0012_ai_spend.ts';
import * as notifications from './2026_12_01_0014_notifications.ts';
import * as integrations from './2026_12_01_0015_integrations.ts';
import * as documentMentions from './2026_12_01_0016_document_mentions.ts';
import * as inboundDeliveries from './2026_12_01_0017_inbound_deliveries.ts';

/**
 * Every migration, in order. A static list (not a folder scan) so the same code loads them
 * under Node, vitest and bundlers. Append new files; never edit one that has landed.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_23_0001_auth': auth,
  '2026_11_23_0002_domain': domain,
  '2026_11_23_0003_yjs': yjs,
  '2026_11_23_0004_board_changes': boardChanges,
  '2026_11_30_0005_doc_last_changed': docLastChanged,
  '2026_11_30_0006_revocations': revocations,
  '2026_11_30_0007_trash': trash,
  '2026_11_30_0008_dev_outbox': devOutbox,
  '2026_12_01_0009_tenant_visibility': tenantVisibility,
  '2026_12_01_0010_row_level_security': rowLevelSecurity,
  '2026_12_01_0012_ai_spend': aiSpend,
  '2026_12_01_0014_notifications': notifications,
  '2026_12_01_0015_integrations': integrations,
  '2026_12_01_0016_document_mentions': documentMentions,
  '2026_12_01_0017_inbound_deliveries': inboundDeliveries,
};
