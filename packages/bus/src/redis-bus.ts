import { Redis } from 'ioredis';
import type { Bus, BusHandler, BusMessage } from './bus.ts';
import { type BusLogger, silentLogger } from './logger.ts';
import { Subscriptions } from './subscriptions.ts';
import { channelOf, decodeBusMessage, encodeBusMessage } from './wire.ts';

/** Bus over Redis pub/sub (set `REDIS_URL`): for scale-out, with no payload size limit. */
export class RedisBus implements Bus {
  readonly instanceId: string;
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #subscriptions: Subscriptions;
  readonly #logger: BusLogger;
  #closing: Promise<void> | undefined;

  constructor(options: { redisUrl: string; instanceId: string; logger?: BusLogger }) {
    this.instanceId = options.instanceId;
    this.#logger = options.logger ?? silentLogger;
    this.#subscriptions = new Subscriptions(options.instanceId);
    this.#publisher = new Redis(options.redisUrl, { lazyConnect: false });
    this.#subscriber = new Redis(options.redisUrl, { lazyConnect: false });
    for (const client of [this.#publisher, this.#subscriber]) {
      client.on('error', (error) => this.#logger.warn({ err: error }, 'redis bus error'));
    }
    this.#subscriber.on('message', (_channel: string, text: string) => this.#receive(text));
  }

  async publish(message: Omit<BusMessage, 'origin'>): Promise<void> {
    await this.#publisher.publish(
      channelOf(message.docName),
      encodeBusMessage({ ...message, origin: this.instanceId, sentAt: Date.now() }),
    );
  }

  async subscribe(docName: string, handler: BusHandler): Promise<() => Promise<void>> {
    if (this.#subscriptions.add(docName, handler)) {
      await this.#subscriber.subscribe(channelOf(docName));
    }
    return async () => {
      if (this.#subscriptions.remove(docName, handler)) {
        await this.#subscriber.unsubscribe(channelOf(docName));
      }
    };
  }

  /** Closes both connections once; later calls wait for the first. */
  close(): Promise<void> {
    this.#subscriptions.clear();
    this.#closing ??= Promise.all(
      [this.#publisher, this.#subscriber].map((c) => this.#quit(c)),
    ).then(() => undefined);
    return this.#closing;
  }

  /** QUIT, or just drop a connection that is already closed or never came up (QUIT rejects then). */
  async #quit(client: Redis): Promise<void> {
    if (client.status === 'end') return;
    try {
      await client.quit();
    } catch (error) {
      this.#logger.warn({ err: error }, 'redis bus: QUIT failed; disconnecting');
      client.disconnect();
    }
  }

  #receive(text: string): void {
    const message = decodeBusMessage(text);
    if (!message) {
      this.#logger.warn(
        { bytes: text.length },
        'ignored a redis message that is not a bus message',
      );
      return;
    }
    this.#subscriptions.deliver(message, (error) =>
      this.#logger.warn({ err: error, docName: message.docName }, 'bus handler failed'),
    );
  }
}
