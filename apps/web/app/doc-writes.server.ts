import { type Bus, createBus } from '@specboard/bus';
import type { DocWriteDeps } from '@specboard/stored-doc';
import { ulid } from 'ulid';
import { db } from './db.server.ts';
import { env } from './env.server.ts';
import { logger } from './logger.server.ts';

let bus: Promise<Bus> | undefined;

/**
 * What a web action needs to change a shared document (`changeStoredDoc`): the database and the
 * bus the sync servers listen on, so connected clients see the change at once. One bus per
 * process, opened on first use.
 */
export async function docWrites(): Promise<DocWriteDeps> {
  bus ??= createBus({
    databaseUrl: env().DATABASE_URL,
    redisUrl: env().REDIS_URL,
    instanceId: `web:${ulid()}`,
    logger: logger(),
  }).catch((error: unknown) => {
    bus = undefined;
    throw new Error('could not open the bus to the sync servers', { cause: error });
  });
  return { db: db(), bus: await bus };
}
