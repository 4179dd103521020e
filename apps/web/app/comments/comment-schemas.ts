import { z } from 'zod';

const id = z.string().min(1).max(64);
const base64 = z.base64('expected base64').max(1_000);
const body = z
  .string()
  .trim()
  .min(1, 'Write a comment')
  .max(5_000, 'Keep a comment under 5000 characters');
const mentions = z.array(id).max(20, 'Mention at most 20 people').default([]);

/** Every change to a document's threads, as the browser sends it (JSON). */
export const commentRequestSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('create'), anchorFrom: base64, anchorTo: base64, body, mentions }),
  z.object({ intent: z.literal('reply'), threadId: id, body, mentions }),
  z.object({ intent: z.literal('edit'), threadId: id, commentId: id, body, mentions }),
  z.object({ intent: z.literal('delete_comment'), threadId: id, commentId: id }),
  z.object({ intent: z.enum(['resolve', 'reopen', 'delete_thread']), threadId: id }),
]);
export type CommentRequest = z.infer<typeof commentRequestSchema>;

export type CommentResult =
  | { ok: true; threadId: string }
  | { ok: false; message?: string; fieldErrors?: Record<string, string[]> };
