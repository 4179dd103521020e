import { countUnread } from '@specboard/db/inbox';
import { getSessionUser } from '../auth/session.server.ts';
import { db } from '../db.server.ts';
import { logger } from '../logger.server.ts';
import { liveHub } from './live-hub.server.ts';

/** Often enough that proxies keep the stream open, and a signed-out session is noticed. */
export const HEARTBEAT_MS = 25_000;

/**
 * Streams one person may hold open at once: one per tab. Each holds a socket, a bus listener and
 * a session check every heartbeat, so one account opening thousands loaded the database for all.
 */
export const MAX_STREAMS_PER_USER = 10;

const openStreams = new Map<string, number>();

function claimStream(userId: string): boolean {
  const open = openStreams.get(userId) ?? 0;
  if (open >= MAX_STREAMS_PER_USER) return false;
  openStreams.set(userId, open + 1);
  return true;
}

function releaseStream(userId: string): void {
  const open = (openStreams.get(userId) ?? 1) - 1;
  if (open > 0) openStreams.set(userId, open);
  else openStreams.delete(userId);
}

/**
 * Server-sent events for the signed-in person: an `unread` event with their unread count when
 * the stream opens and whenever their notifications change (any process, via the bus), and a
 * heartbeat comment that also re-checks the session, so signing out ends the stream.
 */
export async function notificationStream(request: Request): Promise<Response> {
  const user = await getSessionUser(request);
  if (!user) return new Response('Sign in to receive notifications.', { status: 401 });
  if (!claimStream(user.id)) {
    return new Response(
      `You have ${MAX_STREAMS_PER_USER} notification streams open already: close a tab, then reload this one.`,
      { status: 429, headers: { 'Retry-After': String(HEARTBEAT_MS / 1000) } },
    );
  }
  const encoder = new TextEncoder();
  let stop: (cancelled?: boolean) => void = () => {};
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let sending = Promise.resolve();
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const sendCount = () => {
        sending = sending
          .then(async () =>
            write(
              `event: unread\ndata: ${JSON.stringify({ unread: await countUnread(db(), user.id) })}\n\n`,
            ),
          )
          .catch((error: unknown) =>
            logger().warn({ err: error, userId: user.id }, 'could not send the unread count'),
          );
      };
      let unlisten: () => void;
      try {
        unlisten = await liveHub().listen(user.id, sendCount);
      } catch (error) {
        releaseStream(user.id);
        throw error;
      }
      const heartbeat = setInterval(() => {
        write(': heartbeat\n\n');
        getSessionUser(request)
          .then((still) => {
            if (still?.id !== user.id) stop();
          })
          .catch((error: unknown) =>
            logger().warn({ err: error }, 'could not re-check the session'),
          );
      }, HEARTBEAT_MS);
      stop = (cancelled = false) => {
        if (closed) return;
        closed = true;
        releaseStream(user.id);
        clearInterval(heartbeat);
        unlisten();
        request.signal.removeEventListener('abort', onAbort);
        if (!cancelled) controller.close();
      };
      const onAbort = () => stop(true);
      request.signal.addEventListener('abort', onAbort);
      // The browser may have gone while the subscription was being set up.
      if (request.signal.aborted) return stop(true);
      write('retry: 5000\n\n');
      sendCount();
    },
    cancel() {
      stop(true);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
