import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A local HTTP server standing in for a customer's webhook endpoint or a chat service: it keeps
 * every request and answers from a script (default 200), so tests and `pnpm fake-integrations`
 * can see what was sent and simulate 401, 429 and 5xx answers: scripted with `respondWith`, or
 * by path (`/status/503` always answers 503; a 429 says `retry-after: 5`).
 */
function answerForPath(path: string): ScriptedResponse {
  const status = Number(/^\/status\/(\d{3})$/.exec(path)?.[1] ?? 200);
  return status === 429
    ? { status, headers: { 'retry-after': '5' }, body: 'slow down' }
    : { status, body: status < 300 ? 'ok' : `fake failure ${status}` };
}

export class FakeReceiver {
  readonly received: ReceivedRequest[] = [];
  private readonly script: ScriptedResponse[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly server: Server;
  private constructor(server: Server) {
    this.server = server;
  }

  static async start(port = 0, host = '127.0.0.1'): Promise<FakeReceiver> {
    const server = createServer();
    const receiver = new FakeReceiver(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        receiver.received.push({
          path: request.url ?? '/',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const answer = receiver.script.shift() ?? answerForPath(request.url ?? '/');
        response.writeHead(answer.status, answer.headers).end(answer.body ?? '');
        for (const wake of receiver.waiters.splice(0)) wake();
      });
    });
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    return receiver;
  }

  url(path = '/hook'): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${path}`;
  }

  /** The next answers, in order; afterwards 200 again. */
  respondWith(...answers: ScriptedResponse[]): void {
    this.script.push(...answers);
  }

  /** Resolves once `count` requests have arrived in all. */
  async waitFor(count: number): Promise<ReceivedRequest[]> {
    while (this.received.length < count) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.received;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
