// Postgres refuses to run as root. As root, `initdb` and `postgres` run as a `postgres` system
// user instead, which can only use files it can reach: every directory above them must be
// searchable by that user.
import { execFile } from 'node:child_process';
import { parse, resolve, sep } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const NAME = 'postgres';

/** The uid and gid `initdb` and `postgres` are spawned with. */
export interface RunAs {
  uid: number;
  gid: number;
}

async function lookUp(): Promise<RunAs> {
  const [uid, gid] = await Promise.all([run('id', ['-u', NAME]), run('id', ['-g', NAME])]);
  return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
}

/**
 * `undefined` when not root (Postgres then runs as the current user); as root, the `postgres`
 * system user, created (with its group) if it does not exist yet.
 */
export async function postgresUser(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    return await lookUp();
  } catch {
    try {
      await run('groupadd', ['-f', NAME]);
      await run('useradd', ['-g', NAME, NAME]);
      return await lookUp();
    } catch (error) {
      throw new Error(
        `Postgres cannot run as root and the "${NAME}" system user could not be created (${
          error instanceof Error ? error.message : String(error)
        }); create it (useradd ${NAME}) or set DATABASE_URL`,
        { cause: error },
      );
    }
  }
}

/**
 * Whether `runAs` can reach `path` and search or execute it (`test -x` under that user, so the
 * kernel decides: modes, ACLs and every directory on the way).
 */
export async function canReach(path: string, runAs: RunAs): Promise<boolean> {
  try {
    await run('test', ['-x', path], { uid: runAs.uid, gid: runAs.gid });
    return true;
  } catch {
    return false;
  }
}

/** The first directory on the way to `path` that `runAs` cannot enter, for error messages. */
export async function blockingDirectory(path: string, runAs: RunAs): Promise<string> {
  const absolute = resolve(path);
  const { root } = parse(absolute);
  const parts = absolute.slice(root.length).split(sep).filter(Boolean);
  for (let depth = 1; depth <= parts.length; depth++) {
    const candidate = root + parts.slice(0, depth).join(sep);
    if (!(await canReach(candidate, runAs))) return candidate;
  }
  return absolute;
}
