import { z } from 'zod';

export const modelPriceSchema = z.object({
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
});
export const priceTableSchema = z.record(z.string(), modelPriceSchema);
export type PriceTable = z.output<typeof priceTableSchema>;

/** US dollars for the tokens used, or null when the model has no price configured. */
export function estimateCostUsd(
  priceTable: PriceTable,
  model: string,
  tokensIn: number,
  tokensOut: number,
): number | null {
  const price = priceTable[model];
  if (!price) return null;
  return (tokensIn * price.inputPerMTok + tokensOut * price.outputPerMTok) / 1_000_000;
}
