import { newId } from '@specboard/db/ids';
import { addThread, threadsOf } from '@specboard/doc/comment-threads';
import { formatDocName } from '@specboard/doc/doc-names';
import { anchorQuote } from '@specboard/doc/suggestion-anchors';
import { changeStoredDoc, withStoredDoc } from '@specboard/stored-doc';
import { db } from '../db.server.ts';

const quote = 'Do leads need SLA alerts in the beta';
const body =
  'Our support leads asked for this twice in interviews. Can we decide before the beta plan?';

/**
 * One open review thread on the sample PRD, opened by the commenter: added only while the
 * document has no threads at all (one resolved or deleted by someone is never brought back).
 * Returns its id, or null when its quote is no longer in the text.
 */
export async function seedThread(
  orgId: string,
  documentId: string,
  commenterId: string,
): Promise<string | null> {
  const anchor = await withStoredDoc(db(), orgId, formatDocName('doc', documentId), (doc) =>
    anchorQuote(doc.getXmlFragment('default'), quote),
  );
  if (!anchor) return null;
  return changeStoredDoc(
    { db: db(), bus: null },
    orgId,
    formatDocName('comments', documentId),
    'web:seed',
    (doc) => {
      if (threadsOf(doc).size > 0) return;
      const at = new Date().toISOString();
      addThread(doc, {
        id: newId(),
        anchor,
        quote,
        first: { id: newId(), authorId: commenterId, body, mentions: [], at },
      });
    },
    (doc) => [...threadsOf(doc).keys()][0] ?? null,
  );
}
