import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDb } from './client.ts';
import { schemaStatus } from './migrate.ts';
import { provisionDatabase } from './provision.ts';

describe('embedded Postgres (no DATABASE_URL)', () => {
  it('starts, migrates, keeps data across restarts and stops — also as root', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'specboard-embedded-'));
    try {
      const first = await provisionDatabase({ dataDir });
      expect(first.embedded).toBe(true);
      let db = createDb(first.url, { max: 1 });
      expect(await schemaStatus(db)).toEqual({ pending: [], unknown: [] });
      await db
        .insertInto('users')
        .values({ id: 'u1', name: 'Ada', email: 'ada@example.com' })
        .execute();
      await db.destroy();
      await first.stop();

      const second = await provisionDatabase({ dataDir });
      db = createDb(second.url, { max: 1 });
      expect(await db.selectFrom('users').select('name').execute()).toEqual([{ name: 'Ada' }]);
      await db.destroy();
      await second.stop();
      await expect(
        createDb(second.url, { max: 1 }).selectFrom('users').select('id').execute(),
      ).rejects.toThrow();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses an external database whose schema is behind, naming the command to run', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'specboard-embedded-'));
    const { startEmbeddedPostgres } = await import('./embedded.ts');
    const raw = await startEmbeddedPostgres({ dataDir, ephemeral: true, database: 'empty' });
    try {
      await expect(provisionDatabase({ databaseUrl: raw.url, dataDir })).rejects.toThrow(
        /pnpm db:migrate/,
      );
    } finally {
      await raw.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
