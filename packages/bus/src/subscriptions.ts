import type { BusHandler, BusMessage } from './bus.ts';

/**
 * Handlers per document, shared by both transports: the transport listens once per document and
 * hands every decoded message here, which drops this instance's own messages (no echo loops).
 */
export class Subscriptions {
  readonly #handlers = new Map<string, Set<BusHandler>>();
  readonly #instanceId: string;

  constructor(instanceId: string) {
    this.#instanceId = instanceId;
  }

  /** Adds a handler; true when it is the first for this document (the transport must listen). */
  add(docName: string, handler: BusHandler): boolean {
    let handlers = this.#handlers.get(docName);
    const first = handlers === undefined;
    if (!handlers) {
      handlers = new Set();
      this.#handlers.set(docName, handlers);
    }
    handlers.add(handler);
    return first;
  }

  /** Removes a handler; true when it was the last for this document (the transport may stop). */
  remove(docName: string, handler: BusHandler): boolean {
    const handlers = this.#handlers.get(docName);
    if (!handlers?.delete(handler)) return false;
    if (handlers.size > 0) return false;
    this.#handlers.delete(docName);
    return true;
  }

  deliver(message: BusMessage, onError: (error: unknown) => void): void {
    if (message.origin === this.#instanceId) return;
    for (const handler of this.#handlers.get(message.docName) ?? []) {
      try {
        handler(message);
      } catch (error) {
        onError(error);
      }
    }
  }

  clear(): void {
    this.#handlers.clear();
  }
}
