export type { Bus, BusHandler, BusMessage, BusMessageKind } from './bus.ts';
export { type BusOptions, createBus } from './create-bus.ts';
export type { BusLogger } from './logger.ts';
export { PostgresBus } from './postgres-bus.ts';
export { RedisBus } from './redis-bus.ts';
export { type DocUpdateWrite, writeDocUpdate } from './write-doc-update.ts';
