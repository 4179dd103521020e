import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** A successful completion; streamed as SSE when the request asks for `stream: true`. */
export interface ScriptedCompletion {
  content: string;
  /** How to split `content` into SSE deltas; defaults to words. */
  chunks?: string[];
  headers?: Record<string, string>;
  usage?: { promptTokens: number; completionTokens: number };
  /** Streaming only: end the response after this many content chunks, without finishing. */
  dropAfterChunks?: number;
}

export interface ScriptedError {
  status: number;
  error: string;
  headers?: Record<string, string>;
}

export type ScriptedReply = ScriptedCompletion | ScriptedError;

const requestBodySchema = z.looseObject({
  model: z.string(),
  messages: z.array(z.looseObject({ role: z.string(), content: z.string() })),
  stream: z.boolean().optional(),
  response_format: z.unknown().optional(),
});
export type RecordedRequestBody = z.output<typeof requestBodySchema>;

export interface RecordedRequest {
  body: RecordedRequestBody;
  headers: IncomingMessage['headers'];
  /** performance.now() when the request arrived, for asserting waits between retries. */
  receivedAt: number;
}

export interface FakeOpenAIServer {
  /** Pass as the client's baseURL (ends in /v1). */
  baseURL: string;
  requests: RecordedRequest[];
  /** Queues replies; each request consumes the next one. */
  script(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(Buffer.from(part));
  return Buffer.concat(parts).toString('utf8');
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function sendCompletion(
  response: ServerResponse,
  reply: ScriptedCompletion,
  body: RecordedRequestBody,
  id: string,
) {
  const usage = {
    prompt_tokens: reply.usage?.promptTokens ?? 100,
    completion_tokens: reply.usage?.completionTokens ?? 50,
    total_tokens: (reply.usage?.promptTokens ?? 100) + (reply.usage?.completionTokens ?? 50),
  };
  const headers = { 'x-request-id': id, ...reply.headers };
  const base = { id, created: Math.floor(Date.now() / 1000), model: body.model };
  if (!body.stream) {
    const message = { role: 'assistant', content: reply.content, refusal: null };
    const choice = { index: 0, message, finish_reason: 'stop', logprobs: null };
    sendJson(
      response,
      200,
      { ...base, object: 'chat.completion', choices: [choice], usage },
      headers,
    );
    return;
  }
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    ...headers,
  });
  const send = (chunk: unknown) => response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  const chunk = (delta: object, finish: string | null) => ({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const pieces = reply.chunks ?? reply.content.split(/(?<=\s)/);
  send(chunk({ role: 'assistant', content: '' }, null));
  for (const [index, piece] of pieces.entries()) {
    if (index === reply.dropAfterChunks) {
      response.end();
      return;
    }
    send(chunk({ content: piece }, null));
  }
  send(chunk({}, 'stop'));
  send({ ...base, object: 'chat.completion.chunk', choices: [], usage });
  response.end('data: [DONE]\n\n');
}

/** A scriptable OpenAI-compatible server on a random port, speaking real HTTP and SSE. */
export async function startFakeOpenAIServer(): Promise<FakeOpenAIServer> {
  const queue: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  const server = createServer(async (request, response) => {
    const receivedAt = performance.now();
    if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
      sendJson(response, 404, { error: { message: `no route ${request.method} ${request.url}` } });
      return;
    }
    const body = requestBodySchema.parse(JSON.parse(await readBody(request)));
    requests.push({ body, headers: request.headers, receivedAt });
    const reply = queue.shift();
    const id = `req_${requests.length}`;
    if (!reply) {
      sendJson(response, 500, { error: { message: 'the fake server has no scripted reply left' } });
    } else if ('error' in reply) {
      sendJson(
        response,
        reply.status,
        { error: { message: reply.error, type: 'fake_error' } },
        reply.headers,
      );
    } else {
      sendCompletion(response, reply, body, id);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => queue.push(...replies),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
