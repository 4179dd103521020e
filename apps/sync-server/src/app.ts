import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import websocket from '@fastify/websocket';
import { type Bus, createBus } from '@specboard/bus';
import { assertAppRole, createDb, type Db, isDatabaseReachable } from '@specboard/db';
import { CloseCode } from '@specboard/doc/close-codes';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { AddressLimits } from './address-limits.ts';
import { registerCollabRoute } from './collab-route.ts';
import { Compactor } from './compactor.ts';
import { DocRegistry } from './doc-registry.ts';
import { drainSockets } from './drain-sockets.ts';
import type { Env } from './env.ts';
import { registerInternalRoutes } from './internal-routes.ts';
import { createMetrics, sampleLogTotals } from './metrics.ts';
import { PresenceWriter } from './presence-writer.ts';
import { Revocations } from './revocations.ts';
import { mayAbandon, mustFinish } from './shutdown-steps.ts';

export interface SyncServer {
  app: FastifyInstance;
  /** The operations listener: /metrics and /internal/*, never on the public port. */
  internalApp: FastifyInstance;
  registry: DocRegistry;
  instanceId: string;
  /**
   * Listens on `env.host:env.port` and the internal listener on
   * `env.internalHost:env.internalPort` (0 = any free port); returns the bound addresses.
   */
  listen(): Promise<{ host: string; port: number; url: string; internalUrl: string }>;
  /**
   * Marks the instance not ready (/readyz answers 503) for `ms` while connections keep working,
   * so a load balancer takes it out of rotation before `close()` sends clients elsewhere.
   */
  drain(ms: number): Promise<void>;
  /**
   * Graceful stop: refuse new connections, close sockets with 1012, flush every pending batch,
   * then release the database, bus and threads.
   */
  close(): Promise<void>;
}

/** How long a graceful stop waits for clients to answer the 1012 close frame. */
const CLOSE_HANDSHAKE_GRACE_MS = 2_000;

/** Builds the sync server on a migrated database (see server.ts for provisioning). */
export async function createSyncServer(options: {
  env: Env;
  databaseUrl: string;
  logger: Logger;
}): Promise<SyncServer> {
  const { env, logger } = options;
  const instanceId = `sync-${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const db: Db = createDb(options.databaseUrl, { applicationName: 'specboard-sync' });
  // Row-level security is the second line of isolation only for the app role (decision 011).
  await assertAppRole(db).catch(async (error: unknown) => {
    await db.destroy();
    throw error;
  });
  const bus: Bus = await createBus({
    databaseUrl: options.databaseUrl,
    redisUrl: env.redisUrl,
    instanceId,
    logger,
  });
  const metrics = createMetrics();
  const compactor = new Compactor({ db, logger, metrics });
  const presence = new PresenceWriter({ db, logger, instanceId });
  const registry = new DocRegistry({
    db,
    bus,
    logger,
    metrics,
    compactor,
    presence,
    instanceId,
    flushMs: env.flushMs,
    catchUpMs: env.catchUpMs,
    compaction: env.compaction,
  });
  const revocations = await Revocations.start({
    db,
    databaseUrl: options.databaseUrl,
    registry,
    logger,
    metrics,
  });
  const sampler = sampleLogTotals({ db, metrics, intervalMs: env.metricsSampleMs, logger });
  let accepting = true;
  let draining = false;

  // Fastify logs only its warnings and errors; connections are logged by the collab route.
  const fastifyLogger: FastifyBaseLogger = logger.child(
    {},
    { level: logger.levelVal > 40 ? logger.level : 'warn' },
  );
  const app = Fastify({ loggerInstance: fastifyLogger });
  await app.register(websocket, { options: { maxPayload: env.maxMessageBytes } });

  const addressLimits = new AddressLimits(env.addressLimits);
  registerCollabRoute(app, {
    registry,
    metrics,
    logger,
    limits: { messages: env.rateLimit, bytes: env.byteRateLimit },
    maxMessageBytes: env.maxMessageBytes,
    maxConnectionsPerDoc: env.maxConnectionsPerDoc,
    accepting: () => accepting,
    addressLimits,
    tokenSecret: env.tokenSecret,
    revocations,
  });
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    if (draining || !accepting) return reply.code(503).send({ ok: false, reason: 'draining' });
    if (await isDatabaseReachable(db)) return { ok: true };
    return reply.code(503).send({ ok: false, reason: 'database unreachable' });
  });
  const internalApp = Fastify({ loggerInstance: fastifyLogger });
  registerInternalRoutes(internalApp, {
    db,
    revocations,
    metrics,
    internalSecret: env.internalSecret,
  });

  return {
    app,
    internalApp,
    registry,
    instanceId,
    async listen() {
      await app.listen({ host: env.host, port: env.port });
      await internalApp.listen({ host: env.internalHost, port: env.internalPort });
      const port = boundPort(app, env.port);
      const internalPort = boundPort(internalApp, env.internalPort);
      return {
        host: env.host,
        port,
        url: `ws://${env.host}:${port}`,
        internalUrl: `http://${env.internalHost}:${internalPort}`,
      };
    },
    async drain(ms) {
      draining = true;
      if (ms > 0) await sleep(ms);
    },
    async close() {
      accepting = false;
      for (const doc of registry.active()) {
        for (const connection of doc.connections)
          connection.close(CloseCode.serviceRestart, 'server is restarting');
      }
      await mustFinish(
        logger,
        'flush documents',
        Promise.all(registry.active().map((doc) => doc.flush())),
      );
      await mustFinish(logger, 'settle loads and unloads', registry.settled());
      const dropped = await drainSockets(app.websocketServer, CLOSE_HANDSHAKE_GRACE_MS);
      if (dropped > 0) logger.warn({ dropped }, 'dropped clients that did not answer the close');
      await mayAbandon(logger, 'close the public server', () => app.close());
      await mayAbandon(logger, 'close the internal server', () => internalApp.close());
      addressLimits.close();
      await mustFinish(logger, 'settle unloads', registry.settled());
      await mayAbandon(logger, 'stop the revocation listener', () => revocations.close());
      await mayAbandon(logger, 'stop the metrics sampler', () => sampler.stop());
      await mayAbandon(logger, 'finish compactions', () => compactor.close());
      await mayAbandon(logger, 'delete presence rows', () => presence.close());
      await mayAbandon(logger, 'close the bus', () => bus.close());
      await mayAbandon(logger, 'close the database pool', () => db.destroy());
    },
  };
}

function boundPort(app: FastifyInstance, fallback: number): number {
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : fallback;
}
