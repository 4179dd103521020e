import { copyFile, link, mkdir, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Hard-links (or, across file systems, copies) every file under `from` into `to`. */
async function fill(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o755 });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const destination = join(to, entry.name);
    if (entry.isDirectory()) await fill(source, destination);
    else if (entry.isSymbolicLink()) await symlink(await readlink(source), destination);
    else await link(source, destination).catch(() => copyFile(source, destination));
  }
}

/**
 * Mirrors `from` at `to`, built in `staging` and renamed into place, so a half-made tree is
 * never used; when another process got there first, its tree is kept.
 */
export async function linkTree(from: string, to: string, staging: string): Promise<void> {
  try {
    await fill(from, staging);
    await rename(staging, to);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
}
