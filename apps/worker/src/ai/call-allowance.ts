import type { Db } from '@specboard/db';
import { listModelPrices } from '@specboard/db/ai-prices';
import { getAiSettings } from '@specboard/db/ai-settings';
import { monthSpend } from '@specboard/db/ai-usage';
import { budgetRefusal, freeProvider, modelRefusal } from '@specboard/jobs';
import type { PriceTable, Provider } from '@specboard/pipeline';

export interface CallAllowance {
  /** Why the call must not be made (`stopped: …`, with the numbers), or null. */
  stop: string | null;
  maxReplyChars: number | null;
  /** The organisation's prices (its own over the list prices), to cost the call with. */
  prices: PriceTable;
}

/**
 * Read right before each model call: a run already going when the budget runs out (or an admin
 * takes its model off the allow-list) finishes the call in flight and stops at the next one.
 * `used` is what the step resolved to, so "auto" and "default" are checked as what they mean.
 */
export async function callAllowance(
  db: Db,
  orgId: string,
  used: { provider: string; model: string },
): Promise<CallAllowance> {
  const [settings, priceList] = await Promise.all([
    getAiSettings(db, orgId),
    listModelPrices(db, orgId),
  ]);
  const prices: PriceTable = Object.fromEntries(
    priceList.map((p) => [
      p.model,
      { inputPerMTok: p.inputPerMTok, outputPerMTok: p.outputPerMTok },
    ]),
  );
  const limits = { maxReplyChars: settings.maxReplyChars, prices };
  if (used.provider === freeProvider) return { stop: null, ...limits };
  const refused =
    modelRefusal(settings, used) ?? budgetRefusal(settings, await monthSpend(db, orgId));
  return { stop: refused ? `stopped: ${refused}` : null, ...limits };
}

/** The provider with the organisation's reply size limit applied to every call. */
export function withReplyLimit(provider: Provider, maxReplyChars: number | null): Provider {
  if (maxReplyChars === null) return provider;
  return {
    name: provider.name,
    defaultModel: provider.defaultModel,
    run: (step, input, options = {}) => provider.run(step, input, { ...options, maxReplyChars }),
  };
}
