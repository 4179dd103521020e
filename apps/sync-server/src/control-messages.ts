import { z } from 'zod';

/** JSON control messages sent between instances over the bus (`kind: 'control'`). */
const controlMessageSchema = z.discriminatedUnion('type', [
  /** Close a user's connections to the document (4409), on every instance. */
  z.object({ type: z.literal('revoke'), userId: z.string().min(1) }),
]);

export type ControlMessage = z.infer<typeof controlMessageSchema>;

export function encodeControl(message: ControlMessage): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(controlMessageSchema.parse(message)));
}

/** The control message in `payload`, or null for anything unreadable (logged by the caller). */
export function parseControl(payload: Uint8Array): ControlMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return null;
  }
  const parsed = controlMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
