import { ulidSchema } from '@specboard/db';
import { recordActivity } from '@specboard/db/activity';
import { getDocument } from '@specboard/db/documents';
import { decideSuggestion, getSuggestion } from '@specboard/db/suggestions';
import { createVersion } from '@specboard/db/versions';
import { EnqueueError, enqueueSuggest } from '@specboard/jobs';
import { storedVersionContent } from '@specboard/stored-doc';
import { z } from 'zod';
import { auth } from '../auth/auth.server.ts';
import { type OrgAccess, requireOrgAccess } from '../auth/org-access.server.ts';
import { db } from '../db.server.ts';
import { emitAfterCommit } from '../integrations/emit.server.ts';
import { readForm } from '../lib/validation.server.ts';
import { jobQueue } from '../runs/job-queue.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import { requestReview } from './review-request.server.ts';

/**
 * The server side of inline suggestions. Suggestions themselves live in the shared document
 * (the browser applies and marks them through Yjs); this records who decided, snapshots the
 * document before an accepted change, and queues "Ask AI". Answers are JSON for `fetch`.
 */

const json = (body: unknown, status = 200) => Response.json(body, { status });

async function requireDocument(access: OrgAccess, documentId: string | undefined) {
  const document = documentId ? await getDocument(db(), access.orgId, documentId) : undefined;
  if (!document) throw json({ ok: false, message: 'This document does not exist.' }, 404);
  return document;
}

/** Names of the organisation's members, to show who asked for and who decided a suggestion. */
export async function suggestionsLoader(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
) {
  const access = await requireOrgAccess(request, orgId, 'org:read');
  await requireDocument(access, documentId);
  const members = await auth().api.listMembers({
    query: { organizationId: access.orgId, limit: 200 },
    headers: request.headers,
  });
  const people = Object.fromEntries(members.members.map((m) => [m.userId, m.user.name]));
  return json({ people });
}

export const askSchema = z.object({
  intent: z.literal('ask'),
  instruction: z
    .string()
    .trim()
    .min(1, 'Say what the AI should do')
    .max(2_000, 'Keep the instruction under 2000 characters'),
  selection: z
    .string()
    .max(20_000, 'Select less text (at most 20000 characters)')
    .optional()
    .transform((text) => (text?.trim() ? text : undefined)),
});

export const decideSchema = z.object({
  intent: z.enum(['accept', 'reject']),
  suggestionId: ulidSchema,
});

function fieldErrors(error: z.ZodError) {
  return z.flattenError(error).fieldErrors;
}

const notReady = () =>
  json({ ok: false, message: 'This suggestion is not ready yet or does not exist.' }, 404);
const alreadyDecided = (status: string) =>
  json({ ok: false, message: `This suggestion is already ${status}.` }, 409);

/** The AI limits refused the run: the numbers are in the message, shown where it was asked. */
const refusedRun = (error: unknown) =>
  error instanceof EnqueueError && error.code === 'refused'
    ? json({ ok: false, message: error.message }, 429)
    : null;

/** "Ask AI", "Review completeness", Accept and Reject: editors only; others get 403. */
export async function suggestionsAction(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
) {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'document:edit');
  const document = await requireDocument(access, documentId);
  const fields = Object.fromEntries(await readForm(request));
  const activity = {
    orgId: access.orgId,
    actorId: access.user.id,
    resourceType: 'document',
    resourceId: document.id,
  };
  if (fields.intent === 'ask') {
    const parsed = askSchema.safeParse(fields);
    if (!parsed.success) return json({ ok: false, fieldErrors: fieldErrors(parsed.error) }, 400);
    let runId: string;
    try {
      ({ runId } = await enqueueSuggest(await jobQueue(), {
        orgId: access.orgId,
        documentId: document.id,
        requestedBy: access.user.id,
        instruction: parsed.data.instruction,
        ...(parsed.data.selection ? { selection: parsed.data.selection } : {}),
      }));
    } catch (error) {
      const refused = refusedRun(error);
      if (refused) return refused;
      throw error;
    }
    await recordActivity(db(), {
      ...activity,
      action: 'ai_suggestions_requested',
      changes: { runId },
    });
    return json({ ok: true, runId });
  }
  if (fields.intent === 'review') {
    let runId: string;
    try {
      ({ runId } = await requestReview(access.orgId, document, access.user.id));
    } catch (error) {
      const refused = refusedRun(error);
      if (refused) return refused;
      throw error;
    }
    await recordActivity(db(), { ...activity, action: 'ai_review_requested', changes: { runId } });
    return json({ ok: true, runId });
  }
  const parsed = decideSchema.safeParse(fields);
  if (!parsed.success) return json({ ok: false, fieldErrors: fieldErrors(parsed.error) }, 400);
  const accepting = parsed.data.intent === 'accept';
  const target = { orgId: access.orgId, documentId: document.id, id: parsed.data.suggestionId };
  const current = await getSuggestion(db(), target);
  if (!current) return notReady();
  if (current.status !== 'pending') return alreadyDecided(current.status);
  if (accepting) {
    // Snapshot before the change lands, so an accepted AI edit can always be undone from history.
    const content = await storedVersionContent(db(), access.orgId, document.id);
    if (content.contentMd.trim() !== '') {
      await createVersion(db(), {
        orgId: access.orgId,
        documentId: document.id,
        label: 'Before accepting an AI suggestion',
        trigger: 'ai_accept',
        ...content,
        createdBy: access.user.id,
      });
    }
  }
  // Still guarded: two people deciding at once get one decision.
  const decision = await decideSuggestion(db(), target, {
    status: accepting ? 'accepted' : 'rejected',
    decidedBy: access.user.id,
  });
  if (decision.outcome === 'not_found') return notReady();
  if (decision.outcome === 'already_decided') return alreadyDecided(decision.suggestion.status);
  await recordActivity(db(), {
    ...activity,
    action: accepting ? 'ai_suggestion_accepted' : 'ai_suggestion_rejected',
    changes: { suggestionId: decision.suggestion.id, model: decision.suggestion.model },
  });
  if (accepting) {
    await emitAfterCommit(access.orgId, {
      kind: 'suggestion.accepted',
      summary: `An AI suggestion was accepted in “${document.title}”`,
      data: {
        documentId: document.id,
        projectId: document.project_id,
        suggestionId: decision.suggestion.id,
        acceptedBy: access.user.id,
        path: `/orgs/${access.orgId}/documents/${document.id}`,
      },
    });
  }
  return json({ ok: true });
}
