import type { Db } from '@specboard/db';
import {
  listenForRevocations,
  listRevocations,
  projectOfDocument,
  type Revocation,
  type RevocationListener,
} from '@specboard/db/revocations';
import { accessDocNameOf, parseDocName } from '@specboard/doc/doc-names';
import type { SyncTokenClaims } from '@specboard/doc/sync-token';
import type { Logger } from 'pino';
import type { DocRegistry } from './doc-registry.ts';
import type { Metrics } from './metrics.ts';

/** Revocations of one user (or of everyone), by `scope:scopeId`. */
interface Subject {
  revokedAt: Map<string, number>;
  /** Latest project-scoped revocation, so most checks skip the document → project look-up. */
  latestProjectMs: number;
}

const EVERYONE = '*';
/** Document → project ids remembered; a document never changes project. */
const MAX_CACHED_PROJECTS = 10_000;

const RELOAD_RETRY_MS = 5_000;
/** Longer than a document load normally takes. */
const SWEEP_AGAIN_MS = 5_000;

const scopeKey = (scope: Revocation['scope'], scopeId: string) => `${scope}:${scopeId}`;

/**
 * Every revocation (docs/decisions/008-revocation.md), held in memory: loaded at start and
 * whenever the listening connection comes back, kept current by the `revocations` NOTIFY that
 * each committed record sends. A token issued (`iat`) no later than a matching revocation is
 * refused at connect and its live connections are closed with 4409, on every instance.
 */
export class Revocations {
  readonly #subjects = new Map<string, Subject>();
  readonly #projects = new Map<string, string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #db: Db;
  readonly #registry: DocRegistry;
  readonly #logger: Logger;
  readonly #metrics: Metrics;
  #listener: RevocationListener | undefined;
  #closed = false;

  private constructor(deps: { db: Db; registry: DocRegistry; logger: Logger; metrics: Metrics }) {
    this.#db = deps.db;
    this.#registry = deps.registry;
    this.#metrics = deps.metrics;
    this.#logger = deps.logger.child({ component: 'revocations' });
  }

  /** Listens first, then loads, so no revocation committed in between is missed. */
  static async start(deps: {
    db: Db;
    databaseUrl: string;
    registry: DocRegistry;
    logger: Logger;
    metrics: Metrics;
  }): Promise<Revocations> {
    const revocations = new Revocations(deps);
    let first = true;
    revocations.#listener = await listenForRevocations(deps.databaseUrl, {
      onRevocation: (revocation) => void revocations.#applyLogged(revocation),
      onListen: () => {
        if (first) first = false;
        else void revocations.#reload();
      },
      onInvalid: (payload) =>
        revocations.#logger.warn({ payload }, 'ignored a malformed revocation notification'),
    });
    await revocations.#load();
    return revocations;
  }

  /**
   * Why these claims may not open `docName` any more, or null when they may. The hook that
   * authentication calls after verifying a token.
   */
  async refusal(claims: SyncTokenClaims, docName: string): Promise<string | null> {
    const issuedMs = claims.iat * 1000;
    const subjects = [this.#subjects.get(claims.sub), this.#subjects.get(EVERYONE)];
    for (const subject of subjects) {
      if (!subject) continue;
      for (const key of [
        scopeKey('document', accessDocNameOf(docName)),
        scopeKey('organization', claims.org),
      ]) {
        if (issuedMs <= (subject.revokedAt.get(key) ?? Number.NEGATIVE_INFINITY)) {
          return 'access revoked';
        }
      }
    }
    if (!subjects.some((subject) => subject && issuedMs <= subject.latestProjectMs)) return null;
    const projectId = await this.#projectOf(docName);
    if (projectId === undefined) return null;
    const key = scopeKey('project', projectId);
    return subjects.some(
      (subject) => subject && issuedMs <= (subject.revokedAt.get(key) ?? Number.NEGATIVE_INFINITY),
    )
      ? 'access revoked'
      : null;
  }

  /**
   * Takes a revocation in and closes the live connections it matches; returns how many. A record
   * that is not newer than the one held changes nothing, so each arrives idempotently.
   */
  async apply(revocation: Revocation): Promise<number> {
    if (!this.#record(revocation)) return 0;
    // A connection authenticated just before this arrived may still be loading its document, so
    // not yet in the registry: sweep once more when such loads have finished.
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#closeMatchingLogged(revocation);
    }, SWEEP_AGAIN_MS);
    this.#timers.add(timer);
    return this.#closeMatching(revocation);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await this.#listener?.close();
  }

  /** Holds the record; false when one at least as new was held already. */
  #record(revocation: Revocation): boolean {
    const userKey = revocation.userId ?? EVERYONE;
    const subject = this.#subjects.get(userKey) ?? { revokedAt: new Map(), latestProjectMs: 0 };
    this.#subjects.set(userKey, subject);
    const key = scopeKey(revocation.scope, revocation.scopeId);
    const known = subject.revokedAt.get(key);
    if (known !== undefined && known >= revocation.revokedAtMs) return false;
    if (known === undefined) this.#metrics.revocations.inc();
    subject.revokedAt.set(key, revocation.revokedAtMs);
    if (revocation.scope === 'project') {
      subject.latestProjectMs = Math.max(subject.latestProjectMs, revocation.revokedAtMs);
    }
    return true;
  }

  async #closeMatching(revocation: Revocation): Promise<number> {
    let closed = 0;
    for (const doc of this.#registry.active()) {
      for (const connection of doc.connections) {
        const { claims } = connection;
        if (revocation.userId !== null && claims.sub !== revocation.userId) continue;
        if (claims.iat * 1000 > revocation.revokedAtMs) continue;
        if (!(await this.#inScope(revocation, doc.name, claims.org))) continue;
        connection.close(4409, 'access revoked');
        closed++;
      }
    }
    if (closed > 0) this.#logger.info({ ...revocation, closed }, 'closed revoked connections');
    return closed;
  }

  async #inScope(revocation: Revocation, docName: string, orgId: string): Promise<boolean> {
    if (revocation.scope === 'document') return revocation.scopeId === accessDocNameOf(docName);
    if (revocation.scope === 'organization') return revocation.scopeId === orgId;
    return (await this.#projectOf(docName)) === revocation.scopeId;
  }

  async #projectOf(docName: string): Promise<string | undefined> {
    const parsed = parseDocName(docName);
    if (!parsed) return undefined;
    if (parsed.kind === 'board') return parsed.id;
    const cached = this.#projects.get(parsed.id);
    if (cached !== undefined) return cached;
    const projectId = await projectOfDocument(this.#db, parsed.id);
    if (projectId === undefined) return undefined;
    if (this.#projects.size >= MAX_CACHED_PROJECTS) this.#projects.clear();
    this.#projects.set(parsed.id, projectId);
    return projectId;
  }

  /** At start nothing is connected yet: hold every record, no sweeps. */
  async #load(): Promise<void> {
    for (const revocation of await listRevocations(this.#db)) this.#record(revocation);
  }

  /** After a reconnect: notifications sent meanwhile were lost, so read every record again. */
  async #reload(): Promise<void> {
    if (this.#closed) return;
    try {
      for (const revocation of await listRevocations(this.#db)) await this.apply(revocation);
    } catch (error) {
      this.#logger.error({ err: error }, 'could not reload revocations; retrying');
      setTimeout(() => void this.#reload(), RELOAD_RETRY_MS).unref();
    }
  }

  async #closeMatchingLogged(revocation: Revocation): Promise<void> {
    try {
      await this.#closeMatching(revocation);
    } catch (error) {
      this.#logger.error({ err: error, ...revocation }, 'could not close revoked connections');
    }
  }

  async #applyLogged(revocation: Revocation): Promise<void> {
    try {
      await this.apply(revocation);
    } catch (error) {
      this.#logger.error({ err: error, ...revocation }, 'could not apply a revocation');
    }
  }
}
