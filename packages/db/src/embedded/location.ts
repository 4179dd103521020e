import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { blockingDirectory, canReach, type RunAs } from './system-user.ts';

/**
 * Where the cluster for `dataDir` lives. Normally `dataDir` itself. As root, when the `postgres`
 * system user cannot reach `dataDir` (a checkout under /root, which is 0700), the cluster lives
 * under `sharedDir/clusters`, keyed by the real path of `dataDir`, so each checkout keeps its own
 * data across restarts. A cluster already initialised in either place stays where it is.
 * The directory returned exists and, as root, belongs to the `postgres` user.
 */
export async function clusterDirectory(
  dataDir: string,
  runAs: RunAs | undefined,
  sharedDir: string,
  log: (message: string) => void,
): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  if (!runAs) return dataDir;
  const key = createHash('sha256')
    .update(await realpath(dataDir))
    .digest('hex')
    .slice(0, 16);
  const shared = join(sharedDir, 'clusters', key);
  const initialised = (dir: string) => existsSync(join(dir, 'PG_VERSION'));

  const blocked = async (dir: string) => unreachable(dir, await blockingDirectory(dir, runAs));
  let dir = dataDir;
  if (initialised(dataDir)) {
    if (!(await canReach(dataDir, runAs))) throw await blocked(dataDir);
  } else if (initialised(shared) || !(await canReach(dirname(dataDir), runAs))) {
    dir = shared;
    log(
      `the cluster for ${dataDir} lives in ${shared}, where the postgres system user can reach it`,
    );
    await mkdir(shared, { recursive: true, mode: 0o755 });
    if (!(await canReach(dirname(shared), runAs))) throw await blocked(shared);
  }
  await chown(dir, runAs.uid, runAs.gid);
  return dir;
}

function unreachable(dir: string, blocked: string): Error {
  return new Error(
    `the postgres system user (embedded Postgres runs as it under root) cannot enter ${blocked}, ` +
      `so it cannot use ${dir}: make ${blocked} searchable by it (chmod o+x ${blocked}), ` +
      'move the checkout, or set DATABASE_URL',
  );
}
