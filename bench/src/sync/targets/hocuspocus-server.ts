// Child process: a Hocuspocus server persisting to SQLite. It does what
// @hocuspocus/extension-sqlite does (extension-database over one `documents` table) with Node's
// built-in node:sqlite, because that extension's better-sqlite3 needs a native build pnpm is not
// allowed to run here.
import { DatabaseSync } from 'node:sqlite';
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import { z } from 'zod';

const env = z
  .object({
    HOST: z.string().min(1),
    PORT: z.coerce.number().int().min(1).max(65_535),
    SQLITE_PATH: z.string().min(1),
  })
  .parse(process.env);

const sqlite = new DatabaseSync(env.SQLITE_PATH);
sqlite.exec('create table if not exists documents (name text primary key, data blob not null)');
const select = sqlite.prepare('select data from documents where name = ?');
const upsert = sqlite.prepare(
  'insert into documents (name, data) values (?, ?) on conflict(name) do update set data = excluded.data',
);
const rowSchema = z.object({ data: z.instanceof(Uint8Array) }).optional();

const server = new Server({
  address: env.HOST,
  port: env.PORT,
  quiet: true,
  extensions: [
    new Database({
      fetch: async ({ documentName }) => rowSchema.parse(select.get(documentName))?.data ?? null,
      store: async ({ documentName, state }) => {
        upsert.run(documentName, state);
      },
    }),
  ],
});
await server.listen();
process.stdout.write(`hocuspocus listening on ${server.webSocketURL}\n`);
