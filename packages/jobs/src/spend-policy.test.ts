import { unlimitedAiSettings } from '@specboard/db/ai-settings';
import { describe, expect, it } from 'vitest';
import { budgetRefusal, budgetWarning, concurrencyRefusal, modelRefusal } from './spend-policy.ts';

const settings = {
  ...unlimitedAiSettings,
  monthlyTokenBudget: 10_000,
  monthlyCostBudgetUsd: 20,
};

describe('spend policy', () => {
  it('warns from 80 % of either budget and stops at 100 %', () => {
    expect(budgetWarning(settings, { tokens: 7_999, costUsd: 15.99 })).toBeNull();
    expect(budgetWarning(settings, { tokens: 8_000, costUsd: 1 })).toBe(
      "80 % of this month's token budget used (8,000 of 10,000)",
    );
    expect(budgetWarning(settings, { tokens: 10, costUsd: 17 })).toBe(
      "85 % of this month's budget used ($17.00 of $20.00)",
    );
    expect(budgetRefusal(settings, { tokens: 9_999, costUsd: 19.99 })).toBeNull();
    expect(budgetRefusal(settings, { tokens: 10, costUsd: 20 })).toBe(
      'budget exhausted (used $20.00 of $20.00 this month)',
    );
    expect(budgetRefusal(unlimitedAiSettings, { tokens: 1e12, costUsd: 1e9 })).toBeNull();
  });

  it('counts queued and running runs against the limit', () => {
    const limited = { ...unlimitedAiSettings, maxConcurrentRuns: 3 };
    expect(concurrencyRefusal(limited, 2)).toBeNull();
    expect(concurrencyRefusal(limited, 3)).toBe(
      'concurrency limit reached (3 of 3 runs already queued or running)',
    );
    expect(concurrencyRefusal(unlimitedAiSettings, 500)).toBeNull();
  });

  it('checks named providers and models; offline, "auto" and "default" pass here', () => {
    const listed = {
      ...unlimitedAiSettings,
      allowedProviders: ['openai'],
      allowedModels: ['gpt-4o-mini'],
    };
    expect(modelRefusal(listed, { provider: 'openai', model: 'gpt-4o-mini' })).toBeNull();
    expect(modelRefusal(listed, { provider: 'auto', model: 'default' })).toBeNull();
    expect(modelRefusal(listed, { provider: 'offline', model: 'anything' })).toBeNull();
    expect(modelRefusal(listed, { provider: 'azure', model: 'gpt-4o-mini' })).toBe(
      'provider "azure" is not allowed here (allowed: openai)',
    );
    expect(modelRefusal(listed, { provider: 'auto', model: 'o3' })).toBe(
      'model "o3" is not allowed here (allowed: gpt-4o-mini)',
    );
  });
});
