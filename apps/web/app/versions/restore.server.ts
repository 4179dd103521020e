import { enqueueVersionRestore } from '@specboard/jobs';
import { jobQueue } from '../runs/job-queue.server.ts';

/**
 * Asks the worker to restore a version (the `version-restore` job): it writes the version's
 * content into the stored document through the server-side write path, so every open editor
 * receives it live, and records the result as a new `restore` version built from that content.
 * Kept as the one place the web app names this queue, so the contract is easy to re-point.
 */
export async function requestVersionRestore(request: {
  orgId: string;
  versionId: string;
  requestedBy: string;
}): Promise<void> {
  const { boss } = await jobQueue();
  await enqueueVersionRestore(boss, request);
}
