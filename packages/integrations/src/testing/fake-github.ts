import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * A local stand-in for the GitHub REST API subset the GitHub Issues integration uses (create an
 * issue `POST /repos/{owner}/{repo}/issues`, update one `PATCH …/issues/{number}`), with bodies
 * checked against GitHub's published shapes and the token checked; `failNext` scripts answers.
 * `closeIssue` sends GitHub's `issues` webhook signed with `X-Hub-Signature-256`.
 */
const createBody = z.object({ title: z.string().min(1).max(256), body: z.string().optional() });
const updateBody = createBody.partial().extend({ state: z.enum(['open', 'closed']).optional() });

export interface FakeGitHubIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
}

interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export class FakeGitHub {
  readonly issues = new Map<number, FakeGitHubIssue>();
  private readonly script: Scripted[] = [];
  private readonly server: Server;
  private readonly token: string;
  private readonly repository: string;

  private constructor(server: Server, token: string, repository: string) {
    this.server = server;
    this.token = token;
    this.repository = repository;
  }

  static async start(token: string, repository: string): Promise<FakeGitHub> {
    const server = createServer();
    const github = new FakeGitHub(server, token, repository);
    server.on('request', (request, response) => {
      github.handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return github;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  failNext(...answers: Scripted[]): void {
    this.script.push(...answers);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      response
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify(body));
    };
    const scripted = this.script.shift();
    if (scripted)
      return send(scripted.status, scripted.body ?? { message: 'scripted' }, scripted.headers);
    const auth = request.headers.authorization ?? '';
    if (auth !== `token ${this.token}` && auth !== `Bearer ${this.token}`) {
      return send(401, { message: 'Bad credentials' });
    }
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const body: unknown =
      chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    const base = `/repos/${this.repository}/issues`;
    const view = (issue: FakeGitHubIssue) => ({
      ...issue,
      html_url: `https://github.com/${this.repository}/issues/${issue.number}`,
    });
    if (request.method === 'POST' && path === base) {
      const parsed = createBody.safeParse(body);
      if (!parsed.success)
        return send(422, { message: 'Validation Failed', errors: parsed.error.issues });
      const issue: FakeGitHubIssue = {
        number: this.issues.size + 1,
        title: parsed.data.title,
        body: parsed.data.body ?? '',
        state: 'open',
      };
      this.issues.set(issue.number, issue);
      return send(201, view(issue));
    }
    const one = new RegExp(`^${base}/(\\d+)$`).exec(path);
    if (request.method === 'PATCH' && one) {
      const issue = this.issues.get(Number(one[1]));
      if (!issue) return send(404, { message: 'Not Found' });
      const parsed = updateBody.safeParse(body);
      if (!parsed.success)
        return send(422, { message: 'Validation Failed', errors: parsed.error.issues });
      Object.assign(issue, parsed.data);
      return send(200, view(issue));
    }
    return send(404, { message: `fake GitHub does not implement ${request.method} ${path}` });
  }

  /** Closes an issue and sends the signed `issues` webhook; returns the answer's status. */
  async closeIssue(number: number, webhook: { url: string; secret: string }): Promise<number> {
    const issue = this.issues.get(number);
    if (issue) issue.state = 'closed';
    const body = JSON.stringify({
      action: 'closed',
      issue: { number, state: 'closed', updated_at: new Date().toISOString() },
    });
    const signature = createHmac('sha256', webhook.secret).update(body).digest('hex');
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issues',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': `sha256=${signature}`,
      },
      body,
    });
    return response.status;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
