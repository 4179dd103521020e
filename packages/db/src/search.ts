import { sql } from 'kysely';
import type { Db } from './client.ts';
import { isUlid } from './ids.ts';
import { withOrg } from './org-scope.ts';

export interface SearchHit {
  kind: 'document' | 'task';
  id: string;
  projectId: string;
  title: string;
  /** Matching text with matches wrapped in «…» markers (render them as highlights). */
  snippet: string;
  rank: number;
}

const HEADLINE = 'StartSel=«, StopSel=», MaxFragments=2, MaxWords=18, MinWords=6';

/**
 * Full-text search over the organisation's documents (their latest version) and tasks, best
 * matches first; nothing in the trash (deleted documents, archived projects) is found. The
 * query uses web-search syntax ("quoted phrase", -exclude, or).
 */
export async function searchOrganization(
  db: Db,
  orgId: string,
  query: string,
  limit = 20,
): Promise<SearchHit[]> {
  if (!isUlid(orgId) || query.trim() === '') return [];
  return withOrg(db, orgId, async (trx) => {
    const tsQuery = sql`websearch_to_tsquery('english', ${query})`;
    const documents = await trx
      .selectFrom('documents as d')
      .innerJoin('document_versions as v', 'v.id', 'd.current_version_id')
      .innerJoin('projects as p', 'p.id', 'd.project_id')
      .select([
        'd.id',
        'd.project_id',
        'd.title',
        sql<string>`ts_headline('english', v.content_md, ${tsQuery}, ${HEADLINE})`.as('snippet'),
        sql<number>`ts_rank(v.search, ${tsQuery})`.as('rank'),
      ])
      .where('d.org_id', '=', orgId)
      .where('d.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null)
      .where(sql<boolean>`v.search @@ ${tsQuery}`)
      .orderBy('rank', 'desc')
      .limit(limit)
      .execute();
    const tasks = await trx
      .selectFrom('tasks as t')
      .innerJoin('projects as p', 'p.id', 't.project_id')
      .select([
        't.id',
        't.project_id',
        't.title',
        sql<string>`ts_headline('english', t.title || ' — ' || t.description, ${tsQuery}, ${HEADLINE})`.as(
          'snippet',
        ),
        sql<number>`ts_rank(t.search, ${tsQuery})`.as('rank'),
      ])
      .where('t.org_id', '=', orgId)
      .where('p.deleted_at', 'is', null)
      .where(sql<boolean>`t.search @@ ${tsQuery}`)
      .orderBy('rank', 'desc')
      .limit(limit)
      .execute();
    const hits: SearchHit[] = [
      ...documents.map((d) => ({
        kind: 'document' as const,
        id: d.id,
        projectId: d.project_id,
        title: d.title,
        snippet: d.snippet,
        rank: Number(d.rank),
      })),
      ...tasks.map((t) => ({
        kind: 'task' as const,
        id: t.id,
        projectId: t.project_id,
        title: t.title,
        snippet: t.snippet,
        rank: Number(t.rank),
      })),
    ];
    return hits.sort((a, b) => b.rank - a.rank).slice(0, limit);
  });
}
