import { createHash } from 'node:crypto';
import type * as Y from 'yjs';
import { nowMs } from '../clock.ts';
import type { BenchClient } from './connect.ts';

/** The shared text every fan-out client types into and observes. */
export const fanoutTextName = 'fanout';

export interface FanoutPlan {
  writers: number[];
  writerOffset: number;
  writerCount: number;
  updatesPerSecond: number;
  durationMs: number;
  quietMs: number;
}

export interface FanoutResult {
  latenciesMs: Float64Array<ArrayBuffer>;
  sent: number;
  firstSentAt: number;
  lastReceivedAt: number;
  /** Digests of the distinct final texts among these clients (one when they converged). */
  textDigests: string[];
}

/**
 * Writers insert `<send time>;` at the end of the shared text on a fixed schedule (starts
 * staggered so writers do not fire together); every client parses the tokens of each remote
 * insert and records now − send time. Ends once typing has stopped and nothing has arrived for
 * `quietMs`.
 */
export async function typeAndMeasure(
  clients: BenchClient[],
  plan: FanoutPlan,
): Promise<FanoutResult> {
  const latencies: number[] = [];
  let lastReceivedAt = 0;
  const observers = clients.map((client) => {
    const text = client.doc.getText(fanoutTextName);
    const observer = (event: Y.YTextEvent) => {
      if (event.transaction.local) return;
      const receivedAt = nowMs();
      lastReceivedAt = receivedAt;
      for (const op of event.delta) {
        if (typeof op.insert !== 'string') continue;
        for (const token of op.insert.split(';')) {
          if (token !== '') latencies.push(receivedAt - Number(token));
        }
      }
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  });

  const periodMs = 1000 / plan.updatesPerSecond;
  const start = nowMs();
  const sentBy = plan.writers.map(() => 0);
  const typeDue = () => {
    const now = nowMs();
    plan.writers.forEach((clientIndex, i) => {
      const client = clients[clientIndex];
      if (client === undefined) return;
      const offset = ((plan.writerOffset + i) / plan.writerCount) * periodMs;
      const elapsed = Math.min(now - start, plan.durationMs) - offset;
      const due = elapsed < 0 ? 0 : Math.floor(elapsed / periodMs) + 1;
      const text = client.doc.getText(fanoutTextName);
      for (let sent = sentBy[i] ?? 0; sent < due; sent++) {
        text.insert(text.length, `${nowMs().toFixed(3)};`);
      }
      sentBy[i] = Math.max(sentBy[i] ?? 0, due);
    });
  };
  await new Promise<void>((resolve) => {
    const ticker = setInterval(() => {
      typeDue();
      if (nowMs() - start >= plan.durationMs) {
        clearInterval(ticker);
        resolve();
      }
    }, 2);
  });
  const typingEnded = nowMs();
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (nowMs() - Math.max(lastReceivedAt, typingEnded) >= plan.quietMs) {
        clearInterval(check);
        resolve();
      }
    }, 50);
  });
  for (const stop of observers) stop();
  const textDigests = new Set(
    clients.map((client) =>
      createHash('sha256').update(client.doc.getText(fanoutTextName).toString()).digest('hex'),
    ),
  );
  return {
    textDigests: [...textDigests],
    latenciesMs: Float64Array.from(latencies),
    sent: sentBy.reduce((a, b) => a + b, 0),
    firstSentAt: start,
    lastReceivedAt,
  };
}
