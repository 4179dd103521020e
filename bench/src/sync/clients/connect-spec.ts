import { z } from 'zod';

/**
 * How one client reaches one document: plain data, so it can be handed to a worker thread.
 * `y-websocket` specs are served by Specboard and the reference server; `hocuspocus` by Hocuspocus.
 */
export const connectSpecSchema = z.discriminatedUnion('protocol', [
  z.object({
    protocol: z.literal('y-websocket'),
    serverUrl: z.string().startsWith('ws://'),
    docName: z.string().min(1),
    token: z.string().optional(),
  }),
  z.object({
    protocol: z.literal('hocuspocus'),
    url: z.string().startsWith('ws://'),
    docName: z.string().min(1),
  }),
]);
export type ConnectSpec = z.infer<typeof connectSpecSchema>;
