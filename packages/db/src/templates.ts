import type { Transaction } from 'kysely';
import type { Db } from './client.ts';
import { isUlid, newId } from './ids.ts';
import { withCrossTenant, withOrg } from './org-scope.ts';
import type { Database, DocumentType, Template } from './schema.ts';

/** Built-in templates (no organisation) plus the organisation's own, by kind and name. */
export async function listTemplates(
  db: Db,
  orgId: string,
  kind?: DocumentType,
): Promise<Template[]> {
  if (!isUlid(orgId)) return [];
  return withOrg(db, orgId, async (trx) => {
    let query = trx
      .selectFrom('templates')
      .selectAll()
      .where((eb) => eb.or([eb('org_id', '=', orgId), eb('org_id', 'is', null)]));
    if (kind) query = query.where('kind', '=', kind);
    return query.orderBy('kind').orderBy('org_id', 'desc').orderBy('name').execute();
  });
}

/** A template visible to the organisation (its own or built-in), or undefined. */
export async function getTemplate(
  db: Db,
  orgId: string,
  id: string,
): Promise<Template | undefined> {
  if (!isUlid(orgId) || !isUlid(id)) return undefined;
  return withOrg(db, orgId, async (trx) => {
    return trx
      .selectFrom('templates')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => eb.or([eb('org_id', '=', orgId), eb('org_id', 'is', null)]))
      .executeTakeFirst();
  });
}

export interface NewTemplateInput {
  /** null for a built-in template. */
  orgId: string | null;
  kind: DocumentType;
  name: string;
  structure: unknown;
}

/** Creates a template, or replaces the structure of the one with the same organisation, kind and name. */
export async function upsertTemplate(db: Db, input: NewTemplateInput): Promise<Template> {
  // Built-in templates belong to no organisation: only this explicit path may write them.
  return input.orgId === null
    ? withCrossTenant(db, 'built-in templates', (trx) => writeTemplate(trx, input))
    : withOrg(db, input.orgId, (trx) => writeTemplate(trx, input));
}

async function writeTemplate(
  db: Transaction<Database>,
  input: NewTemplateInput,
): Promise<Template> {
  const existing = await db
    .selectFrom('templates')
    .select('id')
    .where('kind', '=', input.kind)
    .where('name', '=', input.name)
    .where((eb) =>
      input.orgId === null ? eb('org_id', 'is', null) : eb('org_id', '=', input.orgId),
    )
    .executeTakeFirst();
  if (existing) {
    return db
      .updateTable('templates')
      .set({ structure: input.structure, updated_at: new Date() })
      .where('id', '=', existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  return db
    .insertInto('templates')
    .values({
      id: newId(),
      org_id: input.orgId,
      kind: input.kind,
      name: input.name,
      structure: input.structure,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
