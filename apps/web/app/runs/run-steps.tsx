import { useFetcher } from 'react-router';
import { elapsedMs, formatCost, formatDuration, formatTokens } from './format.ts';
import type { StepView } from './run-view.server.ts';

interface RunStepsProps {
  steps: StepView[];
  canControl: boolean;
  now: number;
}

function RetryButton({ step }: { step: string }) {
  const fetcher = useFetcher<{ ok: boolean; message: string }>();
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="retry" />
      <input type="hidden" name="step" value={step} />
      <button type="submit" className="button small" disabled={fetcher.state !== 'idle'}>
        Retry {step}
      </button>
      {fetcher.data && !fetcher.data.ok ? (
        <span className="field-error" role="alert">
          {fetcher.data.message}
        </span>
      ) : null}
    </fetcher.Form>
  );
}

/** Every step (and variant) of a run with its model, usage, cost, time and error. */
export function RunSteps({ steps, canControl, now }: RunStepsProps) {
  // Retrying a step reruns all its variants that did not succeed: one button per step.
  const retryRow = new Map<string, string>();
  for (const s of steps) if (s.canRetry && !retryRow.has(s.step)) retryRow.set(s.step, s.id);
  return (
    <table className="run-steps">
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Status</th>
          <th scope="col">Model</th>
          <th scope="col">Tokens</th>
          <th scope="col">Cost</th>
          <th scope="col">Elapsed</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s.id} data-testid={`step-${s.step}-${s.variant}`}>
            <th scope="row">
              {s.step}
              {s.variant === 'default' ? null : <span className="muted"> ({s.variant})</span>}
            </th>
            <td>
              <span className={`run-status ${s.status}`}>{s.status}</span>
              {s.attempt > 1 ? <span className="muted"> · attempt {s.attempt}</span> : null}
            </td>
            <td>
              {s.offline ? <span className="badge offline">Offline</span> : null} {s.model}
              <div className="muted">{s.providerLabel}</div>
            </td>
            <td>{formatTokens(s.tokensIn, s.tokensOut)}</td>
            <td>{formatCost(s.costUsd)}</td>
            <td>
              {s.status === 'running'
                ? formatDuration(elapsedMs(s.startedAt, null, now))
                : formatDuration(s.latencyMs ?? elapsedMs(s.startedAt, s.finishedAt, now))}
            </td>
            <td>
              {s.error ? (
                <p className="field-error" role="status">
                  {s.error}
                </p>
              ) : null}
              {canControl && retryRow.get(s.step) === s.id ? <RetryButton step={s.step} /> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
