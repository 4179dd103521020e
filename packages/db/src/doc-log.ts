import { sql, type Transaction } from 'kysely';
import type { Db } from './client.ts';
import { withCrossTenant, withOrg } from './org-scope.ts';
import type { Database } from './schema.ts';

/** One row of the Yjs update log; ids are bigserial values as decimal strings. */
export interface LoggedUpdate {
  id: string;
  update: Uint8Array;
}

export interface NewDocUpdate {
  docName: string;
  update: Uint8Array;
  /** Who wrote it: a sync-server instance id, or e.g. `worker:<jobId>`. */
  origin: string;
}

export interface StoredDocState {
  snapshot: Uint8Array | null;
  /** When the snapshot was written (null without one). */
  snapshotAt: Date | null;
  updates: LoggedUpdate[];
}

/** Appends updates in one statement; returns the new row ids in input order. */
export async function appendDocUpdates(
  db: Db | Transaction<Database>,
  orgId: string,
  updates: readonly NewDocUpdate[],
): Promise<string[]> {
  if (updates.length === 0) return [];
  return withOrg(db, orgId, async (trx) => {
    const rows = await trx
      .insertInto('doc_updates')
      .values(
        updates.map((u) => ({
          org_id: orgId,
          doc_name: u.docName,
          update: u.update,
          origin: u.origin,
        })),
      )
      .returning('id')
      .execute();
    return rows.map((r) => String(r.id));
  });
}

/** Snapshot plus every log row not yet compacted into it: applying both yields the document. */
export async function loadDocState(
  db: Db,
  orgId: string,
  docName: string,
): Promise<StoredDocState> {
  // Repeatable read, so a compaction committing in between cannot hide rows from both reads.
  const read = db.transaction().setIsolationLevel('repeatable read');
  return read.execute((scoped) =>
    withOrg(scoped, orgId, async (trx) => {
      const snapshot = await trx
        .selectFrom('doc_snapshots')
        .select(['state', 'updated_at'])
        .where('doc_name', '=', docName)
        .executeTakeFirst();
      const updates = await readUpdates(trx, docName, null);
      return {
        snapshot: snapshot?.state ?? null,
        snapshotAt: snapshot?.updated_at ?? null,
        updates,
      };
    }),
  );
}

/** Log rows of a document with an id above `afterId` (all rows when null), oldest first. */
export async function readDocUpdatesAfter(
  db: Db,
  orgId: string,
  docName: string,
  afterId: string | null,
): Promise<LoggedUpdate[]> {
  return withOrg(db, orgId, async (trx) => {
    return readUpdates(trx, docName, afterId);
  });
}

async function readUpdates(
  db: Db | Transaction<Database>,
  docName: string,
  afterId: string | null,
): Promise<LoggedUpdate[]> {
  let query = db
    .selectFrom('doc_updates')
    .select(['id', 'update'])
    .where('doc_name', '=', docName)
    .orderBy('id');
  if (afterId !== null) query = query.where(sql<boolean>`id > ${afterId}::bigint`);
  const rows = await query.execute();
  return rows.map((r) => ({ id: String(r.id), update: r.update }));
}

export interface UnsettledRead {
  updates: LoggedUpdate[];
  /**
   * The highest id below which every row is known to be read: rows older than the settle window.
   * A row with a smaller id can commit after a larger one, so ids newer than that are re-read.
   */
  settledId: string;
}

/**
 * Catch-up read for a live instance: rows above `afterId`, plus the new settled watermark — the
 * largest id among rows above `afterId` created more than `settleMs` ago (else `afterId`).
 * Rows written by `ownOrigin` count for the watermark but are not returned: the instance that
 * wrote them already holds them, and re-applying a busy document's last seconds of its own
 * rows on every catch-up kept the event loop busy for seconds at a time.
 */
export async function readDocUpdatesSettling(
  db: Db,
  orgId: string,
  docName: string,
  afterId: string,
  settleMs: number,
  ownOrigin: string | null = null,
): Promise<UnsettledRead> {
  return withOrg(db, orgId, async (trx) => {
    const rows = await trx
      .selectFrom('doc_updates')
      .select([
        'id',
        sql<Uint8Array | null>`case when origin = ${ownOrigin} then null else update end`.as(
          'update',
        ),
        sql<boolean>`created_at < now() - make_interval(secs => ${settleMs / 1000})`.as('settled'),
      ])
      .where('doc_name', '=', docName)
      .where(sql<boolean>`id > ${afterId}::bigint`)
      .orderBy('id')
      .execute();
    let settledId = BigInt(afterId);
    const updates: LoggedUpdate[] = [];
    for (const row of rows) {
      const id = BigInt(row.id);
      if (row.settled && id > settledId) settledId = id;
      if (row.update) updates.push({ id: String(row.id), update: row.update });
    }
    return { updates, settledId: settledId.toString() };
  });
}

/** When the document's snapshot was last written (null: it has none). */
export async function snapshotWrittenAt(
  db: Db,
  orgId: string,
  docName: string,
): Promise<Date | null> {
  return withOrg(db, orgId, async (trx) => {
    const row = await trx
      .selectFrom('doc_snapshots')
      .select('updated_at')
      .where('doc_name', '=', docName)
      .executeTakeFirst();
    return row?.updated_at ?? null;
  });
}

/** Log rows by id (used when a bus message names a row too large to carry inline). */
export async function readDocUpdatesByIds(
  db: Db,
  orgId: string,
  docName: string,
  ids: readonly string[],
): Promise<LoggedUpdate[]> {
  if (ids.length === 0) return [];
  return withOrg(db, orgId, async (trx) => {
    const rows = await trx
      .selectFrom('doc_updates')
      .select(['id', 'update'])
      .where('doc_name', '=', docName)
      .where(sql<boolean>`id = any(${ids.map(String)}::bigint[])`)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: String(r.id), update: r.update }));
  });
}

export interface DocLogSize {
  rows: number;
  bytes: number;
}

/** How much of a document's log is not yet compacted. */
export async function docLogSize(db: Db, orgId: string, docName: string): Promise<DocLogSize> {
  return withOrg(db, orgId, async (trx) => {
    const row = await trx
      .selectFrom('doc_updates')
      .select([
        sql<string>`count(*)`.as('rows'),
        sql<string>`coalesce(sum(octet_length(update)), 0)`.as('bytes'),
      ])
      .where('doc_name', '=', docName)
      .executeTakeFirstOrThrow();
    return { rows: Number(row.rows), bytes: Number(row.bytes) };
  });
}

/**
 * Merges a document's snapshot and log rows into a new snapshot. `merge` receives the current
 * snapshot and the rows read, and returns the new state (V2 encoding); it may run off the event
 * loop. Runs under a per-document advisory lock and deletes exactly the row ids it read, so rows
 * committed meanwhile (even with smaller ids) survive for the next round.
 * Returns how many rows were folded in (0: nothing to do).
 */
export async function compactDoc(
  db: Db,
  orgId: string,
  docName: string,
  merge: (snapshot: Uint8Array | null, updates: LoggedUpdate[]) => Promise<Uint8Array> | Uint8Array,
): Promise<number> {
  return withOrg(db, orgId, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`doc:${docName}`}))`.execute(trx);
    const updates = await readUpdates(trx, docName, null);
    if (updates.length === 0) return 0;
    const current = await trx
      .selectFrom('doc_snapshots')
      .select('state')
      .where('doc_name', '=', docName)
      .executeTakeFirst();
    const state = await merge(current?.state ?? null, updates);
    await trx
      .insertInto('doc_snapshots')
      .values({ org_id: orgId, doc_name: docName, state })
      .onConflict((oc) => oc.column('doc_name').doUpdateSet({ state, updated_at: sql`now()` }))
      .execute();
    const ids = updates.map((u) => u.id);
    // The log is about to lose these rows' times; the automatic-version job needs the newest.
    await trx
      .insertInto('doc_activity')
      .columns(['doc_name', 'last_changed_at'])
      .expression(
        trx
          .selectFrom('doc_updates')
          .select((eb) => ['doc_name', eb.fn.max('created_at').as('last_changed_at')])
          .where(sql<boolean>`id = any(${ids}::bigint[])`)
          .groupBy('doc_name'),
      )
      .onConflict((oc) =>
        oc.column('doc_name').doUpdateSet({
          last_changed_at: sql`greatest(doc_activity.last_changed_at, excluded.last_changed_at)`,
        }),
      )
      .execute();
    await trx.deleteFrom('doc_updates').where(sql<boolean>`id = any(${ids}::bigint[])`).execute();
    return updates.length;
  });
}

/** Documents whose uncompacted log exceeds either threshold (for periodic compaction). */
export async function docsNeedingCompaction(
  db: Db,
  thresholds: { rows: number; bytes: number },
): Promise<{ orgId: string; docName: string }[]> {
  return withCrossTenant(db, 'compaction sweep: logs of every organisation', async (trx) => {
    const rows = await trx
      .selectFrom('doc_updates')
      .select(['org_id', 'doc_name'])
      .groupBy(['org_id', 'doc_name'])
      .having((eb) =>
        eb.or([
          eb(sql`count(*)`, '>=', thresholds.rows),
          eb(sql`sum(octet_length(update))`, '>=', thresholds.bytes),
        ]),
      )
      .execute();
    return rows.map((r) => ({ orgId: r.org_id, docName: r.doc_name }));
  });
}

/** Size of the whole update log, for the `update-log rows/bytes` metrics. */
export async function updateLogTotals(db: Db): Promise<DocLogSize> {
  return withCrossTenant(db, 'metrics: size of the whole update log', async (trx) => {
    const row = await trx
      .selectFrom('doc_updates')
      .select([
        sql<string>`count(*)`.as('rows'),
        sql<string>`coalesce(sum(octet_length(update)), 0)`.as('bytes'),
      ])
      .executeTakeFirstOrThrow();
    return { rows: Number(row.rows), bytes: Number(row.bytes) };
  });
}
