import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { breakdownStep } from '../steps/breakdown.ts';
import { suggestStep } from '../steps/suggest.ts';
import { tasksStep } from '../steps/tasks.ts';
import { expectPipelineError } from '../testing/expect-failure.ts';
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

const lastMessage = (request: number) =>
  server.requests[request]?.body.messages.at(-1)?.content ?? '';
const cyclicTasks = {
  tasks: sampleTasks.tasks.map((task) =>
    task.key === 'T1' ? { ...task, dependsOn: ['T2'] } : task,
  ),
};

describe('OpenAI-compatible provider, invalid replies', () => {
  it('retries malformed JSON once, showing the model the parse error', async () => {
    server.script({ content: '{"tasks": [' }, { content: JSON.stringify(sampleTasks) });
    const result = await providerFor(server).run(tasksStep, { stories: [sampleStory] });
    expect(result.output).toEqual(sampleTasks);
    expect(result.attempts).toBe(2);
    expect(result.requestMeta.validationRetries).toBe(1);
    expect(result.tokensIn).toBe(200);
    expect(lastMessage(1)).toMatch(/rejected: reply is not valid JSON/);
    expect(server.requests[1]?.body.messages.at(-2)).toMatchObject({
      role: 'assistant',
      content: '{"tasks": [',
    });
  });

  it('fails with the reason when the reply breaks the schema twice', async () => {
    const invalid = JSON.stringify({ tasks: [{ ...sampleTasks.tasks[0], estimate: 'large' }] });
    server.script({ content: invalid }, { content: invalid });
    const error = await expectPipelineError(
      providerFor(server).run(tasksStep, { stories: [sampleStory] }),
    );
    expect(server.requests).toHaveLength(2);
    expect(lastMessage(1)).toContain('estimate');
    expect(error).toMatchObject({ code: 'invalid_output', step: 'tasks', attempts: 2 });
    expect(error.reason).toMatch(/invalid twice.*does not match the schema[\s\S]*estimate/);
  });

  it('rejects dependency cycles and accepts the corrected graph', async () => {
    server.script(
      { content: JSON.stringify(cyclicTasks) },
      { content: JSON.stringify(sampleTasks) },
    );
    const result = await providerFor(server).run(tasksStep, { stories: [sampleStory] });
    expect(lastMessage(1)).toMatch(
      /dependency cycle T1 -> T2 -> T1|dependency cycle T2 -> T1 -> T2/,
    );
    expect(result.output).toEqual(sampleTasks);
  });

  it('fails the step when the model keeps returning a cycle', async () => {
    server.script(
      { content: JSON.stringify(cyclicTasks) },
      { content: JSON.stringify(cyclicTasks) },
    );
    const error = await expectPipelineError(
      providerFor(server).run(tasksStep, { stories: [sampleStory] }),
    );
    expect(error.code).toBe('invalid_output');
    expect(error.reason).toContain('dependency cycle');
  });

  it('rejects tasks depending on unknown tasks', async () => {
    const dangling = { tasks: [{ ...sampleTasks.tasks[0], dependsOn: ['T9'] }] };
    server.script({ content: JSON.stringify(dangling) }, { content: JSON.stringify(dangling) });
    const error = await expectPipelineError(
      providerFor(server).run(tasksStep, { stories: [sampleStory] }),
    );
    expect(error.reason).toContain('depends on unknown task "T9"');
  });

  it('drops suggestions whose quote is not in the document and keeps the anchored ones', async () => {
    const good = {
      kind: 'replace',
      quote: 'Bookings should be fast.',
      contentMarkdown: 'Bookings finish in 2 s.',
      rationale: 'Measurable.',
    };
    const invented = { ...good, quote: 'Walkers are paid weekly.' };
    server.script({ content: JSON.stringify({ suggestions: [invented, good] }) });
    const result = await providerFor(server).run(suggestStep, {
      documentMarkdown: samplePrd,
      instruction: 'make measurable',
    });
    expect(result.output.suggestions).toEqual([good]);
  });

  it('rejects a reply in which no suggestion quotes the document', async () => {
    const invented = {
      kind: 'delete',
      quote: 'Walkers are paid weekly.',
      contentMarkdown: '',
      rationale: 'Not in scope.',
    };
    server.script(
      { content: JSON.stringify({ suggestions: [invented] }) },
      { content: JSON.stringify({ suggestions: [invented] }) },
    );
    const error = await expectPipelineError(
      providerFor(server).run(suggestStep, { documentMarkdown: samplePrd, instruction: 'tighten' }),
    );
    expect(lastMessage(1)).toContain('"Walkers are paid weekly."');
    expect(error.reason).toContain('verbatim');
  });

  it('rejects acceptance criteria citing a section that does not exist', async () => {
    const story = {
      ...sampleStory,
      acceptanceCriteria: [{ ...sampleStory.acceptanceCriteria[0], sourceSection: 'Payments' }],
    };
    const reply = JSON.stringify({
      ...sampleBreakdown,
      epics: [{ ...sampleBreakdown.epics[0], stories: [story] }],
    });
    server.script({ content: reply }, { content: JSON.stringify(sampleBreakdown) });
    const result = await providerFor(server).run(breakdownStep, {
      documentMarkdown: samplePrd,
      versionId: 'v1',
    });
    expect(lastMessage(1)).toContain(
      'criterion 1 of story E1-S1 cites "Payments", which is not a section heading',
    );
    expect(result.output.epics[0]?.stories[0]?.acceptanceCriteria[0]?.sourceSection).toBe(
      'Booking',
    );
  });

  it('refuses invalid input before making any request', async () => {
    const error = await expectPipelineError(providerFor(server).run(tasksStep, { stories: [] }));
    expect(error.code).toBe('invalid_input');
    expect(server.requests).toHaveLength(0);
  });
});
