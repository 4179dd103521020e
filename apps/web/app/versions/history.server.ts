import { recordActivity } from '@specboard/db/activity';
import { getDocument } from '@specboard/db/documents';
import {
  createVersion,
  getLatestVersion,
  getVersion,
  listVersions,
  searchVersions,
} from '@specboard/db/versions';
import { storedVersionContent } from '@specboard/stored-doc';
import { z } from 'zod';
import type { OrgAccess } from '../auth/org-access.server.ts';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { can } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import { notFound } from '../lib/http.server.ts';
import { invalid, parseForm, readForm } from '../lib/validation.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import { requestVersionRestore } from './restore.server.ts';
import { spendVersionBudget } from './version-limit.server.ts';

async function requireDocument(access: OrgAccess, documentId: string | undefined) {
  const document = documentId ? await getDocument(db(), access.orgId, documentId) : undefined;
  if (!document) throw notFound('This document does not exist in this organisation.');
  return document;
}

/** The history panel: every version (newest first), or the versions matching a search. */
export async function historyLoader(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
) {
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const document = await requireDocument(access, documentId);
  // NUL bytes dropped: Postgres text cannot hold them (the search failed with a 500).
  const query = (new URL(request.url).searchParams.get('q') ?? '')
    .replaceAll('\0', '')
    .trim()
    .slice(0, 200);
  const [versions, hits] = await Promise.all([
    listVersions(db(), access.orgId, document.id),
    query ? searchVersions(db(), { orgId: access.orgId, documentId: document.id, query }) : [],
  ]);
  return {
    document: { id: document.id, title: document.title, projectId: document.project_id },
    versions: versions.map((v) => ({
      id: v.id,
      number: v.number,
      label: v.label,
      trigger: v.trigger,
      author: v.created_by_name,
      createdAt: v.created_at.toISOString(),
    })),
    query,
    hits: hits.map((h) => ({ id: h.id, number: h.number, label: h.label, snippet: h.snippet })),
    canEdit: can(access.role, 'document:edit'),
  };
}

const historySchema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('save'),
      label: z.string().trim().max(120, 'Keep the name under 120 characters').default(''),
    }),
    z.object({ intent: z.literal('restore'), versionId: z.string().min(1).max(40) }),
  ],
  { error: 'Unknown action' },
);

/**
 * "Save version" snapshots the stored document. "Restore version N" only names the version:
 * the worker builds the new version from the stored one (nothing the browser sends is stored),
 * so the answer says which version is being restored, not the new version's number.
 */
export async function historyAction(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
) {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'document:edit');
  const document = await requireDocument(access, documentId);
  const parsed = parseForm(await readForm(request), historySchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const activity = {
    orgId: access.orgId,
    actorId: access.user.id,
    resourceType: 'document',
    resourceId: document.id,
  };
  if (parsed.value.intent === 'restore') {
    const restored = await getVersion(db(), access.orgId, parsed.value.versionId);
    if (!restored || restored.document_id !== document.id) throw notFound('No such version.');
    const limited = spendVersionBudget(access.user.id, document.id);
    if (limited) return limited;
    // Read before queueing: the page waits for a restore version newer than this one.
    const latest = await getLatestVersion(db(), access.orgId, document.id);
    await requestVersionRestore({
      orgId: access.orgId,
      versionId: restored.id,
      requestedBy: access.user.id,
    });
    await recordActivity(db(), {
      ...activity,
      action: 'version_restore_requested',
      changes: { from: restored.number },
    });
    return {
      ok: true as const,
      fieldErrors: undefined,
      restoring: { number: restored.number, after: latest?.number ?? 0 },
    };
  }
  const limited = spendVersionBudget(access.user.id, document.id);
  if (limited) return limited;
  const content = await storedVersionContent(db(), access.orgId, document.id);
  const version = await createVersion(db(), {
    orgId: access.orgId,
    documentId: document.id,
    label: parsed.value.label || null,
    trigger: 'manual',
    ...content,
    createdBy: access.user.id,
  });
  if (!version) throw notFound();
  await recordActivity(db(), {
    ...activity,
    action: 'version_saved',
    changes: { number: version.number },
  });
  return { ok: true as const, fieldErrors: undefined, saved: version.number };
}
