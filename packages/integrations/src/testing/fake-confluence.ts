import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * A local stand-in for the part of Confluence Cloud REST API v2 that publishing uses: create a
 * page (`POST /wiki/api/v2/pages`), read one (`GET /wiki/api/v2/pages/{id}`) and update it
 * (`PUT /wiki/api/v2/pages/{id}`). Request bodies are checked against Atlassian's published
 * description (CreatePageRequest, UpdatePageRequest, PageBodyWrite): `spaceId` on create, `id`,
 * `status`, `title`, `body` and `version` on update, where `version.number` must be the page's
 * current number plus one (else 409, as Confluence answers). Basic auth is checked; `failNext`
 * scripts 401/429/5xx answers.
 */

const bodyWrite = z.object({
  representation: z.enum(['storage', 'atlas_doc_format', 'wiki']),
  value: z.string(),
});
const createBody = z.strictObject({
  spaceId: z.string().regex(/^\d+$/),
  status: z.enum(['current', 'draft']).optional(),
  title: z.string().min(1).max(255),
  parentId: z.string().regex(/^\d+$/).optional(),
  body: bodyWrite,
  subtype: z.literal('live').optional(),
});
const updateBody = z.strictObject({
  id: z.string(),
  status: z.enum(['current', 'draft']),
  title: z.string().min(1).max(255),
  spaceId: z.string().optional(),
  parentId: z.string().optional(),
  ownerId: z.string().optional(),
  body: bodyWrite,
  version: z.object({ number: z.number().int().positive(), message: z.string().optional() }),
});

export interface FakePage {
  id: string;
  spaceId: string;
  parentId: string | undefined;
  title: string;
  body: string;
  version: number;
  versionMessage: string | undefined;
}

interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export class FakeConfluence {
  readonly pages = new Map<string, FakePage>();
  readonly requests: { method: string; path: string }[] = [];
  private readonly script: Scripted[] = [];
  private readonly server: Server;
  private readonly credentials: string;
  private nextId = 65_000;

  private constructor(server: Server, email: string, apiToken: string) {
    this.server = server;
    this.credentials = `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`;
  }

  static async start(email: string, apiToken: string, port = 0): Promise<FakeConfluence> {
    const server = createServer();
    const confluence = new FakeConfluence(server, email, apiToken);
    server.on('request', (request, response) => {
      confluence.handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return confluence;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  failNext(...answers: Scripted[]): void {
    this.script.push(...answers);
  }

  /** A person edits the page in Confluence: its version number moves on. */
  editInConfluence(id: string, body: string): void {
    const page = this.pages.get(id);
    if (!page) throw new Error(`fake Confluence has no page ${id}`);
    Object.assign(page, { body, version: page.version + 1, versionMessage: 'edited by hand' });
  }

  private pageJson(page: FakePage) {
    return {
      id: page.id,
      status: 'current',
      title: page.title,
      spaceId: page.spaceId,
      parentId: page.parentId,
      version: { number: page.version, message: page.versionMessage ?? '', minorEdit: false },
      _links: {
        webui: `/spaces/SPEC/pages/${page.id}/${encodeURIComponent(page.title).replace(/%20/g, '+')}`,
        editui: `/pages/resumedraft.action?draftId=${page.id}`,
        tinyui: `/x/${page.id}`,
        base: `${this.url}/wiki`,
      },
    };
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
    const error = (status: number, title: string) =>
      send(status, { errors: [{ status, code: String(status), title, detail: null }] });
    const scripted = this.script.shift();
    if (scripted) {
      return send(scripted.status, scripted.body ?? { errors: [{ title: 'scripted' }] }, {
        ...scripted.headers,
      });
    }
    if (request.headers.authorization !== this.credentials) return error(401, 'Unauthorized');
    const json: unknown =
      chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
    if (method === 'POST' && path === '/wiki/api/v2/pages') {
      const parsed = createBody.safeParse(json);
      if (!parsed.success) return error(400, parsed.error.message);
      const page: FakePage = {
        id: String(this.nextId++),
        spaceId: parsed.data.spaceId,
        parentId: parsed.data.parentId,
        title: parsed.data.title,
        body: parsed.data.body.value,
        version: 1,
        versionMessage: undefined,
      };
      this.pages.set(page.id, page);
      return send(200, this.pageJson(page));
    }
    const one = /^\/wiki\/api\/v2\/pages\/(\d+)$/.exec(path);
    const page = one ? this.pages.get(one[1] ?? '') : undefined;
    if (one && !page) return error(404, 'Not Found');
    if (method === 'GET' && page) return send(200, this.pageJson(page));
    if (method === 'PUT' && page) {
      const parsed = updateBody.safeParse(json);
      if (!parsed.success || parsed.data.id !== page.id) {
        return error(400, parsed.error?.message ?? 'the id in the body is not the page’s');
      }
      if (parsed.data.version.number !== page.version + 1) {
        return error(
          409,
          `Version must be incremented on update. Current version is: ${page.version}`,
        );
      }
      Object.assign(page, {
        title: parsed.data.title,
        body: parsed.data.body.value,
        version: parsed.data.version.number,
        versionMessage: parsed.data.version.message,
      });
      return send(200, this.pageJson(page));
    }
    return error(404, `fake Confluence does not implement ${method} ${path}`);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
