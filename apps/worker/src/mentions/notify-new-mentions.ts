import { type Db, withOrg } from '@specboard/db';
import { claimNewMentions } from '@specboard/db/document-mentions';
import { findDocument, isInTrash } from '@specboard/db/documents';
import { type NewNotification, notifyPeople } from '@specboard/db/notifications';
import { docToJson } from '@specboard/doc/content';
import { formatDocName } from '@specboard/doc/doc-names';
import { mentionsIn } from '@specboard/doc/mention-list';
import { withStoredDoc } from '@specboard/stored-doc';
import { appLinks } from '../notify/links.ts';

/** The mentions of each person in the stored text: how many, and the section of the last one. */
async function mentionsByPerson(db: Db, orgId: string, documentId: string) {
  const mentions = await withStoredDoc(db, orgId, formatDocName('doc', documentId), (doc) =>
    mentionsIn(docToJson(doc)),
  );
  const people = new Map<string, { count: number; section: string | null }>();
  for (const { userId, section } of mentions) {
    people.set(userId, { count: (people.get(userId)?.count ?? 0) + 1, section });
  }
  return people;
}

/**
 * Reads a document as stored and tells each member it mentions more often than ever before
 * (docs/decisions/017-document-mentions.md): kind `mentioned`, linking to the section of their
 * latest mention. The stored text is the only witness, so nobody is named as the actor; ids
 * that are not members of the organisation are ignored. Claims and notifications commit
 * together, so a retried or concurrent check never notifies twice.
 */
export async function notifyNewMentions(
  db: Db,
  orgId: string,
  documentId: string,
): Promise<{ notified: number }> {
  const document = await findDocument(db, orgId, documentId);
  if (!document || isInTrash(document)) return { notified: 0 };
  const people = await mentionsByPerson(db, orgId, documentId);
  const counts = new Map([...people].map(([userId, { count }]) => [userId, count]));
  return withOrg(db, orgId, async (trx) => {
    const claimed = await claimNewMentions(trx, orgId, documentId, counts);
    const items = claimed.map((recipientId): NewNotification => {
      const section = people.get(recipientId)?.section ?? null;
      const link = appLinks.document(orgId, documentId);
      return {
        orgId,
        recipientId,
        actorId: null,
        kind: 'mentioned',
        title: section
          ? `You were mentioned in ${document.title}, under “${section}”`
          : `You were mentioned in ${document.title}`,
        link: section ? `${link}#${encodeURIComponent(section)}` : link,
      };
    });
    await notifyPeople(trx, items);
    return { notified: items.length };
  });
}
