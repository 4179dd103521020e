import { pino } from 'pino';
import { env } from './env.server.ts';

let instance: pino.Logger | undefined;

export function logger(): pino.Logger {
  instance ??= pino({ name: 'web', level: env().LOG_LEVEL });
  return instance;
}
