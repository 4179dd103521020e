import { sql } from 'kysely';
import postgres from 'postgres';
import { z } from 'zod';
import type { Db } from './client.ts';
import { withCrossTenant } from './org-scope.ts';
import type { RevocationScope } from './schema.ts';

/** The channel migration 0006's trigger notifies with each revocation written. */
export const REVOCATIONS_CHANNEL = 'revocations';

export const revocationScopes = ['document', 'project', 'organization'] as const;

export const revocationSchema = z.object({
  /** Null: every user (a deleted document, an archived project). */
  userId: z.string().min(1).nullable(),
  scope: z.enum(revocationScopes),
  /** A doc name (`doc:…`/`board:…`), a project id or an organisation id, by scope. */
  scopeId: z.string().min(1),
  /** Milliseconds since the epoch (fractional: the column keeps microseconds). */
  revokedAtMs: z.number(),
});
export type Revocation = z.infer<typeof revocationSchema>;

const revokedAtMs = sql<number>`(extract(epoch from revoked_at) * 1000)::float8`;

/**
 * Records that tokens of `userId` (null: everyone) for the scope issued until now are no longer
 * valid, and returns the record. Takes a `Db` or a transaction, so a caller can revoke in the
 * same transaction as the change that causes it; the sync servers hear of it on commit.
 */
export async function recordRevocation(
  db: Db,
  input: { userId: string | null; scope: RevocationScope; scopeId: string },
): Promise<Revocation> {
  const row = await db
    .insertInto('revocations')
    .values({ user_id: input.userId, scope: input.scope, scope_id: input.scopeId })
    .onConflict((conflict) =>
      conflict.constraint('revocations_subject').doUpdateSet({ revoked_at: sql`now()` }),
    )
    .returning(['user_id', 'scope', 'scope_id', revokedAtMs.as('revoked_at_ms')])
    .executeTakeFirstOrThrow();
  return {
    userId: row.user_id,
    scope: row.scope,
    scopeId: row.scope_id,
    revokedAtMs: row.revoked_at_ms,
  };
}

/** Every revocation (one row per subject, so this stays small). */
export async function listRevocations(db: Db): Promise<Revocation[]> {
  const rows = await db
    .selectFrom('revocations')
    .select(['user_id', 'scope', 'scope_id', revokedAtMs.as('revoked_at_ms')])
    .execute();
  return rows.map((row) => ({
    userId: row.user_id,
    scope: row.scope,
    scopeId: row.scope_id,
    revokedAtMs: row.revoked_at_ms,
  }));
}

/** The project a document belongs to, deleted or not; undefined for an unknown id. */
export async function projectOfDocument(db: Db, documentId: string): Promise<string | undefined> {
  return withCrossTenant(
    db,
    'revocations: which project a revoked document belongs to',
    async (trx) => {
      const row = await trx
        .selectFrom('documents')
        .select('project_id')
        .where('id', '=', documentId)
        .executeTakeFirst();
      return row?.project_id;
    },
  );
}

export interface RevocationListener {
  close(): Promise<void>;
}

/**
 * Calls `onRevocation` for each revocation committed by any process, on one dedicated
 * connection. Notifications sent while the connection is down are lost, so `onListen` runs each
 * time listening (re)starts — the first time included — for the caller to reload every record.
 */
export async function listenForRevocations(
  databaseUrl: string,
  handlers: {
    onRevocation: (revocation: Revocation) => void;
    onListen: () => void;
    onInvalid: (payload: string) => void;
  },
): Promise<RevocationListener> {
  const client = postgres(databaseUrl, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: 'specboard-revocations' },
  });
  await client.listen(
    REVOCATIONS_CHANNEL,
    (payload) => {
      const parsed = revocationSchema.safeParse(parseJson(payload));
      if (parsed.success) handlers.onRevocation(parsed.data);
      else handlers.onInvalid(payload);
    },
    handlers.onListen,
  );
  return { close: () => client.end({ timeout: 5 }) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
