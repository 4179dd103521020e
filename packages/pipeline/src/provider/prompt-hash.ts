import { createHash } from 'node:crypto';
import type { ChatMessage } from '../step.ts';

/** Identifies a prompt for caching and audit: same messages, model and schema ⇒ same hash. */
export function hashPrompt(
  messages: readonly ChatMessage[],
  model: string,
  schema: unknown,
): string {
  const canonical = JSON.stringify({
    messages: messages.map((m) => [m.role, m.content]),
    model,
    schema,
  });
  return createHash('sha256').update(canonical).digest('hex');
}
