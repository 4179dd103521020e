import { CloseCode } from '@specboard/doc/close-codes';
import * as Y from 'yjs';
import type { Connection } from './connection.ts';
import type { Metrics } from './metrics.ts';
import { type Presence, PresenceViolation } from './presence.ts';
import {
  encodePermissionDenied,
  isEmptyUpdate,
  MalformedMessage,
  parseClientMessage,
} from './protocol.ts';
import type { SyncAnswerCache } from './sync-answer-cache.ts';

/**
 * Reads one client frame and acts on it: sync step 1 (answered from the cache), document updates
 * (dropped for read-only roles), awareness (through Presence's rules), query-awareness, token
 * renewal. A frame
 * that is malformed or breaks the presence rules closes that connection only.
 */
export class MessageHandler {
  readonly #doc: Y.Doc;
  readonly #presence: Presence;
  readonly #answers: SyncAnswerCache;
  readonly #metrics: Metrics;

  constructor(deps: {
    doc: Y.Doc;
    presence: Presence;
    answers: SyncAnswerCache;
    metrics: Metrics;
  }) {
    this.#doc = deps.doc;
    this.#presence = deps.presence;
    this.#answers = deps.answers;
    this.#metrics = deps.metrics;
  }

  receive(connection: Connection, frame: Uint8Array): void {
    try {
      this.#handle(connection, frame);
    } catch (error) {
      if (error instanceof MalformedMessage) {
        connection.logger.warn({ err: error.message }, 'malformed frame');
        connection.close(CloseCode.malformed, error.message.slice(0, 120));
      } else if (error instanceof PresenceViolation) {
        connection.logger.warn({ err: error.message }, 'presence rules broken');
        this.#metrics.awarenessViolations.inc();
        connection.close(CloseCode.presenceRejected, error.message.slice(0, 120));
      } else {
        throw error;
      }
    }
  }

  #handle(connection: Connection, frame: Uint8Array): void {
    const message = parseClientMessage(frame);
    this.#metrics.messagesIn.inc({ type: message.type });
    switch (message.type) {
      case 'syncStep1':
        connection.send(this.#answers.answer(message.stateVector));
        return;
      case 'syncUpdate':
        if (isEmptyUpdate(message.update)) return;
        if (!connection.canWrite) {
          this.#deny(connection);
          return;
        }
        try {
          Y.applyUpdate(this.#doc, message.update, connection);
        } catch (error) {
          throw new MalformedMessage(`update does not apply: ${(error as Error).message}`);
        }
        return;
      case 'awareness':
        this.#presence.applyFromClient(connection, message.update);
        return;
      case 'queryAwareness':
        this.#presence.sendAll(connection);
        return;
      case 'renewToken':
        void connection.renew(message.token);
        return;
      case 'auth':
        return;
    }
  }

  #deny(connection: Connection): void {
    this.#metrics.readOnlyUpdatesDropped.inc();
    if (connection.shouldExplainDenial()) {
      connection.send(
        encodePermissionDenied(`role ${connection.claims.role} cannot edit this document`),
      );
    }
  }
}
