import { sql } from 'kysely';
import type { Db } from './client.ts';
import { withCrossTenant, withOrg } from './org-scope.ts';

/** One live connection to a shared document (ARCHITECTURE.md §5). */
export interface PresenceEntry {
  orgId: string;
  connectionId: string;
  docName: string;
  userId: string;
  instanceId: string;
  /** The connection's awareness state (user, cursor…), as last written. */
  state: Record<string, unknown>;
}

export interface PresenceRow extends PresenceEntry {
  connectedAt: Date;
  lastSeenAt: Date;
}

/** Inserts the row of a connection, or refreshes its state and `last_seen_at`. */
export async function upsertPresence(db: Db, entry: PresenceEntry): Promise<void> {
  return withOrg(db, entry.orgId, async (trx) => {
    await trx
      .insertInto('presence')
      .values({
        org_id: entry.orgId,
        connection_id: entry.connectionId,
        doc_name: entry.docName,
        user_id: entry.userId,
        instance_id: entry.instanceId,
        state: entry.state,
      })
      .onConflict((oc) =>
        oc.column('connection_id').doUpdateSet({ state: entry.state, last_seen_at: sql`now()` }),
      )
      .execute();
  });
}

/** Marks every connection of an instance as still alive (one statement per heartbeat). */
export async function touchInstancePresence(db: Db, instanceId: string): Promise<number> {
  return withCrossTenant(
    db,
    'presence heartbeat: connections of this instance in every organisation',
    async (trx) => {
      const result = await trx
        .updateTable('presence')
        .set({ last_seen_at: sql`now()` })
        .where('instance_id', '=', instanceId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  );
}

export async function deletePresence(db: Db, orgId: string, connectionId: string): Promise<void> {
  return withOrg(db, orgId, async (trx) => {
    await trx.deleteFrom('presence').where('connection_id', '=', connectionId).execute();
  });
}

/** Who is connected to a document, oldest connection first. */
export async function listPresence(db: Db, orgId: string, docName: string): Promise<PresenceRow[]> {
  return withOrg(db, orgId, async (trx) => {
    const rows = await trx
      .selectFrom('presence')
      .selectAll()
      .where('doc_name', '=', docName)
      .orderBy('connected_at')
      .orderBy('connection_id')
      .execute();
    return rows.map((r) => ({
      orgId: r.org_id,
      connectionId: r.connection_id,
      docName: r.doc_name,
      userId: r.user_id,
      instanceId: r.instance_id,
      state: r.state,
      connectedAt: r.connected_at,
      lastSeenAt: r.last_seen_at,
    }));
  });
}

/** Deletes rows not seen for `staleAfterMs` (their instance died or lost the database). */
export async function sweepStalePresence(db: Db, staleAfterMs: number): Promise<number> {
  return withCrossTenant(db, 'presence sweep: stale rows of every organisation', async (trx) => {
    const result = await trx
      .deleteFrom('presence')
      .where('last_seen_at', '<', sql<Date>`now() - make_interval(secs => ${staleAfterMs / 1000})`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}

/** Deletes every row of the given instances (an instance that shut down or is known dead). */
export async function deletePresenceOfInstances(
  db: Db,
  instanceIds: readonly string[],
): Promise<number> {
  if (instanceIds.length === 0) return 0;
  return withCrossTenant(db, 'presence clean-up: rows of instances that are gone', async (trx) => {
    const result = await trx
      .deleteFrom('presence')
      .where('instance_id', 'in', [...instanceIds])
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}
