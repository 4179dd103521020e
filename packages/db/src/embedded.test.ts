import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectedRole } from './app-role-check.ts';
import { createDb } from './client.ts';
import { packageBinaries } from './embedded/binaries.ts';
import { addNote, notes, type Owner, startOwner } from './embedded/fixtures.ts';
import { isRunning } from './embedded/lock.ts';
import { startCluster, startEmbeddedPostgres } from './embedded.ts';
import { schemaStatus } from './migrate.ts';
import { provisionDatabase } from './provision.ts';

const asRoot = process.getuid?.() === 0;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(prefix: string, mode = 0o755): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await chmod(dir, mode);
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** An owner whose postmaster is stopped after the test even if the test fails half-way. */
async function owner(dataDir: string, note: string): Promise<Owner> {
  const started = await startOwner(dataDir, note);
  cleanups.push(async () => {
    await started.kill();
    if (await isRunning(started.postmasterPid)) process.kill(started.postmasterPid, 'SIGQUIT');
  });
  return started;
}

describe('embedded Postgres (no DATABASE_URL)', () => {
  it('starts, migrates, keeps data across restarts and stops — also as root', async () => {
    const dataDir = await tempDir('specboard-embedded-');
    const first = await provisionDatabase({ dataDir });
    cleanups.push(() => first.stop());
    expect(first.embedded).toBe(true);
    let db = createDb(first.url, { max: 1 });
    expect(await schemaStatus(db)).toEqual({ pending: [], unknown: [] });
    expect(await connectedRole(db)).toEqual({
      user: 'specboard_app_login',
      bypassesRls: false,
      ownsTables: false,
    });
    await db
      .insertInto('users')
      .values({ id: 'u1', name: 'Ada', email: 'ada@example.com' })
      .execute();
    await db.destroy();
    await first.stop();

    const second = await provisionDatabase({ dataDir });
    cleanups.push(() => second.stop());
    db = createDb(second.url, { max: 1 });
    expect(await db.selectFrom('users').select('name').execute()).toEqual([{ name: 'Ada' }]);
    await db.destroy();
    await second.stop();
    await expect(
      createDb(second.url, { max: 1 }).selectFrom('users').select('id').execute(),
    ).rejects.toThrow();
  }, 60_000);

  it('refuses an external database whose schema is behind, naming the command to run', async () => {
    const dataDir = await tempDir('specboard-embedded-');
    const raw = await startEmbeddedPostgres({ dataDir, ephemeral: true, database: 'empty' });
    cleanups.push(() => raw.stop());
    await expect(provisionDatabase({ databaseUrl: raw.url, dataDir })).rejects.toThrow(
      /pnpm db:migrate/,
    );
  }, 60_000);

  it('starts after its owner was killed (kill -9) or while it stops, keeping the data; refuses while it runs', async () => {
    const dataDir = await tempDir('specboard-embedded-');
    const first = await owner(dataDir, 'a: before kill -9');
    await expect(startEmbeddedPostgres({ dataDir, database: 'owned' })).rejects.toThrow(
      new RegExp(`already running \\(PID ${first.postmasterPid}\\) for process \\d+`),
    );

    await first.kill();
    expect(await isRunning(first.postmasterPid)).toBe(true);
    const start = async () => {
      const started = await startEmbeddedPostgres({ dataDir, database: 'owned' });
      cleanups.push(() => started.stop());
      return started;
    };
    let running = await start();
    expect(await isRunning(first.postmasterPid)).toBe(false);
    expect(await notes(running.url)).toEqual(['a: before kill -9']);
    await running.stop();

    // The old postmaster is still shutting down when the next start comes.
    const second = await owner(dataDir, 'b: before SIGINT');
    await second.kill();
    process.kill(second.postmasterPid, 'SIGINT');
    running = await start();
    expect(await notes(running.url)).toEqual(['a: before kill -9', 'b: before SIGINT']);
    await running.stop();

    // Restarted while the previous owner still shuts down (Ctrl+C, then start again at once).
    const third = await owner(dataDir, 'c: before SIGTERM');
    third.terminate();
    running = await start();
    expect(await notes(running.url)).toContain('c: before SIGTERM flushed');
    await running.stop();

    // A lock file whose PID now belongs to another process is stale.
    const lock = join(dataDir, 'postmaster.pid');
    await writeFile(lock, `${process.pid}\n${dataDir}\n0\n5432\n/tmp\n127.0.0.1\n1 2\nready\n`);
    running = await start();
    expect(await notes(running.url)).toHaveLength(4);
    await running.stop();
    expect(existsSync(lock)).toBe(false);
  }, 150_000);

  it('works in a directory the postgres system user cannot enter (0700), binaries included', async () => {
    const home = await tempDir('specboard-private-', 0o700);
    const sharedDir = await tempDir('specboard-shared-');
    const installed = packageBinaries();
    // The binaries as if installed in a checkout under `home`.
    const installation = dirname(dirname(installed.postgres));
    await symlink(installation, join(home, 'postgres'));
    const binaries = {
      postgres: join(home, 'postgres/bin/postgres'),
      initdb: join(home, 'postgres/bin/initdb'),
    };
    const dataDir = join(home, 'checkout/.data/postgres');
    const options = { dataDir, sharedDir, database: 'private' };

    const first = await startCluster(options, binaries);
    cleanups.push(() => first.stop());
    await addNote(first.url, 'kept');
    await first.stop();
    const second = await startCluster(options, binaries);
    cleanups.push(() => second.stop());
    expect(await notes(second.url)).toEqual(['kept']);
    await second.stop();

    // As root the cluster and a copy of the binaries live under sharedDir; otherwise in place.
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(!asRoot);
    expect(existsSync(join(sharedDir, 'clusters'))).toBe(asRoot);
    expect(existsSync(join(sharedDir, 'bin'))).toBe(asRoot);
  }, 90_000);

  it('says in one line why Postgres did not start', async () => {
    const dataDir = await tempDir('specboard-embedded-');
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(
      /^Postgres for \S+ did not start \(exit code 1\): [^\n]*Address already in use[^\n]*$/,
    );
  }, 60_000);

  it.runIf(asRoot)('says which directory to open when nowhere is reachable', async () => {
    const home = await tempDir('specboard-private-', 0o700);
    const started = startEmbeddedPostgres({
      dataDir: join(home, 'checkout/.data/postgres'),
      sharedDir: join(home, 'shared'),
    });
    await expect(started).rejects.toThrow(
      `cannot enter ${home}, so it cannot use ${home}/shared/clusters/`,
    );
    await expect(started).rejects.toThrow(`chmod o+x ${home}`);
  });
});
