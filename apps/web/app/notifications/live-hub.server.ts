import { PostgresBus } from '@specboard/bus';
import { type NotificationSignal, notificationsBusTopic } from '@specboard/db';
import { ulid } from 'ulid';
import { z } from 'zod';
import { env } from '../env.server.ts';
import { logger } from '../logger.server.ts';

type Listener = () => void;

const signalSchema = z.object({
  recipientId: z.string().min(1),
}) satisfies z.ZodType<NotificationSignal>;

/**
 * One bus subscription per web process, fanned out to the open notification streams of each
 * person. Always the Postgres transport, whatever carries document updates: the signal is a
 * NOTIFY sent in the transaction that writes the notification (decision 015).
 */
class LiveHub {
  readonly #listeners = new Map<string, Set<Listener>>();
  #started: Promise<void> | undefined;

  /** Calls `listener` whenever `userId`'s notifications change; returns the way to stop. */
  async listen(userId: string, listener: Listener): Promise<() => void> {
    await this.#start();
    let set = this.#listeners.get(userId);
    if (!set) {
      set = new Set();
      this.#listeners.set(userId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(userId) === set) this.#listeners.delete(userId);
    };
  }

  #start(): Promise<void> {
    this.#started ??= this.#subscribe().catch((error: unknown) => {
      this.#started = undefined;
      throw new Error('could not listen for notifications on the bus', { cause: error });
    });
    return this.#started;
  }

  async #subscribe(): Promise<void> {
    const bus = new PostgresBus({
      databaseUrl: env().DATABASE_URL,
      instanceId: `web-notifications:${ulid()}`,
      logger: logger(),
    });
    await bus.subscribe(notificationsBusTopic, (message) => {
      const parsed = signalSchema.safeParse(
        message.payload ? safeJson(Buffer.from(message.payload).toString()) : undefined,
      );
      if (!parsed.success) {
        logger().warn(
          { origin: message.origin },
          'ignored a notification signal without a recipient',
        );
        return;
      }
      for (const listener of this.#listeners.get(parsed.data.recipientId) ?? []) listener();
    });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        bus.close().catch((error: unknown) => {
          logger().warn({ err: error }, 'could not close the notification bus on shutdown');
        });
      });
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

let hub: LiveHub | undefined;

export function liveHub(): LiveHub {
  hub ??= new LiveHub();
  return hub;
}
