import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { breakdownStep } from '../steps/breakdown.ts';
import { prdStep } from '../steps/prd.ts';
import { reviewStep } from '../steps/review.ts';
import { suggestStep } from '../steps/suggest.ts';
import { tasksStep } from '../steps/tasks.ts';
import { techStep } from '../steps/tech.ts';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../testing/fake-openai-server.ts';
import { sampleBreakdown, samplePrd, sampleStory, sampleTasks } from '../testing/samples.ts';
import { providerFor } from '../testing/test-provider.ts';

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

describe('OpenAI-compatible provider, happy paths', () => {
  it('streams the PRD and reports usage, cost, hash and rate limits', async () => {
    const chunks = ['# Dog walking\n\n', '## Overview\n\n', 'Owners book ', 'walkers.'];
    server.script({
      content: chunks.join(''),
      chunks,
      usage: { promptTokens: 1000, completionTokens: 2000 },
      headers: { 'x-ratelimit-remaining-requests': '99', 'x-ratelimit-limit-tokens': '30000' },
    });
    const deltas: string[] = [];
    const result = await providerFor(server).run(
      prdStep,
      { idea: 'Dog walking marketplace', constraints: { timeline: 'Q3' } },
      { onDelta: (text) => deltas.push(text) },
    );

    expect(deltas).toEqual([
      '# Dog walking\n\n',
      '# Dog walking\n\n## Overview\n\n',
      '# Dog walking\n\n## Overview\n\nOwners book ',
      chunks.join(''),
    ]);
    expect(result.output).toBe(chunks.join('').trim());
    expect(result).toMatchObject({
      provider: 'fake',
      model: 'gpt-4o-mini',
      tokensIn: 1000,
      tokensOut: 2000,
      attempts: 1,
    });
    expect(result.costUsd).toBeCloseTo((1000 * 0.15 + 2000 * 0.6) / 1_000_000, 12);
    expect(result.promptHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.rateLimits).toEqual({
      'x-ratelimit-remaining-requests': '99',
      'x-ratelimit-limit-tokens': '30000',
    });
    expect(result.requestMeta).toMatchObject({
      stream: true,
      finishReason: 'stop',
      validationRetries: 0,
    });
    const sent = server.requests[0]?.body;
    expect(sent?.stream).toBe(true);
    expect(sent?.messages.at(-1)?.content).toContain('Dog walking marketplace');
    expect(sent?.messages.at(-1)?.content).toContain('Timeline: Q3');
  });

  it('uses the per-call model override and leaves cost null for unpriced models', async () => {
    server.script({ content: '## Summary\n\nA spec.' });
    const result = await providerFor(server).run(
      techStep,
      { prdMarkdown: samplePrd },
      { model: 'llama3.1:8b' },
    );
    expect(server.requests[0]?.body.model).toBe('llama3.1:8b');
    expect(result).toMatchObject({
      model: 'llama3.1:8b',
      costUsd: null,
      output: '## Summary\n\nA spec.',
    });
  });

  it('sends a strict JSON schema and returns the parsed breakdown with citations', async () => {
    server.script({ content: JSON.stringify({ ...sampleBreakdown, sourceVersionId: 'whatever' }) });
    const result = await providerFor(server).run(breakdownStep, {
      documentMarkdown: samplePrd,
      versionId: 'v42',
    });
    expect(result.output.epics[0]?.stories[0]?.acceptanceCriteria[0]?.sourceSection).toBe(
      'Booking',
    );
    expect(result.output.sourceVersionId).toBe('v42');
    expect(result.requestMeta.stream).toBe(false);
    expect(server.requests[0]?.body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: {
        name: 'breakdown',
        strict: true,
        schema: { type: 'object', additionalProperties: false },
      },
    });
  });

  it('returns tasks forming a dependency graph', async () => {
    server.script({ content: JSON.stringify(sampleTasks) });
    const result = await providerFor(server).run(tasksStep, { stories: [sampleStory] });
    expect(result.output.tasks.map((t) => [t.key, t.dependsOn])).toEqual([
      ['T1', []],
      ['T2', ['T1']],
    ]);
  });

  it('returns anchored suggestions for a selection', async () => {
    const suggestion = {
      kind: 'replace',
      quote: 'Bookings should be fast.',
      contentMarkdown: 'Bookings complete within 2 seconds (p95).',
      rationale: 'Measurable.',
    };
    server.script({ content: JSON.stringify({ suggestions: [suggestion] }) });
    const result = await providerFor(server).run(suggestStep, {
      documentMarkdown: samplePrd,
      selection: 'Bookings should be fast.',
      instruction: 'make measurable',
    });
    expect(result.output.suggestions).toEqual([suggestion]);
    expect(server.requests[0]?.body.messages.at(-1)?.content).toContain('Bookings should be fast.');
  });

  it('returns review findings as suggestions', async () => {
    const finding = {
      finding: 'missing_section',
      kind: 'insert',
      quote: '',
      contentMarkdown: '## Constraints\n\nTBD',
      rationale: 'Required.',
    };
    server.script({ content: JSON.stringify({ suggestions: [finding] }) });
    const result = await providerFor(server).run(reviewStep, { documentMarkdown: samplePrd });
    expect(result.output.suggestions).toEqual([finding]);
    expect(server.requests[0]?.body.messages.at(-1)?.content).toContain('Success metrics');
  });

  it('gives the same prompt hash for the same prompt and a different one for another model', async () => {
    server.script({ content: '## A' }, { content: '## B' }, { content: '## C' });
    const provider = providerFor(server);
    const input = { prdMarkdown: samplePrd };
    const first = await provider.run(techStep, input);
    const second = await provider.run(techStep, input);
    const third = await provider.run(techStep, input, { model: 'gpt-4o' });
    expect(second.promptHash).toBe(first.promptHash);
    expect(third.promptHash).not.toBe(first.promptHash);
  });
});
