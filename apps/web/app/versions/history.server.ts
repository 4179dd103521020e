import { recordActivity } from '@specboard/db/activity';
import { getDocument } from '@specboard/db/documents';
import { createVersion, getVersion, listVersions, searchVersions } from '@specboard/db/versions';
import { storedVersionContent } from '@specboard/stored-doc';
import * as Y from 'yjs';
import { z } from 'zod';
import type { OrgAccess } from '../auth/org-access.server.ts';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { can } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import { docNameFor, mintSyncToken } from '../documents/sync-token.server.ts';
import { colorFor } from '../editor/user-color.ts';
import { publicEnv } from '../env.server.ts';
import { badRequest, notFound } from '../lib/http.server.ts';
import { invalid, parseForm } from '../lib/validation.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';

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
  const query = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 200);
  const [versions, hits] = await Promise.all([
    listVersions(db(), access.orgId, document.id),
    query ? searchVersions(db(), { orgId: access.orgId, documentId: document.id, query }) : [],
  ]);
  const canEdit = can(access.role, 'document:edit');
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
    canEdit,
    live: canEdit
      ? {
          syncUrl: publicEnv().syncUrl,
          docName: docNameFor(document.id),
          token: await mintSyncToken(access, document.id),
          user: { id: access.user.id, name: access.user.name, color: colorFor(access.user.id) },
        }
      : null,
  };
}

const saveSchema = z.object({
  intent: z.literal('save'),
  label: z.string().trim().max(120, 'Keep the name under 120 characters').default(''),
});

/** Restored states are whole documents; anything larger than this is not one of ours. */
const MAX_STATE_BYTES = 10 * 1024 * 1024;

const restoreSchema = z.object({
  intent: z.literal('record-restore'),
  versionId: z.string().min(1),
  yState: z
    .string()
    .min(1)
    .max(Math.ceil((MAX_STATE_BYTES * 4) / 3)),
});

function decodeState(base64: string): Uint8Array {
  const bytes = Uint8Array.from(Buffer.from(base64, 'base64'));
  const probe = new Y.Doc();
  try {
    Y.applyUpdateV2(probe, bytes);
  } catch (error) {
    throw badRequest(`That is not a document state (${String(error)}).`);
  } finally {
    probe.destroy();
  }
  return bytes;
}

/**
 * "Save version" (from the stored document) and recording a restore: the browser has already
 * written the old content as a new change through the sync server; this records the result.
 */
export async function historyAction(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
) {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'document:edit');
  const document = await requireDocument(access, documentId);
  const form = await request.formData();
  const activity = {
    orgId: access.orgId,
    actorId: access.user.id,
    resourceType: 'document',
    resourceId: document.id,
  };
  if (form.get('intent') === 'save') {
    const parsed = parseForm(form, saveSchema);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const content = await storedVersionContent(db(), document.id);
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
  const parsed = restoreSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw badRequest('Unknown action');
  const restored = await getVersion(db(), access.orgId, parsed.data.versionId);
  if (!restored || restored.document_id !== document.id) throw notFound('No such version.');
  const version = await createVersion(db(), {
    orgId: access.orgId,
    documentId: document.id,
    label: `Restored version ${restored.number}`,
    trigger: 'restore',
    yState: decodeState(parsed.data.yState),
    contentJson: restored.content_json,
    contentMd: restored.content_md,
    createdBy: access.user.id,
  });
  if (!version) throw notFound();
  await recordActivity(db(), {
    ...activity,
    action: 'version_restored',
    changes: { from: restored.number, number: version.number },
  });
  return { ok: true as const, fieldErrors: undefined, saved: version.number };
}
