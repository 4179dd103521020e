import { z } from 'zod';
import { connectSpecSchema } from './connect-spec.ts';

/** Commands the main thread sends to a client worker; each is answered by one reply. */
export const workerCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connect'), specs: z.array(connectSpecSchema) }),
  z.object({
    type: z.literal('fanout'),
    /** Indexes (into this worker's clients) of the clients that type. */
    writers: z.array(z.number().int().min(0)),
    /** First writer's place among all writers, so starts are staggered across workers. */
    writerOffset: z.number().int().min(0),
    writerCount: z.number().int().min(1),
    updatesPerSecond: z.number().positive(),
    durationMs: z.number().int().positive(),
    /** A receiver is done after this long without a new delivery once typing has stopped. */
    quietMs: z.number().int().positive(),
  }),
  z.object({ type: z.literal('watch-text'), expected: z.string(), timeoutMs: z.number() }),
  z.object({ type: z.literal('close') }),
]);
export type WorkerCommand = z.infer<typeof workerCommandSchema>;

export const workerReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connected'), count: z.number().int() }),
  z.object({
    type: z.literal('fanout-done'),
    latenciesMs: z.instanceof(Float64Array),
    sent: z.number().int(),
    firstSentAt: z.number(),
    lastReceivedAt: z.number(),
    textDigests: z.array(z.string()),
  }),
  z.object({ type: z.literal('text-complete'), at: z.number() }),
  z.object({ type: z.literal('closed') }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type WorkerReply = z.infer<typeof workerReplySchema>;
