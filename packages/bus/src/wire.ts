import { z } from 'zod';
import type { BusMessage } from './bus.ts';

/**
 * The bus wire format shared by both transports: compact JSON with the bytes in base64.
 * Postgres NOTIFY carries text only (under 8000 bytes), so one text format serves both.
 */
const wireSchema = z.object({
  d: z.string().min(1),
  k: z.enum(['update', 'awareness', 'control']),
  o: z.string().min(1),
  u: z
    .string()
    .regex(/^[0-9]+$/)
    .optional(),
  p: z.base64().optional(),
  t: z.number().int().nonnegative().optional(),
});

export function encodeBusMessage(message: BusMessage, includePayload = true): string {
  return JSON.stringify({
    d: message.docName,
    k: message.kind,
    o: message.origin,
    u: message.updateId,
    p:
      includePayload && message.payload
        ? Buffer.from(message.payload).toString('base64')
        : undefined,
    t: message.sentAt,
  });
}

/** Null when the text is not a bus message (another program may NOTIFY the same channel). */
export function decodeBusMessage(text: string): BusMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = wireSchema.safeParse(json);
  if (!parsed.success) return null;
  const { d, k, o, u, p, t } = parsed.data;
  return {
    docName: d,
    kind: k,
    origin: o,
    ...(u === undefined ? {} : { updateId: u }),
    ...(p === undefined ? {} : { payload: new Uint8Array(Buffer.from(p, 'base64')) }),
    ...(t === undefined ? {} : { sentAt: t }),
  };
}

/** The channel of one document on either transport. */
export function channelOf(docName: string): string {
  return `specboard:${docName}`;
}
