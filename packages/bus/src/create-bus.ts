import type { Bus } from './bus.ts';
import type { BusLogger } from './logger.ts';
import { PostgresBus } from './postgres-bus.ts';
import { RedisBus } from './redis-bus.ts';

export interface BusOptions {
  databaseUrl: string;
  /** When set, Redis pub/sub carries the messages; otherwise Postgres LISTEN/NOTIFY. */
  redisUrl?: string | undefined;
  instanceId: string;
  logger?: BusLogger;
}

export async function createBus(options: BusOptions): Promise<Bus> {
  if (options.redisUrl) {
    return new RedisBus({
      redisUrl: options.redisUrl,
      instanceId: options.instanceId,
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }
  return new PostgresBus(options);
}
