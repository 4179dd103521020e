// The production topology on one machine, without Docker: HAProxy in front of N sync servers,
// M workers and optionally the built web app, all against one Postgres (and Redis when given).
// Used by `pnpm cluster` and by the chaos test (tests/chaos).
import { join, resolve } from 'node:path';
import { type RunningService, startService, stopServices, waitForHttp } from '../dev-processes.ts';
import { type BackendServer, Haproxy } from './haproxy.ts';
import { freePort } from './ports.ts';

const root = resolve(import.meta.dirname, '../..');

/**
 * Every client reaches a sync server from HAProxy's address, so per-address limits there would
 * cap the whole cluster: HAProxy limits per client address instead (deploy/haproxy.cfg).
 */
export const BEHIND_PROXY = {
  SYNC_MAX_CONNECTIONS_PER_ADDRESS: '100000',
  SYNC_HANDSHAKES_PER_SECOND: '100000',
  SYNC_HANDSHAKE_BURST: '100000',
};

export interface ClusterOptions {
  databaseUrl: string;
  redisUrl?: string | undefined;
  host: string;
  syncServers: number;
  workers: number;
  /** Where browsers and clients connect (HAProxy); 0 picks a free port. */
  lbPort: number;
  statsPort: number;
  secrets: { token: string; internal: string };
  /** Serve the production build of the web app on this port (build it first). */
  web?: { port: number; authSecret: string } | undefined;
  /** Where HAProxy's generated backend file goes. */
  workDir: string;
  /** How long a SIGTERM'd sync server stays in rotation-draining before closing sockets. */
  drainMs: number;
  logLevel: string;
  /** Extra environment for the sync servers (limits, flush interval…). */
  syncEnv?: Record<string, string>;
  /** Extra environment for the workers (AI endpoint…). */
  workerEnv?: Record<string, string>;
}

export interface SyncInstance extends BackendServer {
  service: RunningService;
  internalPort: number;
}

export class Cluster {
  readonly syncServers: SyncInstance[] = [];
  readonly workers: RunningService[] = [];
  web: RunningService | undefined;
  private lb: Haproxy | undefined;
  private started = 0;
  private workerCount = 0;

  readonly options: ClusterOptions;

  private constructor(options: ClusterOptions) {
    this.options = options;
  }

  /** Starts everything and resolves once HAProxy sees every sync server ready. */
  static async start(options: ClusterOptions): Promise<Cluster> {
    const cluster = new Cluster(options);
    try {
      for (let i = 0; i < options.syncServers; i++)
        cluster.syncServers.push(await cluster.spawnSync());
      await Promise.all(cluster.syncServers.map((s) => cluster.waitReady(s)));
      cluster.lb = await Haproxy.start({
        bind: `${options.host}:${options.lbPort || (await freePort(options.host))}`,
        stats: `${options.host}:${options.statsPort || (await freePort(options.host))}`,
        servers: cluster.syncServers,
        dir: options.workDir,
      });
      for (let i = 0; i < options.workers; i++) cluster.workers.push(cluster.startWorker());
      if (options.web) {
        cluster.web = cluster.startWeb(options.web);
        await waitForHttp(`http://${options.host}:${options.web.port}/sign-in`, 120_000);
      }
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  get haproxy(): Haproxy {
    if (!this.lb) throw new Error('HAProxy has not started yet');
    return this.lb;
  }

  /** `ws://host:port/collab`, the base the official y-websocket client expects. */
  get collabUrl(): string {
    return `ws://${this.haproxy.bind}/collab`;
  }

  get publicSyncUrl(): string {
    return `ws://${this.haproxy.bind}`;
  }

  /** Every process, for waiting on any of them to exit. */
  services(): RunningService[] {
    return [
      ...this.syncServers.map((s) => s.service),
      ...this.workers,
      ...(this.web ? [this.web] : []),
    ];
  }

  /** Starts one more sync server, waits for /readyz, and puts it behind HAProxy. */
  async addSyncServer(): Promise<SyncInstance> {
    const instance = await this.spawnSync();
    this.syncServers.push(instance);
    await this.waitReady(instance);
    await this.haproxy.add(instance);
    return instance;
  }

  /** Takes a sync server that has exited (or is about to) out of HAProxy's list. */
  async removeSyncServer(instance: SyncInstance): Promise<void> {
    this.syncServers.splice(this.syncServers.indexOf(instance), 1);
    await this.haproxy.remove(instance.name);
  }

  startWorker(): RunningService {
    this.workerCount += 1;
    const worker = startService({
      name: `worker-${this.workerCount}`,
      command: process.execPath,
      args: ['src/main.ts'],
      cwd: join(root, 'apps/worker'),
      env: { ...this.sharedEnv(), ...this.options.workerEnv },
    });
    return worker;
  }

  async stop(): Promise<void> {
    await stopServices(this.services());
    await this.lb?.stop();
  }

  private sharedEnv(): NodeJS.ProcessEnv {
    const { REDIS_URL: _inherited, ...env } = process.env;
    return {
      ...env,
      NODE_ENV: 'production',
      DATABASE_URL: this.options.databaseUrl,
      ...(this.options.redisUrl ? { REDIS_URL: this.options.redisUrl } : {}),
      SYNC_TOKEN_SECRET: this.options.secrets.token,
      LOG_LEVEL: this.options.logLevel,
    };
  }

  private async spawnSync(): Promise<SyncInstance> {
    this.started += 1;
    const name = `sync-${this.started}`;
    const [port, internalPort] = [await freePort(), await freePort()];
    const service = startService({
      name,
      command: process.execPath,
      args: ['src/server.ts'],
      cwd: join(root, 'apps/sync-server'),
      env: {
        ...this.sharedEnv(),
        ...BEHIND_PROXY,
        ...this.options.syncEnv,
        HOST: this.options.host,
        PORT: String(port),
        INTERNAL_PORT: String(internalPort),
        SYNC_INTERNAL_SECRET: this.options.secrets.internal,
        SYNC_DRAIN_MS: String(this.options.drainMs),
      },
    });
    return { name, host: this.options.host, port, internalPort, service };
  }

  private async waitReady(instance: SyncInstance): Promise<void> {
    const ready = waitForReady(`http://${instance.host}:${instance.port}/readyz`);
    const died = instance.service.exited.then((code) => {
      throw new Error(`${instance.name} exited with code ${code} before it was ready`);
    });
    await Promise.race([ready, died]);
  }

  private startWeb(web: { port: number; authSecret: string }): RunningService {
    return startService({
      name: 'web',
      command: process.execPath,
      args: ['server.ts'],
      cwd: join(root, 'apps/web'),
      env: {
        ...this.sharedEnv(),
        PORT: String(web.port),
        HOST: this.options.host,
        BASE_URL: `http://${this.options.host}:${web.port}`,
        BETTER_AUTH_SECRET: web.authSecret,
        SYNC_PUBLIC_URL: this.publicSyncUrl,
      },
    });
  }
}

/** Resolves once `url` answers 200 (a sync server's /readyz), polling; 60 s at most. */
async function waitForReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms`);
}
