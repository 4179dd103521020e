import type { Bus } from '@specboard/bus';
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Connection } from './connection.ts';
import { Origin } from './origins.ts';
import type { PresenceWriter } from './presence-writer.ts';
import {
  type AwarenessEntry,
  decodeAwarenessEntries,
  encodeAwarenessEntries,
  encodeAwarenessStates,
  MalformedMessage,
} from './protocol.ts';

/** Awareness client ids one connection may own (a tab, plus a few relayed by its other tabs). */
export const MAX_CLIENTS_PER_CONNECTION = 4;
/** Largest awareness state a client may send, as JSON text. */
export const MAX_STATE_BYTES = 4 * 1024;

/** A frame that breaks the presence rules; the connection is closed (CloseCode.presenceRejected). */
export class PresenceViolation extends Error {}

export interface PresenceDeps {
  bus: Bus;
  logger: Logger;
  writer: PresenceWriter;
  instanceId: string;
  /** The document's connections: every change is sent to all of them. */
  connections: ReadonlySet<Connection>;
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * A document's awareness, bounded and honest (ARCHITECTURE.md §3): a connection owns at most
 * MAX_CLIENTS_PER_CONNECTION client ids (claimed as they first appear), may change only its own
 * states and those of its own user's other tabs, each at most MAX_STATE_BYTES; `user.id` and
 * `user.name` are set from the token. The official client echoes every state it receives, so an
 * entry for someone else's client that changes nothing is ignored rather than refused.
 */
export class Presence {
  readonly awareness: awarenessProtocol.Awareness;
  readonly #docName: string;
  readonly #deps: PresenceDeps;
  readonly #owners = new Map<number, Connection>();
  #closed = false;

  constructor(doc: Y.Doc, docName: string, deps: PresenceDeps) {
    this.#docName = docName;
    this.#deps = deps;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) =>
      this.#onChange(change, origin),
    );
  }

  /** Sends every current state to one connection (greeting, or query-awareness). */
  sendAll(connection: Connection): void {
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) connection.send(encodeAwarenessStates(this.awareness, clients));
  }

  /** Applies a client's awareness frame under the rules; throws PresenceViolation or MalformedMessage. */
  applyFromClient(connection: Connection, update: Uint8Array): void {
    const accepted: AwarenessEntry[] = [];
    for (const entry of decodeAwarenessEntries(update)) {
      const owner = this.#owners.get(entry.clientId);
      const live = this.awareness.getStates().get(entry.clientId);
      const ownUser = owner
        ? owner.claims.sub === connection.claims.sub
        : userIdOf(live) === undefined || userIdOf(live) === connection.claims.sub;
      if (!ownUser) {
        if (this.#wouldChange(entry)) {
          throw new PresenceViolation(`awareness client ${entry.clientId} belongs to someone else`);
        }
        continue;
      }
      if (entry.json === 'null' && !live) continue;
      if (!this.#wouldChange(entry)) continue;
      if (entry.json.length > MAX_STATE_BYTES) {
        throw new PresenceViolation(`awareness state over ${MAX_STATE_BYTES} bytes`);
      }
      if (owner !== connection) {
        if (connection.awarenessClients.size >= MAX_CLIENTS_PER_CONNECTION) {
          throw new PresenceViolation(`more than ${MAX_CLIENTS_PER_CONNECTION} awareness clients`);
        }
        owner?.awarenessClients.delete(entry.clientId);
        connection.awarenessClients.add(entry.clientId);
        this.#owners.set(entry.clientId, connection);
      }
      accepted.push({ ...entry, json: stamp(entry.json, connection) });
    }
    if (accepted.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(
      this.awareness,
      encodeAwarenessEntries(accepted),
      connection,
    );
  }

  /** An awareness update from another instance (stamped by that instance's Presence). */
  applyFromBus(update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, Origin.bus);
    } catch (error) {
      this.#deps.logger.warn({ err: error, docName: this.#docName }, 'bad awareness on the bus');
    }
  }

  /** The connection closed: its clients leave, for everyone. */
  removeConnection(connection: Connection): void {
    const clients = [...connection.awarenessClients].filter(
      (id) => this.#owners.get(id) === connection,
    );
    for (const id of clients) this.#owners.delete(id);
    if (clients.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, clients, Origin.server);
    }
    this.#deps.writer.remove(connection.id);
  }

  destroy(): void {
    this.#closed = true;
    this.awareness.destroy();
  }

  /** Whether y-protocols would apply this entry (a newer clock, or a removal of a live state). */
  #wouldChange(entry: AwarenessEntry): boolean {
    const meta = this.awareness.meta.get(entry.clientId);
    if (!meta) return true;
    if (meta.clock < entry.clock) return true;
    return (
      meta.clock === entry.clock &&
      entry.json === 'null' &&
      this.awareness.getStates().has(entry.clientId)
    );
  }

  #onChange(change: AwarenessChange, origin: unknown): void {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (changed.length === 0) return;
    const connections = this.#deps.connections;
    if (isConnection(origin, connections)) this.#record(origin);
    const frame = encodeAwarenessStates(this.awareness, changed);
    for (const connection of connections) connection.send(frame);
    if (origin === Origin.bus || this.#closed) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    this.#deps.bus
      .publish({ docName: this.#docName, kind: 'awareness', payload: update })
      .catch((error: unknown) =>
        this.#deps.logger.warn({ err: error, docName: this.#docName }, 'awareness publish failed'),
      );
  }

  #record(connection: Connection): void {
    const [clientId] = connection.awarenessClients;
    const state = clientId === undefined ? null : this.awareness.getStates().get(clientId);
    this.#deps.writer.update({
      orgId: connection.claims.org,
      connectionId: connection.id,
      docName: this.#docName,
      userId: connection.claims.sub,
      instanceId: this.#deps.instanceId,
      state: { ...(state ?? {}), name: connection.claims.name, role: connection.claims.role },
    });
  }
}

function isConnection(origin: unknown, connections: ReadonlySet<Connection>): origin is Connection {
  return connections.has(origin as Connection);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function userIdOf(state: unknown): unknown {
  return isRecord(state) && isRecord(state.user) ? state.user.id : undefined;
}

/** The state with `user.id` and `user.name` taken from the token, whatever the client sent. */
function stamp(json: string, connection: Connection): string {
  let state: unknown;
  try {
    state = JSON.parse(json);
  } catch {
    throw new MalformedMessage('awareness state is not JSON');
  }
  if (state === null) return json;
  if (!isRecord(state)) throw new MalformedMessage('awareness state is not an object');
  const user = isRecord(state.user) ? state.user : {};
  return JSON.stringify({
    ...state,
    user: { ...user, id: connection.claims.sub, name: connection.claims.name },
  });
}
