import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { UsageGroup } from './usage-summary.ts';

/** Tokens and dollars per month, side by side on two axes. */
export function UsageChart({ months }: { months: UsageGroup[] }) {
  const data = months.map((month) => ({
    month: month.label,
    tokens: month.tokensIn + month.tokensOut,
    cost: month.costUsd,
  }));
  return (
    <figure className="usage-chart">
      <BarChart width={720} height={260} data={data} style={{ maxWidth: '100%' }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" />
        <YAxis yAxisId="tokens" orientation="left" />
        <YAxis yAxisId="cost" orientation="right" tickFormatter={(value) => `$${value}`} />
        <Tooltip />
        <Legend />
        <Bar yAxisId="tokens" dataKey="tokens" name="Tokens" fill="#6366f1" />
        <Bar yAxisId="cost" dataKey="cost" name="Cost (USD)" fill="#10b981" />
      </BarChart>
      <figcaption className="muted">Tokens and cost per month (UTC), last 12 months.</figcaption>
    </figure>
  );
}
