import { formatCost, formatDuration, formatTokens } from './format.ts';
import type { ModelStatView } from './run-view.server.ts';

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** Compares the models this organisation used: speed, failures, cost and what people kept. */
export function ModelStatsTable({ stats }: { stats: ModelStatView[] }) {
  return (
    <table className="run-steps">
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Model</th>
          <th scope="col">Calls</th>
          <th scope="col">Failures</th>
          <th scope="col">Avg. latency</th>
          <th scope="col">Tokens</th>
          <th scope="col">Cost</th>
          <th scope="col">Accepted</th>
        </tr>
      </thead>
      <tbody>
        {stats.map((s) => (
          <tr key={s.key}>
            <th scope="row">{s.step}</th>
            <td>
              {s.provider === 'offline' ? <span className="badge offline">Offline</span> : null}{' '}
              {s.model} <span className="muted">({s.providerLabel})</span>
            </td>
            <td>{s.runs}</td>
            <td>{s.failures}</td>
            <td>{formatDuration(s.avgLatencyMs)}</td>
            <td>{formatTokens(s.tokensIn, s.tokensOut)}</td>
            <td>{formatCost(s.costUsd)}</td>
            <td>{percent(s.acceptanceRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
