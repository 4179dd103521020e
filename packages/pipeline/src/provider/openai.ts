import { OpenAI } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { PipelineError } from '../errors.ts';
import { type ChatMessage, isMarkdownStep, type PipelineStep, type StepOutput } from '../step.ts';
import type { ProviderConfig } from './config.ts';
import { estimateCostUsd } from './cost.ts';
import { callChat, classifyOpenAIError, ReplyTooLargeError } from './openai-call.ts';
import { hashPrompt } from './prompt-hash.ts';
import { collectRateLimits } from './rate-limits.ts';
import { type RetryPolicy, withRetries } from './retry.ts';
import { correctionPrompt, parseStepInput } from './run-support.ts';
import type { AttemptRecord, Provider, RunOptions, StepResult } from './types.ts';
import { checkReplyText } from './validate.ts';

export type OpenAIProviderConfig = Omit<ProviderConfig, 'kind'>;

const openAIDefaultBaseURL = 'https://api.openai.com/v1';

function createClient(config: OpenAIProviderConfig): OpenAI {
  // Every option the SDK would otherwise read from process.env is passed explicitly.
  return new OpenAI({
    baseURL: config.baseURL ?? openAIDefaultBaseURL,
    // Local servers (Ollama, vLLM, LM Studio) accept any key, but the SDK insists on one.
    apiKey: config.apiKey ?? 'no-key',
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: config.timeoutMs,
    // Retries are ours, so each one is recorded and retry-after is honoured with our limits.
    maxRetries: 0,
  });
}

/** A failure after earlier replies of the same step carries their tokens: they were paid for. */
function withUsage(error: unknown, tokensIn: number, tokensOut: number): unknown {
  if (!(error instanceof PipelineError) || tokensIn + tokensOut === 0) return error;
  return new PipelineError(error.code, {
    step: error.step,
    reason: error.reason,
    attempts: error.attempts,
    status: error.status,
    cause: error.cause,
    tokensIn,
    tokensOut,
  });
}

/** Runs steps against any OpenAI-compatible chat-completions endpoint. */
export function createOpenAIProvider(config: OpenAIProviderConfig): Provider {
  const client = createClient(config);
  const policy: RetryPolicy = {
    maxRetries: config.maxRetries,
    baseDelayMs: config.retryBaseDelayMs,
    maxDelayMs: config.retryMaxDelayMs,
    maxRetryAfterMs: config.maxRetryAfterMs,
  };

  async function run<S extends PipelineStep>(step: S, input: unknown, options: RunOptions = {}) {
    const started = performance.now();
    const parsedInput = parseStepInput(step, input);
    const model = options.model ?? config.model;
    const responseFormat = isMarkdownStep(step) ? null : zodResponseFormat(step.output, step.name);
    const initialMessages = step.buildMessages(parsedInput);
    const promptHash = hashPrompt(
      initialMessages,
      model,
      responseFormat?.json_schema.schema ?? 'markdown',
    );
    const attemptLog: AttemptRecord[] = [];
    const rateLimits: Record<string, string> = {};
    const retryContext = {
      step: step.name,
      policy,
      classify: classifyOpenAIError,
      attemptLog,
      rateLimits,
      signal: options.signal,
    };
    let messages: ChatMessage[] = initialMessages;
    let tokensIn = 0;
    let tokensOut = 0;
    let lastReason = '';
    // One validation retry: a model that fails twice on the same prompt rarely succeeds a third time.
    for (let round = 0; round < 2; round++) {
      const reply = await withRetries(
        () =>
          callChat(client, {
            model,
            messages,
            responseFormat,
            onDelta: options.onDelta,
            signal: options.signal,
            maxReplyChars: options.maxReplyChars,
          }).catch((error: unknown) => {
            if (!(error instanceof ReplyTooLargeError)) throw error;
            throw new PipelineError('reply_too_large', {
              step: step.name,
              reason: error.message,
              attempts: attemptLog.length + 1,
            });
          }),
        retryContext,
      ).catch((error: unknown) => {
        throw withUsage(error, tokensIn, tokensOut);
      });
      tokensIn += reply.tokensIn;
      tokensOut += reply.tokensOut;
      collectRateLimits(reply.headers, rateLimits);
      const checked = reply.refusal
        ? { ok: false as const, reason: `the model refused: ${reply.refusal}` }
        : checkReplyText(step, reply.text, parsedInput);
      attemptLog.push({
        outcome: checked.ok ? 'ok' : 'invalid_output',
        message: checked.ok ? undefined : checked.reason,
        requestId: reply.requestId ?? undefined,
      });
      if (checked.ok) {
        const result: StepResult<StepOutput<S>> = {
          // checkReplyText validated the value against this step's own schema and postProcess.
          output: checked.output as StepOutput<S>,
          provider: config.name,
          model,
          tokensIn,
          tokensOut,
          costUsd: estimateCostUsd(config.priceTable, model, tokensIn, tokensOut),
          latencyMs: Math.round(performance.now() - started),
          promptHash,
          attempts: attemptLog.length,
          rateLimits,
          requestMeta: {
            baseURL: config.baseURL ?? openAIDefaultBaseURL,
            stream: responseFormat === null,
            finishReason: reply.finishReason,
            validationRetries: round,
            attemptLog,
          },
        };
        return result;
      }
      lastReason = checked.reason;
      messages = [
        ...initialMessages,
        { role: 'assistant', content: reply.text },
        { role: 'user', content: correctionPrompt(step, checked.reason) },
      ];
    }
    throw new PipelineError('invalid_output', {
      step: step.name,
      reason: `the reply was invalid twice; last problem: ${lastReason}`,
      attempts: attemptLog.length,
      tokensIn,
      tokensOut,
    });
  }

  return { name: config.name, defaultModel: config.model, run };
}
