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

  async close(): Promise<void> {
    this.#subscriptions.clear();
    await Promise.all([this.#publisher.quit(), this.#subscriber.quit()]);
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
