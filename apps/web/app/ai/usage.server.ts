import { listUsage, monthStart } from '@specboard/db/ai-usage';
import { listModelStats } from '@specboard/db/model-stats';
import { safeCsv } from '@specboard/doc/csv';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { db } from '../db.server.ts';
import { modelStatView } from '../runs/run-view.server.ts';
import { spendStatus } from './spend-status.server.ts';
import { recentMonths, summariseUsage, usageCsvRows } from './usage-summary.ts';

/** The usage page and its CSV cover this many calendar months, the current one included. */
const MONTHS = 12;

async function usageSince(orgId: string, now: Date) {
  const months = recentMonths(now, MONTHS);
  const from = monthStart(new Date(`${months[0]}-01T00:00:00Z`));
  return { months, rows: await listUsage(db(), orgId, from) };
}

/** Spend and tokens by month, project, model and person, and the per-model comparison. */
export async function usageLoader(request: Request, orgId: string | undefined) {
  const access = await requireOrgAccess(request, orgId, 'ai:usage');
  const now = new Date();
  const [{ months, rows }, stats, spend] = await Promise.all([
    usageSince(access.orgId, now),
    listModelStats(db(), access.orgId),
    spendStatus(access.orgId),
  ]);
  return {
    summary: summariseUsage(rows, months),
    modelStats: stats.map(modelStatView),
    spend,
  };
}

/** The same numbers as a spreadsheet (formula-looking cells neutralised). */
export async function usageCsv(request: Request, orgId: string | undefined): Promise<Response> {
  const access = await requireOrgAccess(request, orgId, 'ai:usage');
  const now = new Date();
  const { rows } = await usageSince(access.orgId, now);
  return new Response(safeCsv(usageCsvRows(rows)), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="ai-usage-${now.toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
}
