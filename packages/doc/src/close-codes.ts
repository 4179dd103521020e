/**
 * WebSocket close codes of the sync server (ARCHITECTURE.md §4), shared with the browser so it
 * can explain a closed connection to the user.
 *
 * The ranges follow the official y-websocket client (3.x): codes 4400–4499 are *permanent* — the
 * provider stops reconnecting and emits `closed` — while every other code is retried with
 * back-off. So a decision that reconnecting cannot fix (bad token, no access, a broken client) is
 * a 44xx code, and a condition that passes with time (rate, capacity, restart) is not.
 */
export const CloseCode = {
  /** Normal close initiated by the server (e.g. the client asked for it). */
  normal: 1000,
  /** A text frame: the protocol is binary only. Retried, but a text-sending client is broken. */
  unsupportedData: 1003,
  /** A frame larger than SYNC_MAX_MESSAGE_BYTES. */
  messageTooBig: 1009,
  /** The server failed to load the document; retrying later may succeed. */
  internalError: 1011,
  /** The server is restarting or shutting down; reconnect (to another instance). */
  serviceRestart: 1012,
  /** The client does not read fast enough; its send buffer overflowed. */
  tryAgainLater: 1013,
  /** A binary frame that is not a valid y-protocols message (bad varint, unknown type, bad update). */
  malformed: 4400,
  /**
   * The token expired while connected (a live connection is closed when its `exp` passes). A token
   * that is missing, invalid or expired at connect is refused earlier, with HTTP 401 on the
   * upgrade, which a browser reports as a failed connection (close code 1006): the web app then
   * fetches a fresh token (apps/web/app/editor/sync-token-client.ts).
   */
  unauthenticated: 4401,
  /** A valid token for another document (refused at connect as HTTP 403 on the upgrade). */
  forbidden: 4403,
  /** Access was revoked while connected: fetch a new token (which may be refused). */
  revoked: 4409,
  /**
   * An awareness (presence) frame broke the rules: more client ids than a connection may own, a
   * state over the size limit, or a change to another person's presence. A well-behaved client
   * never sends one, so reconnecting is pointless.
   */
  presenceRejected: 4422,
  /** Too many messages or bytes per second from this connection; reconnect with back-off. */
  rateLimited: 4529,
  /** The document has reached its maximum number of connections; reconnect later. */
  documentFull: 4503,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];

const explanations: Record<CloseCodeValue, string> = {
  1000: 'The connection was closed.',
  1003: 'The client sent data the server does not accept (text instead of binary).',
  1009: 'A change was too large to send. Split it into smaller edits.',
  1011: 'The server could not open this document. Retrying…',
  1012: 'The server is restarting. Reconnecting…',
  1013: 'The connection was too slow to keep up. Reconnecting…',
  4400: 'The client sent a message the server could not understand. Reload the page.',
  4401: 'Your session expired or is not valid. Reload the page to sign in again.',
  4403: 'You do not have access to this document.',
  4409: 'Your access to this document was changed. Reload the page.',
  4422: 'This tab sent presence data the server does not accept. Reload the page.',
  4529: 'Too many changes too quickly. Reconnecting shortly…',
  4503: 'Too many people are connected to this document. Retrying shortly…',
};

/** A sentence for the user explaining why the sync connection closed. */
export function explainCloseCode(code: number): string {
  return (
    (explanations as Record<number, string | undefined>)[code] ??
    'The connection to the server was lost. Reconnecting…'
  );
}

/** Whether the official client should stop reconnecting after this code (mirrors y-websocket). */
export function isPermanentCloseCode(code: number): boolean {
  return code >= 4400 && code < 4500;
}
