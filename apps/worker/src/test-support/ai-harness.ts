import type { Bus, BusMessage } from '@specboard/bus';
import type { Db } from '@specboard/db';
import { loadDocState } from '@specboard/db/doc-log';
import { getPlanRun } from '@specboard/db/plan-runs';
import { loadYDoc } from '@specboard/doc/doc-state';
import type { ProviderConfigInput } from '@specboard/pipeline';
import type { PgBoss } from 'pg-boss';
import { pino } from 'pino';
import type * as Y from 'yjs';
import type { AiJobDeps } from '../ai/deps.ts';
import { createProviderResolver } from '../ai/providers.ts';
import { jobs } from '../jobs/index.ts';
import { startRunner } from '../runner.ts';

/**
 * Records what the worker publishes, so tests can assert the publish that follows every stored
 * update. With `inner` (a real bus) it also forwards every message, so sync servers receive them.
 */
export class RecordingBus implements Bus {
  readonly instanceId: string;
  readonly published: BusMessage[] = [];
  readonly #inner: Bus | undefined;
  constructor(inner?: Bus) {
    this.#inner = inner;
    this.instanceId = inner?.instanceId ?? 'worker-test';
  }
  async publish(message: Omit<BusMessage, 'origin'>): Promise<void> {
    this.published.push({ ...message, origin: this.instanceId });
    await this.#inner?.publish(message);
  }
  async subscribe(docName: string, handler: (message: BusMessage) => void) {
    return this.#inner ? this.#inner.subscribe(docName, handler) : async () => {};
  }
  async close(): Promise<void> {
    await this.#inner?.close();
  }
}

export interface Worker {
  boss: PgBoss;
  bus: RecordingBus;
  deps: AiJobDeps;
}

/** A real pg-boss worker serving every queue, with the given provider configuration. */
export async function startWorker(
  db: Db,
  url: string,
  provider: ProviderConfigInput,
  schema = 'pgboss_test',
  inner?: Bus,
): Promise<Worker> {
  const bus = new RecordingBus(inner);
  const deps: AiJobDeps = {
    db,
    logger: pino({ level: 'silent' }),
    bus,
    providers: createProviderResolver(provider),
    streamThrottleMs: 50,
    cancelPollMs: 100,
  };
  const boss = await startRunner(jobs, deps, { databaseUrl: url, concurrency: 2, schema });
  return { boss, bus, deps };
}

export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 25_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in time: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const finished = ['succeeded', 'partial', 'failed', 'cancelled'];

/** Waits for a run to finish and returns it with its steps. */
export async function waitForRun(db: Db, orgId: string, runId: string, timeoutMs?: number) {
  const found = await waitFor(
    () => getPlanRun(db, orgId, runId),
    (value) => value !== undefined && finished.includes(value.run.status),
    timeoutMs,
  );
  if (!found) throw new Error('run vanished');
  return found;
}

/** The document as a client would load it: snapshot plus every stored update. */
export async function loadDoc(db: Db, orgId: string, docName: string): Promise<Y.Doc> {
  const state = await loadDocState(db, orgId, docName);
  return loadYDoc(state.snapshot, state.updates);
}

/** The suggestions map as plain objects. */
export function suggestionsIn(doc: Y.Doc): Record<string, Record<string, unknown>> {
  return doc.getMap('suggestions').toJSON() as Record<string, Record<string, unknown>>;
}
