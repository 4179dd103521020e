import type { Typist } from './typist.ts';

export interface FaultReport {
  fault: string;
  reconnects: number[];
  longestStallMs: number;
  acknowledged: number;
  lost: number;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * When each marker was acknowledged: the first moment another client of the same document, on
 * its own connection, received it. Markers nobody else received yet are absent.
 */
export function acknowledgements(
  typists: readonly Typist[],
): Map<string, { doc: string; typedAt: number; ackAt: number }> {
  const acks = new Map<string, { doc: string; typedAt: number; ackAt: number }>();
  for (const author of typists) {
    const peers = typists.filter((t) => t.docName === author.docName && t !== author);
    for (const [marker, typedAt] of author.typed) {
      const times = peers.map((p) => p.seen.get(marker)).filter((t) => t !== undefined);
      if (times.length > 0)
        acks.set(marker, { doc: author.docName, typedAt, ackAt: Math.min(...times) });
    }
  }
  return acks;
}

export function formatReport(report: FaultReport): string {
  const r = report.reconnects;
  const reconnect =
    r.length === 0
      ? 'no client lost its connection'
      : `${r.length} reconnects, p50 ${percentile(r, 50)} ms, p95 ${percentile(r, 95)} ms`;
  return `${report.fault.padEnd(28)} ${reconnect}; longest stall ${report.longestStallMs} ms; ${report.acknowledged} acknowledged updates, lost ${report.lost}`;
}
