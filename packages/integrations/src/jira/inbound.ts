import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Jira webhooks registered with a secret carry `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the
 * raw body>`. True only for a well-formed header whose signature matches.
 */
export function verifyJiraSignature(
  secret: string,
  rawBody: string,
  header: string | null,
): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

/** The part of Jira's `jira:issue_updated` payload we read: the issue and its status category. */
export const jiraIssueEventSchema = z.object({
  webhookEvent: z.string(),
  issue: z.object({
    key: z.string().min(1),
    fields: z.object({
      status: z.object({
        name: z.string().optional(),
        statusCategory: z.object({ key: z.enum(['new', 'indeterminate', 'done']) }),
      }),
    }),
  }),
});
export type JiraIssueEvent = z.infer<typeof jiraIssueEventSchema>;

/**
 * Jira workflows differ per project, but every status belongs to one of three categories; those
 * map onto our default columns (review has no category of its own and is never chosen from Jira).
 */
const columnOfCategory = { new: 'todo', indeterminate: 'in_progress', done: 'done' } as const;

export function boardColumnFor(event: JiraIssueEvent): string {
  return columnOfCategory[event.issue.fields.status.statusCategory.key];
}
