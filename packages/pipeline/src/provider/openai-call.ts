import { APIConnectionError, APIError, type OpenAI } from 'openai';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import type { ChatMessage } from '../step.ts';
import type { Failure } from './retry.ts';

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** Null for markdown steps, which stream instead. */
  responseFormat: ResponseFormatJSONSchema | null;
  onDelta?: ((textSoFar: string) => void) | undefined;
  signal?: AbortSignal | undefined;
  maxReplyChars?: number | undefined;
}

/** The reply passed the caller's size limit; the request was cut off there. */
export class ReplyTooLargeError extends Error {
  constructor(limit: number) {
    super(`the reply passed the ${limit}-character limit and was cut off`);
    this.name = 'ReplyTooLargeError';
  }
}

export interface ChatReply {
  text: string;
  refusal: string | null;
  tokensIn: number;
  tokensOut: number;
  headers: Headers;
  requestId: string | null;
  finishReason: string | null;
}

/** One HTTP request: JSON structured output for schemas, SSE streaming for markdown. */
export async function callChat(client: OpenAI, request: ChatRequest): Promise<ChatReply> {
  const { model, messages, responseFormat, signal, maxReplyChars } = request;
  const tooLarge = (text: string) => maxReplyChars !== undefined && text.length > maxReplyChars;
  if (responseFormat) {
    const { data, response, request_id } = await client.chat.completions
      .create({ model, messages, response_format: responseFormat }, { signal })
      .withResponse();
    const choice = data.choices[0];
    if (maxReplyChars !== undefined && tooLarge(choice?.message.content ?? '')) {
      throw new ReplyTooLargeError(maxReplyChars);
    }
    return {
      text: choice?.message.content ?? '',
      refusal: choice?.message.refusal ?? null,
      tokensIn: data.usage?.prompt_tokens ?? 0,
      tokensOut: data.usage?.completion_tokens ?? 0,
      headers: response.headers,
      requestId: request_id,
      finishReason: choice?.finish_reason ?? null,
    };
  }
  const {
    data: stream,
    response,
    request_id,
  } = await client.chat.completions
    .create({ model, messages, stream: true, stream_options: { include_usage: true } }, { signal })
    .withResponse();
  const reply: ChatReply = {
    text: '',
    refusal: null,
    tokensIn: 0,
    tokensOut: 0,
    headers: response.headers,
    requestId: request_id,
    finishReason: null,
  };
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    const delta = choice?.delta.content;
    if (delta) {
      reply.text += delta;
      if (maxReplyChars !== undefined && tooLarge(reply.text)) {
        // Stop reading (and paying for) the rest of the reply.
        stream.controller.abort();
        throw new ReplyTooLargeError(maxReplyChars);
      }
      request.onDelta?.(reply.text);
    }
    if (choice?.delta.refusal) reply.refusal = (reply.refusal ?? '') + choice.delta.refusal;
    if (choice?.finish_reason) reply.finishReason = choice.finish_reason;
    if (chunk.usage) {
      reply.tokensIn = chunk.usage.prompt_tokens;
      reply.tokensOut = chunk.usage.completion_tokens;
    }
  }
  // A proxy or server dropping the connection can end the SSE body cleanly mid-answer; without a
  // finish reason the text is truncated and must not be mistaken for a complete document.
  if (reply.finishReason === null) {
    throw new APIConnectionError({
      message: 'the stream ended before the model finished its reply',
    });
  }
  return reply;
}

const retryableStatuses = new Set([408, 409, 429]);

/** Transient: timeouts, dropped connections, 408/409/429 and 5xx. Other 4xx will not get better. */
export function classifyOpenAIError(error: unknown): Failure {
  if (error instanceof APIConnectionError) {
    return { retryable: true, outcome: 'network_error', message: error.message };
  }
  if (error instanceof APIError) {
    const status = error.status;
    // An error event inside an SSE stream has no status; the connection is still worth retrying.
    const retryable = status === undefined || retryableStatuses.has(status) || status >= 500;
    return {
      retryable,
      outcome: status === undefined ? 'network_error' : 'http_error',
      status,
      headers: error.headers,
      // The SDK prefixes the status; we report it separately.
      message: error.message.replace(/^\d{3}\s+/, ''),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { retryable: false, outcome: 'network_error', message };
}
