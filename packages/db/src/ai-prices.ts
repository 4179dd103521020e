import type { Db } from './client.ts';
import { withOrg } from './org-scope.ts';

export interface ModelPrice {
  model: string;
  /** US dollars per million tokens. */
  inputPerMTok: number;
  outputPerMTok: number;
  /** `list`: the shared list price; `organisation`: the organisation's own, which wins. */
  source: 'list' | 'organisation';
}

/** Every price the organisation's runs are costed with, by model name. */
export async function listModelPrices(db: Db, orgId: string): Promise<ModelPrice[]> {
  return withOrg(db, orgId, async (trx) => {
    const [list, own] = await Promise.all([
      trx.selectFrom('ai_price_defaults').selectAll().execute(),
      trx.selectFrom('ai_model_prices').selectAll().where('org_id', '=', orgId).execute(),
    ]);
    const prices = new Map<string, ModelPrice>();
    for (const row of list) {
      prices.set(row.model, {
        model: row.model,
        inputPerMTok: Number(row.input_per_mtok),
        outputPerMTok: Number(row.output_per_mtok),
        source: 'list',
      });
    }
    for (const row of own) {
      prices.set(row.model, {
        model: row.model,
        inputPerMTok: Number(row.input_per_mtok),
        outputPerMTok: Number(row.output_per_mtok),
        source: 'organisation',
      });
    }
    return [...prices.values()].sort((a, b) => a.model.localeCompare(b.model));
  });
}

/** The organisation's own price for a model (replacing any earlier one). */
export async function setModelPrice(
  db: Db,
  orgId: string,
  price: { model: string; inputPerMTok: number; outputPerMTok: number },
): Promise<void> {
  const values = {
    input_per_mtok: price.inputPerMTok,
    output_per_mtok: price.outputPerMTok,
    updated_at: new Date(),
  };
  await withOrg(db, orgId, (trx) =>
    trx
      .insertInto('ai_model_prices')
      .values({ org_id: orgId, model: price.model, ...values })
      .onConflict((oc) => oc.columns(['org_id', 'model']).doUpdateSet(values))
      .execute(),
  );
}

/** Drops the organisation's own price; the list price (if any) applies again. */
export async function removeModelPrice(db: Db, orgId: string, model: string): Promise<boolean> {
  const result = await withOrg(db, orgId, (trx) =>
    trx
      .deleteFrom('ai_model_prices')
      .where('org_id', '=', orgId)
      .where('model', '=', model)
      .executeTakeFirst(),
  );
  return result.numDeletedRows > 0n;
}
