import { type Db, notifyPeople } from '@specboard/db';
import { recordActivity } from '@specboard/db/activity';
import { findDocumentOwner } from '@specboard/db/notification-subjects';
import { appLinks } from './links.ts';

/**
 * Records new AI suggestions in the audit trail and tells the document's owner (its creator),
 * unless the owner asked for them. Called with only the suggestions first written by this
 * attempt, so a retried job does not tell anyone twice.
 */
export async function announceSuggestions(
  db: Db,
  source: { orgId: string; documentId: string; runId: string; requestedBy: string | null },
  suggestionIds: readonly string[],
): Promise<void> {
  if (suggestionIds.length === 0) return;
  await recordActivity(db, {
    orgId: source.orgId,
    actorId: source.requestedBy,
    resourceType: 'document',
    resourceId: source.documentId,
    action: 'ai.suggestions_written',
    changes: { runId: source.runId, count: suggestionIds.length },
  });
  const document = await findDocumentOwner(db, source.orgId, source.documentId);
  if (!document?.createdBy) return;
  const count = suggestionIds.length;
  await notifyPeople(db, [
    {
      orgId: source.orgId,
      recipientId: document.createdBy,
      actorId: source.requestedBy,
      kind: 'ai_suggestion',
      title: `${count} AI suggestion${count === 1 ? '' : 's'} on ${document.title}`,
      link: appLinks.document(source.orgId, source.documentId),
    },
  ]);
}
