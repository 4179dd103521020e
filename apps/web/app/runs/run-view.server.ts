import type { ModelStats, PlanRun, PlanRunStep } from '@specboard/db';
import { retryableStepNames } from '@specboard/jobs';

/** What the run pages show; dates as ISO strings so the browser can tick elapsed time. */

const finished = ['partial', 'failed', 'succeeded', 'cancelled'];
const retryable = ['failed', 'cancelled', 'skipped'];

/** "offline" is the template provider used when no AI endpoint is configured: say so plainly. */
export function providerLabel(provider: string): string {
  if (provider === 'offline') return 'Offline templates (no AI)';
  if (provider === 'auto') return 'Configured AI (offline templates when none is set up)';
  return provider;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function runKind(run: PlanRun): string {
  const kind = run.input_snapshot.kind;
  return typeof kind === 'string' ? kind : 'plan';
}

/** The provider the worker actually used when all started steps agree, else the one requested. */
function usedProvider(run: PlanRun, steps: readonly PlanRunStep[]): string {
  const used = new Set(steps.filter((s) => s.attempt > 0).map((s) => s.provider));
  const [only] = used;
  return used.size === 1 && only !== undefined ? only : run.provider;
}

export function runSummary(run: PlanRun, steps: readonly PlanRunStep[] = []) {
  const metrics = run.metrics as Record<string, unknown>;
  const provider = usedProvider(run, steps);
  const number = (key: string) => (typeof metrics[key] === 'number' ? metrics[key] : null);
  return {
    id: run.id,
    kind: runKind(run),
    status: run.status,
    active: !finished.includes(run.status),
    provider,
    providerLabel: providerLabel(provider),
    model: run.model,
    tokensIn: number('tokensIn'),
    tokensOut: number('tokensOut'),
    costUsd: number('costUsd'),
    error: run.error_message,
    createdAt: run.created_at.toISOString(),
    startedAt: iso(run.started_at),
    finishedAt: iso(run.finished_at),
  };
}

/** Usage so far, summed over the steps (the run's own metrics are written when it ends). */
export function liveTotals(steps: readonly PlanRunStep[]) {
  const measured = steps.filter((s) => s.tokens_in !== null || s.tokens_out !== null);
  if (measured.length === 0) return { tokensIn: null, tokensOut: null, costUsd: null };
  const sum = (pick: (s: PlanRunStep) => number) => measured.reduce((t, s) => t + pick(s), 0);
  return {
    tokensIn: sum((s) => s.tokens_in ?? 0),
    tokensOut: sum((s) => s.tokens_out ?? 0),
    costUsd: Math.round(sum((s) => Number(s.cost_usd ?? 0)) * 1e6) / 1e6,
  };
}

export function stepView(run: PlanRun, step: PlanRunStep) {
  const isRetryable = retryableStepNames.some((name) => name === step.step);
  return {
    id: step.id,
    step: step.step,
    variant: step.variant,
    status: step.status,
    attempt: step.attempt,
    provider: step.provider,
    providerLabel: providerLabel(step.provider),
    offline: step.provider === 'offline',
    model: step.model,
    tokensIn: step.tokens_in,
    tokensOut: step.tokens_out,
    costUsd: step.cost_usd === null ? null : Number(step.cost_usd),
    latencyMs: step.latency_ms,
    rateLimits: step.rate_limits as Record<string, unknown>,
    error: step.error_message,
    startedAt: iso(step.started_at),
    finishedAt: iso(step.finished_at),
    canRetry: isRetryable && finished.includes(run.status) && retryable.includes(step.status),
  };
}

/** Per model and step: how fast, how reliable and how often people kept what it wrote. */
export function modelStatView(row: ModelStats) {
  const decided = row.accepted + row.rejected;
  return {
    key: `${row.provider}/${row.model}/${row.step}`,
    provider: row.provider,
    providerLabel: providerLabel(row.provider),
    model: row.model,
    step: row.step,
    runs: row.runs,
    failures: row.failures,
    avgLatencyMs: row.runs > 0 ? Math.round(Number(row.latency_ms_total) / row.runs) : null,
    tokensIn: Number(row.tokens_in),
    tokensOut: Number(row.tokens_out),
    costUsd: Number(row.cost_usd),
    acceptanceRate: decided > 0 ? row.accepted / decided : null,
  };
}

export type RunSummary = ReturnType<typeof runSummary>;
export type ModelStatView = ReturnType<typeof modelStatView>;
export type StepView = ReturnType<typeof stepView>;
