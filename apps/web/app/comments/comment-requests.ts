import { z } from 'zod';
import type { CommentRequest, CommentResult } from './comment-schemas.ts';

export const commentsEndpoint = (orgId: string, documentId: string) =>
  `/orgs/${orgId}/documents/${documentId}/comments`;

const rightsSchema = z.object({
  me: z.string(),
  canComment: z.boolean(),
  canModerate: z.boolean(),
  canInvite: z.boolean(),
  people: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type CommentRights = z.infer<typeof rightsSchema>;

export async function fetchCommentRights(endpoint: string): Promise<CommentRights> {
  const response = await fetch(endpoint, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`could not load the comment panel: HTTP ${response.status}`);
  return rightsSchema.parse(await response.json());
}

const resultSchema = z.union([
  z.object({ ok: z.literal(true), threadId: z.string() }),
  z.object({
    ok: z.literal(false),
    message: z.string().optional(),
    fieldErrors: z.record(z.string(), z.array(z.string()).optional()).optional(),
  }),
]);

/** Sends one change; answers what the server said, with a readable message on refusal. */
export async function postComment(
  endpoint: string,
  change: CommentRequest,
): Promise<CommentResult> {
  const response = await fetch(endpoint, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(change),
  });
  const parsed = resultSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success)
    return { ok: false, message: `The server answered HTTP ${response.status}.` };
  if (parsed.data.ok) return parsed.data;
  const fieldMessages = Object.values(parsed.data.fieldErrors ?? {})
    .flat()
    .filter((m) => m !== undefined);
  return { ok: false, message: parsed.data.message ?? fieldMessages.join(' ') };
}
