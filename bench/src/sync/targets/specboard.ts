import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { newId } from '@specboard/db';
import { appendDocUpdates } from '@specboard/db/doc-log';
import { signSyncToken } from '@specboard/doc/sync-token';
import type { ConnectSpec } from '../clients/connect-spec.ts';
import { freePort, type ServerProcess, spawnServer } from '../server-process.ts';
import { createBenchDatabase } from './bench-database.ts';
import type { Target } from './target.ts';

const serverEntry = resolve(import.meta.dirname, '../../../../apps/sync-server/src/server.ts');

export interface SpecboardTarget extends Target {
  /** Stops the server process and starts a new one on the same port and database. */
  restart(): Promise<void>;
  /** Rows of `docName` still in the update log (0 once compacted into the snapshot). */
  logRows(docName: string): Promise<number>;
  /** Appends `rows` to the update log of `docName`, as the server's flushes would have. */
  appendLog(docName: string, rows: readonly Uint8Array[]): Promise<void>;
}

/** Rows per insert (each takes 3 parameters; Postgres allows 65,535 per statement). */
const ROWS_PER_INSERT = 2_000;

/** Specboard's sync server, started exactly as operators run it, on a throwaway database. */
export async function startSpecboard(options: {
  adminDatabaseUrl: string;
  nodeFlags: string[];
}): Promise<SpecboardTarget> {
  const database = await createBenchDatabase(options.adminDatabaseUrl);
  const port = await freePort();
  const secret = randomBytes(32).toString('hex');
  // Every bench document belongs to one organisation: tokens name it, seeded log rows carry it.
  const orgId = newId();
  const start = () =>
    spawnServer({
      label: 'specboard sync-server',
      args: [serverEntry],
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database.appUrl,
        SYNC_TOKEN_SECRET: secret,
        INTERNAL_PORT: '0',
        SYNC_INTERNAL_SECRET: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        // Every simulated client comes from this one address; the per-address limits are for
        // real clients (decision 007) and would refuse the load generator.
        SYNC_MAX_CONNECTIONS_PER_ADDRESS: '100000',
        SYNC_HANDSHAKES_PER_SECOND: '100000',
        SYNC_HANDSHAKE_BURST: '100000',
      },
      readyText: 'listening on',
      nodeFlags: options.nodeFlags,
    });
  let server: ServerProcess;
  try {
    server = await start();
  } catch (error) {
    await database.drop();
    throw error;
  }
  const tokens = new Map<string, Promise<string>>();
  return {
    name: 'specboard',
    newDocName: () => `doc:${newId()}`,
    specFor: async (docName): Promise<ConnectSpec> => {
      let token = tokens.get(docName);
      if (token === undefined) {
        token = signSyncToken(
          { sub: newId(), doc: docName, role: 'editor', org: orgId, name: 'bench' },
          secret,
          3600,
        );
        tokens.set(docName, token);
      }
      return {
        protocol: 'y-websocket',
        serverUrl: `ws://127.0.0.1:${port}/collab`,
        docName,
        token: await token,
      };
    },
    rssKb: () => server.rssKb(),
    cpuSeconds: () => server.cpuSeconds(),
    restart: async () => {
      await server.stop();
      server = await start();
    },
    logRows: async (docName) => {
      const row = await database.db
        .selectFrom('doc_updates')
        .select((eb) => eb.fn.countAll<string>().as('rows'))
        .where('doc_name', '=', docName)
        .executeTakeFirstOrThrow();
      return Number(row.rows);
    },
    appendLog: async (docName, rows) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        await appendDocUpdates(
          database.db,
          orgId,
          rows
            .slice(i, i + ROWS_PER_INSERT)
            .map((update) => ({ docName, update, origin: 'bench' })),
        );
      }
    },
    stop: async () => {
      try {
        await server.stop();
      } finally {
        await database.drop();
      }
    },
  };
}
