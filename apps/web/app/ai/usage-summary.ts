import type { UsageRow } from '@specboard/db/ai-usage';

/** One bar or table line of the usage page. */
export interface UsageGroup {
  key: string;
  label: string;
  steps: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
}

export interface UsageSummary {
  total: UsageGroup;
  byMonth: UsageGroup[];
  byProject: UsageGroup[];
  byModel: UsageGroup[];
  byPerson: UsageGroup[];
}

/** The last `count` calendar months (UTC) up to `now`'s, as `YYYY-MM`, oldest first. */
export function recentMonths(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - index)));
    return date.toISOString().slice(0, 7);
  });
}

const roundCost = (value: number) => Math.round(value * 1e6) / 1e6;

function group(
  rows: readonly UsageRow[],
  keyOf: (row: UsageRow) => string,
  labelOf: (row: UsageRow) => string,
  keys: readonly string[] = [],
): UsageGroup[] {
  const groups = new Map<string, UsageGroup>();
  const empty = (key: string, label: string): UsageGroup => ({
    key,
    label,
    steps: 0,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
  });
  for (const key of keys) groups.set(key, empty(key, key));
  for (const row of rows) {
    const key = keyOf(row);
    const current = groups.get(key) ?? empty(key, labelOf(row));
    current.steps += row.steps;
    current.tokensIn += row.tokensIn;
    current.tokensOut += row.tokensOut;
    current.costUsd = roundCost(current.costUsd + row.costUsd);
    groups.set(key, current);
  }
  return [...groups.values()];
}

const bySpend = (a: UsageGroup, b: UsageGroup) =>
  b.costUsd - a.costUsd || b.tokensIn + b.tokensOut - (a.tokensIn + a.tokensOut);

/**
 * Every step counted once in each breakdown, so each breakdown's totals equal `total`. Months
 * without any step still appear (as zero) so the chart shows gaps as gaps.
 */
export function summariseUsage(rows: readonly UsageRow[], months: readonly string[]): UsageSummary {
  const [total] = group(
    rows,
    () => 'total',
    () => 'Total',
    ['total'],
  );
  return {
    total: total ?? {
      key: 'total',
      label: 'Total',
      steps: 0,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: 0,
    },
    byMonth: group(
      rows,
      (row) => row.month,
      (row) => row.month,
      months,
    ),
    byProject: group(
      rows,
      (row) => row.projectId,
      (row) => row.projectName,
    ).sort(bySpend),
    byModel: group(
      rows,
      (row) => row.model,
      (row) => row.model,
    ).sort(bySpend),
    byPerson: group(
      rows,
      (row) => row.userId ?? 'nobody',
      (row) => row.userName ?? 'Automatic',
    ).sort(bySpend),
  };
}

/** The CSV download: one line per month, project, model and person, as the page adds them up. */
export function usageCsvRows(rows: readonly UsageRow[]): string[][] {
  return [
    [
      'month',
      'project',
      'model',
      'person',
      'steps',
      'failures',
      'tokens_in',
      'tokens_out',
      'cost_usd',
    ],
    ...rows.map((row) => [
      row.month,
      row.projectName,
      row.model,
      row.userName ?? 'Automatic',
      String(row.steps),
      String(row.failures),
      String(row.tokensIn),
      String(row.tokensOut),
      row.costUsd.toFixed(6),
    ]),
  ];
}
