import { useLoaderData } from 'react-router';
import { SpendNotice } from '../ai/spend-notice.tsx';
import { usageLoader } from '../ai/usage.server.ts';
import { UsageChart } from '../ai/usage-chart.tsx';
import type { UsageGroup } from '../ai/usage-summary.ts';
import { formatCost, formatTokens } from '../runs/format.ts';
import { ModelStatsTable } from '../runs/model-stats-table.tsx';
import '../runs/runs.css';
import type { Route } from './+types/org-usage.ts';

export const meta: Route.MetaFunction = () => [{ title: 'AI usage · Specboard' }];

export async function loader({ request, params }: Route.LoaderArgs) {
  return usageLoader(request, params.orgId);
}

function UsageTable({ title, groups }: { title: string; groups: UsageGroup[] }) {
  return (
    <section>
      <h2>By {title.toLowerCase()}</h2>
      {groups.length === 0 ? (
        <p className="muted">No model calls yet.</p>
      ) : (
        <table className="run-steps">
          <thead>
            <tr>
              <th scope="col">{title}</th>
              <th scope="col">Calls</th>
              <th scope="col">Tokens</th>
              <th scope="col">Cost</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.key}>
                <th scope="row">{group.label}</th>
                <td>{group.steps}</td>
                <td>{formatTokens(group.tokensIn, group.tokensOut)}</td>
                <td>{formatCost(group.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export default function OrgUsage({ params }: Route.ComponentProps) {
  const { summary, modelStats, spend } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>AI usage</h1>
          <p className="lede">
            Every model call of the last 12 months: {summary.total.steps} calls,{' '}
            {formatTokens(summary.total.tokensIn, summary.total.tokensOut)} tokens,{' '}
            {formatCost(summary.total.costUsd)}.
          </p>
        </div>
        <a className="button" href={`/orgs/${params.orgId}/usage/export.csv`} download>
          Download CSV
        </a>
      </header>
      <SpendNotice spend={spend} />
      <UsageChart months={summary.byMonth} />
      <UsageTable title="Month" groups={summary.byMonth} />
      <UsageTable title="Project" groups={summary.byProject} />
      <UsageTable title="Model" groups={summary.byModel} />
      <UsageTable title="Person" groups={summary.byPerson} />
      <section>
        <h2>Models compared</h2>
        {modelStats.length === 0 ? (
          <p className="muted">No model calls yet.</p>
        ) : (
          <ModelStatsTable stats={modelStats} />
        )}
      </section>
    </div>
  );
}
