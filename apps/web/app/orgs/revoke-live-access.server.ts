import { listDocuments } from '@specboard/db/documents';
import { listProjects } from '@specboard/db/projects';
import { formatDocName } from '@specboard/doc/doc-names';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';
import { logger } from '../logger.server.ts';

/** Requests in flight at once, so a large organisation does not flood the sync server. */
const CONCURRENCY = 8;

function internalUrl(): string {
  const config = env();
  return config.SYNC_INTERNAL_URL ?? config.SYNC_PUBLIC_URL.replace(/^ws/, 'http');
}

/** Every shared document of the organisation: each document's text and each project's board. */
async function organisationDocNames(orgId: string): Promise<string[]> {
  const projects = await listProjects(db(), orgId, { includeArchived: true });
  const perProject = await Promise.all(
    projects.map(async (project) => [
      formatDocName('board', project.id),
      ...(await listDocuments(db(), orgId, project.id)).map((d) => formatDocName('doc', d.id)),
    ]),
  );
  return perProject.flat();
}

async function revoke(docName: string, userId: string): Promise<void> {
  const config = env();
  const response = await fetch(`${internalUrl()}/internal/revoke`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${config.SYNC_INTERNAL_SECRET ?? config.SYNC_TOKEN_SECRET}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ docName, userId }),
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`sync server answered HTTP ${response.status}`);
}

/**
 * Closes the person's open collaboration connections in this organisation (close code 4409), so
 * a lowered role or a removal takes effect now rather than at their next reconnect: the editor
 * then asks for a new token, which the web app grants only for the new role. Best effort: a
 * failure is logged, and the short token lifetime still bounds how long old access can last.
 */
export async function revokeLiveAccess(orgId: string, userId: string): Promise<void> {
  const pending = await organisationDocNames(orgId);
  const failures: string[] = [];
  const work = async () => {
    for (let docName = pending.pop(); docName; docName = pending.pop()) {
      await revoke(docName, userId).catch((error: unknown) => {
        failures.push(docName);
        logger().warn({ err: error, docName, userId }, 'could not revoke live access');
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, work));
  if (failures.length > 0) {
    logger().warn({ orgId, userId, failed: failures.length }, 'live access revocation incomplete');
  }
}
