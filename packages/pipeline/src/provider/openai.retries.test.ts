import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { techStep } from '../steps/tech.ts';
import { expectPipelineError } from '../testing/expect-failure.ts';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../testing/fake-openai-server.ts';
import { samplePrd } from '../testing/samples.ts';
import { providerFor } from '../testing/test-provider.ts';

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const input = { prdMarkdown: samplePrd };

function gapMs(first: number, second: number): number {
  const a = server.requests[first]?.receivedAt ?? Number.NaN;
  const b = server.requests[second]?.receivedAt ?? Number.NaN;
  return b - a;
}

describe('OpenAI-compatible provider, retries', () => {
  it('waits as long as retry-after says on 429, then succeeds and records the limits', async () => {
    server.script(
      {
        status: 429,
        error: 'Rate limit reached',
        headers: { 'retry-after': '0.3', 'x-ratelimit-remaining-tokens': '0' },
      },
      { content: '## Summary\n\nDone.', headers: { 'x-ratelimit-remaining-requests': '41' } },
    );
    const result = await providerFor(server).run(techStep, input);
    expect(result.output).toBe('## Summary\n\nDone.');
    expect(gapMs(0, 1)).toBeGreaterThanOrEqual(290);
    expect(result.attempts).toBe(2);
    expect(result.requestMeta.attemptLog[0]).toMatchObject({
      outcome: 'http_error',
      status: 429,
      waitMs: 300,
      waitFrom: 'retry-after',
    });
    expect(result.rateLimits).toEqual({
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-remaining-requests': '41',
    });
  });

  it('honours retry-after-ms on 503', async () => {
    server.script(
      { status: 503, error: 'Overloaded', headers: { 'retry-after-ms': '250' } },
      { content: '## Summary' },
    );
    const result = await providerFor(server).run(techStep, input);
    expect(gapMs(0, 1)).toBeGreaterThanOrEqual(240);
    expect(result.requestMeta.attemptLog[0]).toMatchObject({ status: 503, waitMs: 250 });
  });

  it('gives up after maxRetries + 1 attempts of 500 with the last error in the reason', async () => {
    server.script(
      ...Array.from({ length: 3 }, () => ({ status: 500, error: 'upstream exploded' })),
    );
    const error = await expectPipelineError(
      providerFor(server, { maxRetries: 2 }).run(techStep, input),
    );
    expect(server.requests).toHaveLength(3);
    expect(error).toMatchObject({
      code: 'retries_exhausted',
      step: 'tech',
      attempts: 3,
      status: 500,
    });
    expect(error.reason).toMatch(
      /gave up after 3 attempts; last error HTTP 500: .*upstream exploded/,
    );
  });

  it('does not retry a request the provider refuses', async () => {
    server.script({ status: 401, error: 'Incorrect API key provided' });
    const error = await expectPipelineError(providerFor(server).run(techStep, input));
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ code: 'request_failed', status: 401 });
    expect(error.reason).toContain('Incorrect API key provided');
  });

  it('fails instead of sleeping when retry-after exceeds the allowed wait', async () => {
    server.script({ status: 429, error: 'Slow down', headers: { 'retry-after': '3600' } });
    const error = await expectPipelineError(
      providerFor(server, { maxRetryAfterMs: 1000 }).run(techStep, input),
    );
    expect(server.requests).toHaveLength(1);
    expect(error.reason).toContain('retry after 3600 s');
  });

  it('restarts a stream cut mid-way; the delta text starts over and ends complete', async () => {
    const chunks = ['## Summary\n\n', 'First ', 'try.'];
    server.script(
      { content: chunks.join(''), chunks, dropAfterChunks: 2 },
      { content: '## Summary\n\nSecond try.' },
    );
    const deltas: string[] = [];
    const result = await providerFor(server).run(techStep, input, {
      onDelta: (text) => deltas.push(text),
    });
    expect(deltas.slice(0, 2)).toEqual(['## Summary\n\n', '## Summary\n\nFirst ']);
    expect(deltas.at(-1)).toBe('## Summary\n\nSecond try.');
    expect(result.output).toBe('## Summary\n\nSecond try.');
    expect(result.requestMeta.attemptLog.map((a) => a.outcome)).toEqual(['network_error', 'ok']);
  });

  it('stops waiting when the caller aborts', async () => {
    server.script({ status: 429, error: 'Slow down', headers: { 'retry-after': '30' } });
    const controller = new AbortController();
    const pending = providerFor(server).run(techStep, input, { signal: controller.signal });
    await expect.poll(() => server.requests.length).toBe(1);
    controller.abort();
    const error = await expectPipelineError(pending);
    expect(error.code).toBe('aborted');
  });
});
