import { listActivity, recordActivity } from '@specboard/db/activity';
import { findDocument, isInTrash } from '@specboard/db/documents';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { db } from '../db.server.ts';
import { notFound } from '../lib/http.server.ts';
import { inTrash } from '../projects/in-trash.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';

/** One `edited` entry per person and document per this span, however many reports arrive. */
export const EDIT_COALESCE_MS = 5 * 60_000;

/**
 * The editor reports "I changed this document" (throttled on its side); the change itself went
 * through the sync server. Recorded in `activity_log` so lists can say who edited last. Only
 * members who may edit are heard: a viewer's report is refused like their updates are.
 */
export async function recordDocumentEdit(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
): Promise<Response> {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'document:edit');
  const document = documentId ? await findDocument(db(), access.orgId, documentId) : undefined;
  if (!document) throw notFound('This document does not exist in this organisation.');
  if (isInTrash(document)) throw inTrash('This document');
  const [latest] = await listActivity(db(), access.orgId, {
    resourceType: 'document',
    resourceId: document.id,
    limit: 1,
  });
  const coalesced =
    latest?.action === 'edited' &&
    latest.actor_id === access.user.id &&
    Date.now() - latest.created_at.getTime() < EDIT_COALESCE_MS;
  if (!coalesced) {
    await recordActivity(db(), {
      orgId: access.orgId,
      actorId: access.user.id,
      resourceType: 'document',
      resourceId: document.id,
      action: 'edited',
    });
  }
  return new Response(null, { status: 204 });
}
