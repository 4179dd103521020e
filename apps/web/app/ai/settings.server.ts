import { recordActivity } from '@specboard/db/activity';
import { listModelPrices, removeModelPrice, setModelPrice } from '@specboard/db/ai-prices';
import { getAiSettings, saveAiSettings } from '@specboard/db/ai-settings';
import { z } from 'zod';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { db } from '../db.server.ts';
import { badRequest } from '../lib/http.server.ts';
import { invalid, parseForm, readForm } from '../lib/validation.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import { spendStatus } from './spend-status.server.ts';

/** A comma-separated list of names, each at most 100 characters, without repeats. */
const nameList = (max: number, what: string) =>
  z
    .string()
    .default('')
    .transform((text) => [
      ...new Set(
        text
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().max(100, `A ${what} name is at most 100 characters`))
        .max(max, `List at most ${max} ${what}s`),
    );

/** Blank means "no limit". */
const optionalLimit = (schema: z.ZodNumber) =>
  z
    .string()
    .default('')
    .transform((text) => (text.trim() === '' ? null : Number(text)))
    .pipe(schema.nullable());

const positiveInt = (message: string) =>
  z.number(message).int(message).positive(message).max(1_000_000_000_000, 'That is too large');

const settingsSchema = z.object({
  intent: z.literal('save-settings'),
  allowedProviders: nameList(10, 'provider'),
  allowedModels: nameList(30, 'model'),
  monthlyTokenBudget: optionalLimit(positiveInt('Use a whole number of tokens above 0')),
  monthlyCostBudgetUsd: optionalLimit(
    z.number('Use an amount in dollars').positive('Use an amount above 0').max(10_000_000),
  ),
  maxConcurrentRuns: optionalLimit(
    positiveInt('Use a whole number above 0').max(1_000, 'At most 1,000'),
  ),
  maxReplyChars: optionalLimit(
    positiveInt('Use a whole number of characters above 0').max(10_000_000, 'At most 10,000,000'),
  ),
});

const perMTok = z
  .string()
  .transform((text) => (text.trim() === '' ? Number.NaN : Number(text)))
  .pipe(
    z
      .number('Use a price in dollars per million tokens')
      .min(0, 'A price cannot be negative')
      .max(100_000, 'That is too large'),
  );

const priceSchema = z.object({
  intent: z.literal('set-price'),
  model: z.string().trim().min(1, 'Name the model').max(100, 'At most 100 characters'),
  inputPerMTok: perMTok,
  outputPerMTok: perMTok,
});

const removePriceSchema = z.object({
  intent: z.literal('remove-price'),
  model: z.string().trim().min(1).max(100),
});

/** The AI settings page: limits, prices, and how this month stands against the budget. */
export async function aiSettingsLoader(request: Request, orgId: string | undefined) {
  const access = await requireOrgAccess(request, orgId, 'ai:manage');
  const [settings, prices, spend] = await Promise.all([
    getAiSettings(db(), access.orgId),
    listModelPrices(db(), access.orgId),
    spendStatus(access.orgId),
  ]);
  const priced = new Set(prices.map((p) => p.model));
  return {
    settings,
    prices,
    spend,
    unpricedModels: settings.allowedModels.filter((model) => !priced.has(model)),
  };
}

/** Saves the limits, or sets / removes one of the organisation's own prices. Admins only. */
export async function aiSettingsAction(request: Request, orgId: string | undefined) {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'ai:manage');
  const form = await readForm(request);
  const intent = form.get('intent');
  const activity = {
    orgId: access.orgId,
    actorId: access.user.id,
    resourceType: 'organization',
    resourceId: access.orgId,
  };
  if (intent === 'save-settings') {
    const parsed = parseForm(form, settingsSchema);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const { intent: _, ...settings } = parsed.value;
    await saveAiSettings(db(), access.orgId, settings, access.user.id);
    await recordActivity(db(), { ...activity, action: 'ai_settings_changed', changes: settings });
    return { ok: true as const, message: 'Saved.' };
  }
  if (intent === 'set-price') {
    const parsed = parseForm(form, priceSchema);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const { intent: _, ...price } = parsed.value;
    await setModelPrice(db(), access.orgId, price);
    await recordActivity(db(), { ...activity, action: 'ai_price_set', changes: price });
    return { ok: true as const, message: `Price for ${price.model} saved.` };
  }
  if (intent === 'remove-price') {
    const parsed = parseForm(form, removePriceSchema);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    await removeModelPrice(db(), access.orgId, parsed.value.model);
    await recordActivity(db(), {
      ...activity,
      action: 'ai_price_removed',
      changes: { model: parsed.value.model },
    });
    return { ok: true as const, message: `${parsed.value.model} uses the list price again.` };
  }
  throw badRequest(
    `Unknown action “${String(intent)}”: expected save-settings, set-price or remove-price.`,
  );
}
