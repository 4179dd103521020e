import { getDocument } from '@specboard/db/documents';
import { transitionPlanRun } from '@specboard/db/plan-run-progress';
import { getPlanRun } from '@specboard/db/plan-runs';
import { createSuggestion, removeSuggestion } from '@specboard/doc/suggestions';
import { runInputSchema } from '@specboard/jobs';
import { PipelineError, type StepResult, type Suggestion, steps } from '@specboard/pipeline';
import { DocSession } from '@specboard/stored-doc';
import { finishRun } from '../plan/finish-run.ts';
import { watchRun } from '../plan/run-watch.ts';
import { runVariant } from '../plan/variant.ts';
import type { AiJobDeps } from './deps.ts';
import { derivedId } from './derived-id.ts';
import { documentDocName, readMarkdown } from './doc-model.ts';
import { writeSuggestions } from './suggestion-writer.ts';

/**
 * "Ask AI" and "Review": one step (one row per variant) that reads a document and writes
 * anchored suggestions into it. The reply is structured JSON, validated as a whole before any
 * of it reaches the document, so these suggestions appear complete rather than streamed.
 */
export async function executeDocumentRun(
  deps: AiJobDeps,
  ref: { orgId: string; runId: string },
  kind: 'suggest' | 'review',
): Promise<string> {
  const found = await getPlanRun(deps.db, ref.orgId, ref.runId);
  if (!found) {
    deps.logger.warn(ref, 'run not found; nothing to do');
    return 'missing';
  }
  const input = runInputSchema.parse(found.run.input_snapshot);
  if (input.kind !== kind) throw new Error(`run ${ref.runId} is a ${input.kind} run, not ${kind}`);
  if (!(await transitionPlanRun(deps.db, ref.orgId, ref.runId, ['queued', 'running'], 'running'))) {
    return found.run.status;
  }
  const watch = watchRun(deps.db, ref, { pollMs: deps.cancelPollMs, jobSignal: deps.signal });
  try {
    const pending = found.steps.filter(
      (row) => row.status === 'queued' || row.status === 'running',
    );
    await Promise.all(
      pending.map((row) => {
        let session: DocSession | null = null;
        const placeholderId = derivedId(row.id, 'placeholder');
        return runVariant(deps, ref.orgId, row, watch, {
          async call(resolved, signal): Promise<StepResult<{ suggestions: Suggestion[] }>> {
            const document = await getDocument(deps.db, ref.orgId, input.documentId);
            if (!document) {
              throw new PipelineError('invalid_input', {
                step: kind,
                reason: 'the document was deleted',
                attempts: 0,
              });
            }
            session = await DocSession.open(
              deps,
              ref.orgId,
              documentDocName(document.id),
              `worker:${ref.runId}`,
            );
            const documentMarkdown = readMarkdown(session.doc);
            const options = { model: resolved.model, signal };
            if (input.kind === 'suggest') {
              const { instruction, selection } = input;
              if (selection !== undefined) {
                await session.change((doc) => {
                  // Collaborators see at once which words the AI is working on.
                  createSuggestion(doc, {
                    id: placeholderId,
                    kind: 'replace',
                    target: 'quote',
                    quote: selection,
                    content: '',
                    rationale: instruction,
                    runId: ref.runId,
                    model: resolved.model,
                    requestedBy: input.requestedBy,
                    status: 'streaming',
                  });
                });
              }
              return resolved.provider.run(
                steps.suggest,
                {
                  documentMarkdown,
                  instruction,
                  ...(selection !== undefined ? { selection } : {}),
                },
                options,
              );
            }
            return resolved.provider.run(
              steps.review,
              {
                documentMarkdown,
                ...(input.sections !== undefined ? { sections: input.sections } : {}),
              },
              options,
            );
          },
          async deliver(result) {
            if (!session) throw new Error('deliver called before call');
            const ids = await writeSuggestions(
              deps,
              session,
              {
                orgId: ref.orgId,
                documentId: input.documentId,
                runId: ref.runId,
                stepId: row.id,
                provider: result.provider,
                model: result.model,
                requestedBy: input.requestedBy,
                replaces: placeholderId,
              },
              result.output.suggestions,
            );
            session.destroy();
            return { suggestionIds: ids, suggestions: result.output.suggestions };
          },
          async abandon() {
            await session?.change((doc) => removeSuggestion(doc, placeholderId));
            session?.destroy();
          },
        });
      }),
    );
  } finally {
    watch.stop();
  }
  return finishRun(deps, ref, watch);
}
