import {
  listenForMentionChanges,
  type MentionChangeListener,
} from '@specboard/db/document-mention-changes';
import { enqueueMentionCheck } from '@specboard/jobs';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';

/**
 * Every `document_mentions` notification (an append that may add a mention, from a browser
 * through a sync server or from any server-side write) asks for a mention check, which pg-boss
 * debounces per document. A document already being enqueued is not asked for twice.
 */
export function checkMentionsOnChange(deps: {
  databaseUrl: string;
  boss: PgBoss;
  logger: Logger;
}): Promise<MentionChangeListener> {
  const enqueuing = new Set<string>();
  return listenForMentionChanges(deps.databaseUrl, (orgId, documentId) => {
    if (enqueuing.has(documentId)) return;
    enqueuing.add(documentId);
    enqueueMentionCheck(deps.boss, { orgId, documentId })
      .catch((error: unknown) =>
        deps.logger.error({ err: error, documentId }, 'could not ask for a mention check'),
      )
      .finally(() => enqueuing.delete(documentId));
  });
}
