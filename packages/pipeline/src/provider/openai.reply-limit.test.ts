import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prdStep } from '../steps/prd.ts';
import { tasksStep } from '../steps/tasks.ts';
import { expectPipelineError } from '../testing/expect-failure.ts';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../testing/fake-openai-server.ts';
import { samplePrd, sampleStory, sampleTasks } from '../testing/samples.ts';
import { providerFor } from '../testing/test-provider.ts';

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

describe('OpenAI-compatible provider, reply size limit', () => {
  it('cuts a streamed reply at the limit, stops reading and never retries it', async () => {
    server.script({ content: samplePrd });
    const seen: string[] = [];
    const error = await expectPipelineError(
      providerFor(server).run(
        prdStep,
        { idea: 'Dog walking', constraints: {} },
        { maxReplyChars: 100, onDelta: (text) => seen.push(text) },
      ),
    );
    expect(error).toMatchObject({
      code: 'reply_too_large',
      reason: 'the reply passed the 100-character limit and was cut off',
    });
    expect(server.requests).toHaveLength(1);
    expect(seen.every((text) => text.length <= 100)).toBe(true);
  });

  it('refuses a structured reply over the limit the same way, and passes one under it', async () => {
    const reply = { content: JSON.stringify(sampleTasks) };
    server.script(reply);
    const error = await expectPipelineError(
      providerFor(server).run(tasksStep, { stories: [sampleStory] }, { maxReplyChars: 50 }),
    );
    expect(error.code).toBe('reply_too_large');
    server.script(reply);
    const result = await providerFor(server).run(
      tasksStep,
      { stories: [sampleStory] },
      { maxReplyChars: 100_000 },
    );
    expect(result.output).toEqual(sampleTasks);
  });

  it('reports the tokens of rejected replies on the failure: they were paid for', async () => {
    const invalid = { content: '{"tasks": [' };
    server.script(invalid, invalid);
    const error = await expectPipelineError(
      providerFor(server).run(tasksStep, { stories: [sampleStory] }),
    );
    expect(error).toMatchObject({ code: 'invalid_output', tokensIn: 200, tokensOut: 100 });
  });
});
