import type { DocumentVersion } from '@specboard/db';
import { getDocument } from '@specboard/db/documents';
import { getVersion } from '@specboard/db/versions';
import { diffVersions, versionBlocks } from '@specboard/doc/version-diff';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { can } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import { badRequest, notFound } from '../lib/http.server.ts';
import { confluenceStatus } from './confluence-publish.server.ts';
import { versionTrackers } from './tracker-push.server.ts';

async function loadVersion(
  orgId: string,
  documentId: string | undefined,
  versionId: string | null | undefined,
) {
  const version = versionId ? await getVersion(db(), orgId, versionId) : undefined;
  if (!version || version.document_id !== documentId) throw notFound('No such version.');
  return version;
}

async function loadDocumentFor(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
) {
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const document = documentId ? await getDocument(db(), access.orgId, documentId) : undefined;
  if (!document) throw notFound('This document does not exist in this organisation.');
  return { access, document };
}

const summary = (v: DocumentVersion) => ({
  id: v.id,
  number: v.number,
  label: v.label,
  trigger: v.trigger,
  createdAt: v.created_at.toISOString(),
});

/** One version, read-only, with its state for a restore when the member may edit. */
export async function versionLoader(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
  versionId: string | undefined,
) {
  const { access, document } = await loadDocumentFor(request, orgId, documentId);
  const version = await loadVersion(access.orgId, document.id, versionId);
  return {
    document: { id: document.id, title: document.title },
    version: summary(version),
    blocks: versionBlocks(version.content_json, version.content_md),
    canEdit: can(access.role, 'document:edit'),
    confluence: await confluenceStatus(access.orgId, document.id),
    trackers: can(access.role, 'document:edit') ? await versionTrackers(access.orgId) : [],
  };
}

/** The rendered diff of two versions of one document (older first, whichever order given). */
export async function diffLoader(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
) {
  const { access, document } = await loadDocumentFor(request, orgId, documentId);
  const params = new URL(request.url).searchParams;
  if (!params.get('from') || !params.get('to')) throw badRequest('Pick two versions to compare.');
  const a = await loadVersion(access.orgId, document.id, params.get('from'));
  const b = await loadVersion(access.orgId, document.id, params.get('to'));
  const [older, newer] = a.number <= b.number ? [a, b] : [b, a];
  const diff = diffVersions(
    { contentJson: older.content_json, contentMd: older.content_md },
    { contentJson: newer.content_json, contentMd: newer.content_md },
  );
  return {
    document: { id: document.id, title: document.title },
    from: summary(older),
    to: summary(newer),
    diff,
  };
}

/** A version as a Markdown download. */
export async function versionMarkdown(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
  versionId: string | undefined,
): Promise<Response> {
  const { access, document } = await loadDocumentFor(request, orgId, documentId);
  const version = await loadVersion(access.orgId, document.id, versionId);
  const slug =
    document.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'document';
  return new Response(version.content_md, {
    headers: {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `attachment; filename="${slug}-v${version.number}.md"`,
      'Cache-Control': 'no-store',
    },
  });
}
