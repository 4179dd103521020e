import { listActivity } from '@specboard/db/activity';
import { listPresence } from '@specboard/db/presence';
import { z } from 'zod';
import { db } from '../db.server.ts';
import { colorFor } from '../editor/user-color.ts';
import { docNameFor } from './sync-token.server.ts';

export interface DocumentPeople {
  lastEdit: { name: string; at: string } | null;
  /** People with the document open right now (from the sync server's presence rows). */
  hereNow: { id: string; name: string; color: string }[];
}

/** What the sync server writes into `presence.state`: the awareness state plus token claims. */
const presenceStateSchema = z.object({
  name: z.string(),
  user: z.object({ color: z.string() }).partial().optional(),
});

async function lastEdit(orgId: string, documentId: string): Promise<DocumentPeople['lastEdit']> {
  const recent = await listActivity(db(), orgId, {
    resourceType: 'document',
    resourceId: documentId,
    limit: 20,
  });
  const edit = recent.find((a) => a.action === 'edited');
  return edit ? { name: edit.actor_name ?? 'Someone', at: edit.created_at.toISOString() } : null;
}

async function hereNow(orgId: string, documentId: string): Promise<DocumentPeople['hereNow']> {
  const people = new Map<string, DocumentPeople['hereNow'][number]>();
  for (const row of await listPresence(db(), orgId, docNameFor(documentId))) {
    const state = presenceStateSchema.safeParse(row.state);
    if (!state.success || people.has(row.userId)) continue;
    people.set(row.userId, {
      id: row.userId,
      name: state.data.name,
      color: state.data.user?.color ?? colorFor(row.userId),
    });
  }
  return [...people.values()];
}

/** "Last edited by" and "here now" for each document of a list, keyed by document id. */
export async function documentPeople(
  orgId: string,
  documentIds: readonly string[],
): Promise<Record<string, DocumentPeople>> {
  const entries = await Promise.all(
    documentIds.map(
      async (id) =>
        [id, { lastEdit: await lastEdit(orgId, id), hereNow: await hereNow(orgId, id) }] as const,
    ),
  );
  return Object.fromEntries(entries);
}
