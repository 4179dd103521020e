import { type BoardCard, defaultColumns } from '@specboard/doc/board';
import { boardToCsv, boardToJson, boardToMarkdown } from '@specboard/doc/board-export';
import { z } from 'zod';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';
import { badRequest } from '../lib/http.server.ts';
import { requireBoardAccess } from './board-access.server.ts';
import { loadCardSources } from './sources.server.ts';
import { listTaskCards } from './task-cards.server.ts';

const formatSchema = z.enum(['md', 'json', 'csv-jira', 'csv-github']);

const formats = {
  md: { type: 'text/markdown', extension: 'md' },
  json: { type: 'application/json', extension: 'json' },
  'csv-jira': { type: 'text/csv', extension: 'jira.csv' },
  'csv-github': { type: 'text/csv', extension: 'github.csv' },
} as const;

/**
 * The board as a download, read from the `tasks` projection (what exports and reports read),
 * each row linking back to the PRD section it came from.
 */
export async function boardExport(
  request: Request,
  orgId: string | undefined,
  projectId: string | undefined,
): Promise<Response> {
  const { access, project } = await requireBoardAccess(request, orgId, projectId, 'org:read');
  const parsed = formatSchema.safeParse(new URL(request.url).searchParams.get('format'));
  if (!parsed.success) throw badRequest('Choose a format: md, json, csv-jira or csv-github.');
  const [cards, sources] = await Promise.all([
    listTaskCards(db(), access.orgId, project.id),
    loadCardSources(db(), access.orgId, project.id),
  ]);
  const base = env().BASE_URL;
  const input = {
    projectName: project.name,
    columns: [...defaultColumns],
    cards,
    sourceLink: (card: BoardCard) => {
      const source = card.sourceVersionId ? sources[card.sourceVersionId] : undefined;
      if (!source) return null;
      const hash = card.sourceAnchor ? `#${encodeURIComponent(card.sourceAnchor)}` : '';
      return `${base}/orgs/${access.orgId}/documents/${source.documentId}${hash}`;
    },
  };
  const format = parsed.data;
  const body =
    format === 'md'
      ? boardToMarkdown(input)
      : format === 'json'
        ? boardToJson(input)
        : boardToCsv(input, format === 'csv-jira' ? 'jira' : 'github');
  const slug =
    project.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'board';
  return new Response(body, {
    headers: {
      'Content-Type': `${formats[format].type}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="${slug}-board.${formats[format].extension}"`,
      'Cache-Control': 'no-store',
    },
  });
}
