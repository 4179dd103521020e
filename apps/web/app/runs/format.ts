/** Display helpers for run metrics; `—` where nothing was measured yet. */

export function formatTokens(tokensIn: number | null, tokensOut: number | null): string {
  if (tokensIn === null && tokensOut === null) return '—';
  return `${(tokensIn ?? 0).toLocaleString('en')} in / ${(tokensOut ?? 0).toLocaleString('en')} out`;
}

export function formatCost(costUsd: number | null): string {
  if (costUsd === null) return '—';
  return costUsd === 0 ? '$0' : `$${costUsd.toFixed(costUsd < 0.01 ? 4 : 2)}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null || ms < 0) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1_000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** Time from start to finish, or to `now` while it runs. */
export function elapsedMs(startedAt: string | null, finishedAt: string | null, now: number) {
  if (!startedAt) return null;
  return (finishedAt ? Date.parse(finishedAt) : now) - Date.parse(startedAt);
}

const runKindLabels: Record<string, string> = {
  plan: 'Plan',
  suggest: 'Ask AI',
  review: 'Completeness review',
  version_tasks: 'Tasks from a version',
};

/** What kind of AI work a run was, as people call it. */
export function runKindLabel(kind: string): string {
  return runKindLabels[kind] ?? kind;
}
