import postgres from 'postgres';
import type { Bus, BusHandler, BusMessage } from './bus.ts';
import { type BusLogger, silentLogger } from './logger.ts';
import { Subscriptions } from './subscriptions.ts';
import { channelOf, decodeBusMessage, encodeBusMessage } from './wire.ts';

/** NOTIFY payloads must stay under 8000 bytes; leave room for the envelope. */
const MAX_NOTIFY_BYTES = 7_900;

type ListenRequest = Awaited<ReturnType<postgres.Sql['listen']>>;

/**
 * Bus over Postgres LISTEN/NOTIFY: always available, one channel per document. An update too
 * large to notify travels as the id of its `doc_updates` row; receivers read the row.
 */
export class PostgresBus implements Bus {
  readonly instanceId: string;
  readonly #sql: postgres.Sql;
  readonly #subscriptions: Subscriptions;
  readonly #listening = new Map<string, Promise<ListenRequest>>();
  readonly #logger: BusLogger;

  constructor(options: { databaseUrl: string; instanceId: string; logger?: BusLogger }) {
    this.instanceId = options.instanceId;
    this.#logger = options.logger ?? silentLogger;
    this.#subscriptions = new Subscriptions(options.instanceId);
    this.#sql = postgres(options.databaseUrl, {
      max: 2,
      onnotice: () => undefined,
      connection: { application_name: `specboard-bus:${options.instanceId}`.slice(0, 63) },
    });
  }

  async publish(message: Omit<BusMessage, 'origin'>): Promise<void> {
    const full: BusMessage = { ...message, origin: this.instanceId, sentAt: Date.now() };
    let text = encodeBusMessage(full);
    if (Buffer.byteLength(text) > MAX_NOTIFY_BYTES) {
      if (message.kind !== 'update' || message.updateId === undefined) {
        this.#logger.warn(
          { docName: message.docName, kind: message.kind, bytes: Buffer.byteLength(text) },
          'bus message too large for NOTIFY; dropped',
        );
        return;
      }
      text = encodeBusMessage(full, false);
    }
    await this.#sql.notify(channelOf(message.docName), text);
  }

  async subscribe(docName: string, handler: BusHandler): Promise<() => Promise<void>> {
    if (this.#subscriptions.add(docName, handler)) {
      const request = this.#sql.listen(channelOf(docName), (text) => this.#receive(text));
      this.#listening.set(docName, request);
    }
    await this.#listening.get(docName);
    return async () => {
      if (!this.#subscriptions.remove(docName, handler)) return;
      const request = this.#listening.get(docName);
      this.#listening.delete(docName);
      await (await request)?.unlisten();
    };
  }

  async close(): Promise<void> {
    this.#subscriptions.clear();
    this.#listening.clear();
    await this.#sql.end({ timeout: 5 });
  }

  #receive(text: string): void {
    const message = decodeBusMessage(text);
    if (!message) {
      this.#logger.warn({ bytes: text.length }, 'ignored a NOTIFY that is not a bus message');
      return;
    }
    this.#subscriptions.deliver(message, (error) =>
      this.#logger.warn({ err: error, docName: message.docName }, 'bus handler failed'),
    );
  }
}
