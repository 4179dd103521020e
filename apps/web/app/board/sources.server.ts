import type { Db } from '@specboard/db';
import { getDocument } from '@specboard/db/documents';
import { listTaskSourceVersionIds } from '@specboard/db/tasks';
import { getLatestVersion, getVersion } from '@specboard/db/versions';
import { normalizeHeading, parseSections } from '@specboard/pipeline';
import type { CardSource } from './card-links.ts';

/** At most this many source versions are looked up per request. */
const MAX_VERSIONS = 50;

function sectionTexts(markdown: string): Map<string, string> {
  return new Map(
    parseSections(markdown).map((s) => [normalizeHeading(s.heading), s.body.join('\n').trim()]),
  );
}

/**
 * Source versions of cards with their spec drift: a section drifted when the latest version of
 * the same document has different text under that heading, or no longer has it. Versions of
 * other projects (or organisations) are left out.
 */
export async function loadSources(
  db: Db,
  {
    orgId,
    projectId,
    versionIds,
  }: { orgId: string; projectId: string; versionIds: Iterable<string> },
): Promise<Record<string, CardSource>> {
  const sources: Record<string, CardSource> = {};
  for (const versionId of [...new Set(versionIds)].slice(0, MAX_VERSIONS)) {
    const version = await getVersion(db, orgId, versionId);
    const document = version ? await getDocument(db, orgId, version.document_id) : undefined;
    if (!version || !document || document.project_id !== projectId) continue;
    const latest = await getLatestVersion(db, orgId, document.id);
    if (!latest) continue;
    const after = sectionTexts(latest.content_md);
    const drifted =
      latest.id === version.id
        ? []
        : parseSections(version.content_md)
            .filter((s) => after.get(normalizeHeading(s.heading)) !== s.body.join('\n').trim())
            .map((s) => s.heading);
    sources[versionId] = {
      documentId: document.id,
      documentTitle: document.title,
      number: version.number,
      latestVersionId: latest.id,
      latestNumber: latest.number,
      driftedSections: drifted,
    };
  }
  return sources;
}

/** Sources of the cards in the `tasks` projection (what the board page starts with). */
export async function loadCardSources(
  db: Db,
  orgId: string,
  projectId: string,
): Promise<Record<string, CardSource>> {
  const versionIds = await listTaskSourceVersionIds(db, orgId, projectId);
  return loadSources(db, { orgId, projectId, versionIds });
}
