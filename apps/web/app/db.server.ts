import { createDb, type Db } from '@specboard/db';
import { env } from './env.server.ts';

let instance: Db | undefined;

/** One pool per process, opened on first use. */
export function db(): Db {
  instance ??= createDb(env().DATABASE_URL, { applicationName: 'specboard-web' });
  return instance;
}
