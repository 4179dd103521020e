import { elapsedMs, formatCost, formatDuration, formatTokens } from './format.ts';
import type { RunSummary } from './run-view.server.ts';

/** A run's status, provider and totals in one line of figures. */
export function RunTotals({ run, now }: { run: RunSummary; now: number }) {
  return (
    <dl className="run-totals">
      <div>
        <dt>Status</dt>
        <dd>
          <span className={`run-status ${run.status}`} data-testid="run-status">
            {run.status}
          </span>
        </dd>
      </div>
      <div>
        <dt>Provider</dt>
        <dd>
          {run.provider === 'offline' ? <span className="badge offline">Offline</span> : null}{' '}
          {run.providerLabel}
        </dd>
      </div>
      <div>
        <dt>Tokens</dt>
        <dd>{formatTokens(run.tokensIn, run.tokensOut)}</dd>
      </div>
      <div>
        <dt>Cost</dt>
        <dd>{formatCost(run.costUsd)}</dd>
      </div>
      <div>
        <dt>Elapsed</dt>
        <dd>{formatDuration(elapsedMs(run.startedAt, run.finishedAt, now))}</dd>
      </div>
    </dl>
  );
}
