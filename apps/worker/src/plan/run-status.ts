import type { PlanRunStatus, PlanRunStep } from '@specboard/db';

/** The status a run ends with, from its steps, and the first failure people should read. */
export function finalRunStatus(rows: readonly PlanRunStep[]): {
  status: Extract<PlanRunStatus, 'succeeded' | 'partial' | 'failed'>;
  errorMessage: string | null;
} {
  const succeeded = rows.filter((row) => row.status === 'succeeded').length;
  const failed = rows.find((row) => row.status === 'failed');
  const problem = failed
    ? `${failed.step}${failed.variant === 'default' ? '' : ` (${failed.variant})`}: ${failed.error_message ?? 'failed'}`
    : (rows.find((row) => row.status !== 'succeeded')?.error_message ?? null);
  if (succeeded === rows.length) return { status: 'succeeded', errorMessage: null };
  return { status: succeeded > 0 ? 'partial' : 'failed', errorMessage: problem };
}

/** Totals shown on the run: what it cost and how long the model calls took. */
export function runMetrics(rows: readonly PlanRunStep[]): Record<string, number> {
  let tokensIn = 0;
  let tokensOut = 0;
  let costUsd = 0;
  let latencyMs = 0;
  for (const row of rows) {
    tokensIn += row.tokens_in ?? 0;
    tokensOut += row.tokens_out ?? 0;
    costUsd += Number(row.cost_usd ?? 0);
    latencyMs += row.latency_ms ?? 0;
  }
  return { tokensIn, tokensOut, costUsd: Math.round(costUsd * 1e6) / 1e6, latencyMs };
}
