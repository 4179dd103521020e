import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * A local stand-in for the subset of the Jira Cloud REST API v3 that the Jira integration uses
 * (create issue `POST /rest/api/3/issue`, edit issue `PUT /rest/api/3/issue/{key}`), with
 * request bodies checked against the shapes of Atlassian's published description: a summary,
 * an issue type, a project on create, and a description in Atlassian Document Format. Basic
 * auth is checked; `failNext` scripts 401/429/5xx answers.
 */

const adf = z.object({
  type: z.literal('doc'),
  version: z.literal(1),
  content: z.array(z.unknown()),
});
const editFields = z.object({ summary: z.string().min(1).max(255), description: adf }).partial();
const createBody = z.object({
  fields: editFields.extend({
    summary: z.string().min(1).max(255),
    project: z.object({ key: z.string().min(1) }),
    issuetype: z.union([z.object({ name: z.string() }), z.object({ id: z.string() })]),
  }),
});
const editBody = z.object({ fields: editFields });

export interface FakeIssue {
  id: string;
  key: string;
  summary: string;
  description: unknown;
  projectKey: string;
}

interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export class FakeJira {
  readonly issues = new Map<string, FakeIssue>();
  /** Every request, in order: method, path and whether it was authorised. */
  readonly requests: { method: string; path: string }[] = [];
  private readonly script: Scripted[] = [];
  private readonly server: Server;
  private readonly credentials: string;
  private nextId = 10_000;

  private constructor(server: Server, email: string, apiToken: string) {
    this.server = server;
    this.credentials = `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`;
  }

  static async start(email: string, apiToken: string, port = 0): Promise<FakeJira> {
    const server = createServer();
    const jira = new FakeJira(server, email, apiToken);
    server.on('request', (request, response) => {
      jira.handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return jira;
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
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const method = request.method ?? 'GET';
    this.requests.push({ method, path });
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      const json = body === undefined ? '' : JSON.stringify(body);
      response
        .writeHead(status, { ...(json ? { 'content-type': 'application/json' } : {}), ...headers })
        .end(json);
    };
    const scripted = this.script.shift();
    if (scripted)
      return send(
        scripted.status,
        scripted.body ?? { errorMessages: ['scripted'] },
        scripted.headers,
      );
    if (request.headers.authorization !== this.credentials) {
      return send(401, {
        errorMessages: ['Client must be authenticated to access this resource.'],
      });
    }
    const body: unknown =
      chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    if (method === 'POST' && path === '/rest/api/3/issue') {
      const parsed = createBody.safeParse(body);
      if (!parsed.success) return send(400, { errors: { body: parsed.error.message } });
      const { fields } = parsed.data;
      const id = String(this.nextId++);
      const key = `${fields.project.key}-${this.issues.size + 1}`;
      this.issues.set(key, {
        id,
        key,
        summary: fields.summary,
        description: fields.description,
        projectKey: fields.project.key,
      });
      return send(201, { id, key, self: `${this.url}/rest/api/3/issue/${id}` });
    }
    const edit = /^\/rest\/api\/3\/issue\/([^/]+)$/.exec(path);
    if (method === 'PUT' && edit) {
      const issue = this.issues.get(decodeURIComponent(edit[1] ?? ''));
      if (!issue)
        return send(404, {
          errorMessages: ['Issue does not exist or you do not have permission to see it.'],
        });
      const parsed = editBody.safeParse(body);
      if (!parsed.success) return send(400, { errors: { body: parsed.error.message } });
      Object.assign(issue, {
        ...(parsed.data.fields.summary ? { summary: parsed.data.fields.summary } : {}),
        ...(parsed.data.fields.description ? { description: parsed.data.fields.description } : {}),
      });
      return send(204);
    }
    return send(404, { errorMessages: [`fake Jira does not implement ${method} ${path}`] });
  }

  /**
   * Moves an issue to a status category and sends Jira's `jira:issue_updated` webhook, signed
   * with `secret` as Jira signs it (`X-Hub-Signature: sha256=<hex>`), with its delivery id in
   * `X-Atlassian-Webhook-Identifier`. Returns the answer's status.
   */
  async transition(
    key: string,
    category: 'new' | 'indeterminate' | 'done',
    webhook: { url: string; secret: string },
  ): Promise<number> {
    const names = { new: 'To Do', indeterminate: 'In Progress', done: 'Done' } as const;
    const body = JSON.stringify({
      timestamp: Date.now(),
      webhookEvent: 'jira:issue_updated',
      issue: {
        key,
        fields: { status: { name: names[category], statusCategory: { key: category } } },
      },
    });
    const signature = createHmac('sha256', webhook.secret).update(body).digest('hex');
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature': `sha256=${signature}`,
        'x-atlassian-webhook-identifier': randomUUID(),
        'x-atlassian-webhook-flow': 'Primary',
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
