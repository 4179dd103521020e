import type { Bus } from '@specboard/bus';
import type { Db, Document } from '@specboard/db';
import { createDocument } from '@specboard/db/documents';
import {
  createTenant,
  createTestDatabase,
  type Tenant,
  type TestDatabase,
} from '@specboard/db/testing';
import type { ProviderConfigInput } from '@specboard/pipeline';
import { DocSession } from '@specboard/stored-doc';
import { type Logger, pino } from 'pino';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { documentDocName, fillWithMarkdown, readMarkdown } from '../ai/doc-model.ts';
import type { ProviderResolver } from '../ai/providers.ts';
import { RecordingBus, startWorker, type Worker } from './ai-harness.ts';
import { startFailoverWorker } from './failover.ts';

export interface WorkerFixture {
  /** This test file's own database (available once the fixture's `beforeAll` ran). */
  readonly db: Db;
  readonly url: string;
  readonly logger: Logger;
  /** A worker serving every queue; stopped by the fixture. */
  startWorker(
    provider: ProviderConfigInput,
    options?: { schema?: string; bus?: Bus },
  ): Promise<Worker>;
  /** A worker with the failover timing of `failover.ts`; stopped by the fixture. */
  startFailoverWorker(options: {
    schema: string;
    providers: ProviderResolver;
    retryLimit: number;
  }): Promise<Worker>;
  /** Runs `close` when the file ends, before the database is dropped (last added, first run). */
  onCleanUp(close: () => Promise<unknown> | unknown): void;
  /** A fresh tenant with an empty PRD: each test builds its own. */
  newPrd(): Promise<{ tenant: Tenant; document: Document; docName: string }>;
  /** Replaces a document's text as a person would; returns the Markdown it now reads as. */
  writeMarkdown(orgId: string, docName: string, markdown: string, bus?: Bus): Promise<string>;
}

/**
 * The set-up every worker test file shares: its own database, workers on their own pg-boss
 * schema, and clean-up of everything they started. Workers stop after each test with
 * `stopWorkers: 'afterEach'` (tests that start their own), else when the file ends.
 */
export function useWorkerFixture(
  options: { stopWorkers?: 'afterEach' | 'afterAll' } = {},
): WorkerFixture {
  let database: TestDatabase | undefined;
  const workers: Worker[] = [];
  const cleanUps: (() => Promise<unknown> | unknown)[] = [];
  const logger = pino({ level: 'silent' });

  const current = (): TestDatabase => {
    if (!database) throw new Error('the worker fixture is used before its beforeAll ran');
    return database;
  };
  const stopWorkers = async () => {
    for (const worker of workers.splice(0)) await worker.boss.stop({ graceful: false });
  };
  const track = (worker: Worker): Worker => {
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  if (options.stopWorkers === 'afterEach') afterEach(stopWorkers);
  afterAll(async () => {
    await stopWorkers();
    for (const close of cleanUps.splice(0).reverse()) await close();
    await database?.drop();
  });

  return {
    get db() {
      return current().db;
    },
    get url() {
      return current().url;
    },
    logger,
    async startWorker(provider, workerOptions = {}) {
      const { db, url } = current();
      return track(await startWorker(db, url, provider, workerOptions.schema, workerOptions.bus));
    },
    async startFailoverWorker(failover) {
      const { db, url } = current();
      return track(await startFailoverWorker(db, { url, ...failover }));
    },
    onCleanUp(close) {
      cleanUps.push(close);
    },
    async newPrd() {
      const { db } = current();
      const tenant = await createTenant(db);
      const document = await createDocument(db, {
        orgId: tenant.orgId,
        projectId: tenant.projectId,
        type: 'prd',
        title: 'PRD',
        createdBy: tenant.userId,
      });
      if (!document) throw new Error('no PRD');
      return { tenant, document, docName: documentDocName(document.id) };
    },
    async writeMarkdown(orgId, docName, markdown, bus = new RecordingBus()) {
      const session = await DocSession.open(
        { db: current().db, bus },
        orgId,
        docName,
        'test:person',
      );
      try {
        await session.change((doc) => fillWithMarkdown(doc, markdown));
        return readMarkdown(session.doc);
      } finally {
        session.destroy();
      }
    },
  };
}
