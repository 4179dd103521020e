import { type Bus, writeDocUpdate } from '@specboard/bus';
import type { Db } from '@specboard/db';
import { appendDocUpdates, loadDocState } from '@specboard/db/doc-log';
import * as Y from 'yjs';
import { applyStoredState } from './load.ts';

export interface DocWriteDeps {
  db: Db;
  /**
   * Where a stored update is announced to the sync servers. Null only for writes made while no
   * sync server can have the document open (the demo seed runs before they start); a server
   * that does would still pick the row up in its periodic catch-up read.
   */
  bus: Bus | null;
}

/**
 * The server-side way to change a shared document (worker jobs, web actions): bring a Y.Doc up
 * to date from the stored log, make the change in one transaction, and hand exactly that update
 * to the write path (append to `doc_updates`, then publish), as a sync-server instance would.
 * One session keeps one Yjs client id for all of its writes to a document.
 */
export class DocSession {
  readonly doc = new Y.Doc();
  readonly orgId: string;
  readonly docName: string;
  readonly #deps: DocWriteDeps;
  readonly #origin: string;

  private constructor(deps: DocWriteDeps, orgId: string, docName: string, origin: string) {
    this.#deps = deps;
    this.orgId = orgId;
    this.docName = docName;
    this.#origin = origin;
  }

  /**
   * Opens a session on the stored state of `docName`, a document of organisation `orgId`;
   * `origin` is recorded on every row written.
   */
  static async open(
    deps: DocWriteDeps,
    orgId: string,
    docName: string,
    origin: string,
  ): Promise<DocSession> {
    const session = new DocSession(deps, orgId, docName, origin);
    await session.refresh();
    return session;
  }

  /** Applies what others stored since; Yjs ignores what this doc already has. */
  async refresh(): Promise<void> {
    applyStoredState(
      this.doc,
      await loadDocState(this.#deps.db, this.orgId, this.docName),
      'stored',
    );
  }

  /**
   * Refreshes, runs `change` in one transaction and stores the resulting update.
   * Returns the log row id, or null when the change did not alter the document.
   */
  async change(change: (doc: Y.Doc) => void): Promise<string | null> {
    await this.refresh();
    let update: Uint8Array | null = null;
    const capture = (bytes: Uint8Array, origin: unknown) => {
      if (origin === this) update = bytes;
    };
    this.doc.on('update', capture);
    try {
      this.doc.transact(() => change(this.doc), this);
    } finally {
      this.doc.off('update', capture);
    }
    if (update === null) return null;
    const write = { orgId: this.orgId, docName: this.docName, update, origin: this.#origin };
    if (this.#deps.bus) return writeDocUpdate(this.#deps.db, this.#deps.bus, write);
    const [id] = await appendDocUpdates(this.#deps.db, this.orgId, [write]);
    return id ?? null;
  }

  destroy(): void {
    this.doc.destroy();
  }
}

/**
 * One change to a stored document: opens a session, runs `change` in one transaction, stores
 * the update (nothing when it changed nothing) and returns what `read` sees afterwards.
 */
export async function changeStoredDoc<T>(
  deps: DocWriteDeps,
  orgId: string,
  docName: string,
  origin: string,
  change: (doc: Y.Doc) => void,
  read: (doc: Y.Doc) => T,
): Promise<T> {
  const session = await DocSession.open(deps, orgId, docName, origin);
  try {
    await session.change(change);
    return read(session.doc);
  } finally {
    session.destroy();
  }
}
