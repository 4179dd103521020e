import { searchOrganization } from '@specboard/db/search';
import { z } from 'zod';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { db } from '../db.server.ts';

/** NUL bytes dropped: Postgres text cannot hold them, and no one searches for one. */
const querySchema = z
  .string()
  .transform((q) => q.replaceAll('\0', '').trim())
  .pipe(z.string().max(200))
  .catch('');

export interface SnippetPart {
  /** Where the part starts in the snippet: a stable React key. */
  at: number;
  text: string;
  match: boolean;
}

/** Splits a snippet whose matches are wrapped in «…» into parts the page renders as <mark>. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const [index, piece] of snippet.split(/[«»]/).entries()) {
    if (piece) parts.push({ at, text: piece, match: index % 2 === 1 });
    at += piece.length + 1;
  }
  return parts;
}

export async function searchLoader(request: Request, orgId: string | undefined) {
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const query = querySchema.parse(new URL(request.url).searchParams.get('q') ?? '');
  const hits = query ? await searchOrganization(db(), access.orgId, query) : [];
  return {
    query,
    hits: hits.map((h) => ({
      key: `${h.kind}:${h.id}`,
      kind: h.kind,
      title: h.title,
      href:
        h.kind === 'document'
          ? `/orgs/${access.orgId}/documents/${h.id}`
          : `/orgs/${access.orgId}/projects/${h.projectId}`,
      parts: snippetParts(h.snippet),
    })),
  };
}
