import postgres from 'postgres';

/** The channel migration 0016's trigger notifies when a document's new text may hold mentions. */
export const DOCUMENT_MENTIONS_CHANNEL = 'document_mentions';

/** The `application_name` of the listening connection, so a test can wait until it listens. */
export const MENTION_LISTENER_APPLICATION = 'specboard-document-mentions';

export interface MentionChangeListener {
  close(): Promise<void>;
}

/**
 * Calls `onChange(orgId, documentId)` whenever updates that may add a mention to a document are
 * appended, by any process. One dedicated connection; postgres.js re-listens after a reconnect.
 * Payloads that are not `<orgId>:<documentId>` are ignored.
 */
export async function listenForMentionChanges(
  databaseUrl: string,
  onChange: (orgId: string, documentId: string) => void,
): Promise<MentionChangeListener> {
  const sql = postgres(databaseUrl, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: MENTION_LISTENER_APPLICATION },
  });
  await sql.listen(DOCUMENT_MENTIONS_CHANNEL, (payload) => {
    const [orgId, documentId, ...rest] = payload.split(':');
    if (orgId && documentId && rest.length === 0) onChange(orgId, documentId);
  });
  return { close: () => sql.end({ timeout: 5 }) };
}
