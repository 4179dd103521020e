import { setTimeout as sleep } from 'node:timers/promises';
import type { WebSocketServer } from 'ws';

/**
 * Waits for the clients of `server`, already sent a close frame, to answer it, then drops the
 * sockets of those that have not within `graceMs`. A busy or gone client would otherwise hold
 * the process for ws's 30 s close timeout; by this point everything it sent has been flushed.
 */
export async function drainSockets(server: WebSocketServer, graceMs: number): Promise<number> {
  const deadline = Date.now() + graceMs;
  while (server.clients.size > 0 && Date.now() < deadline) await sleep(25);
  const stragglers = [...server.clients];
  for (const socket of stragglers) socket.terminate();
  return stragglers.length;
}
