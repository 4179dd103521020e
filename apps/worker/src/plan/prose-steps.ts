import type { PlanRunStep } from '@specboard/db';
import { recordSuggestion } from '@specboard/db/suggestions';
import { createVersion } from '@specboard/db/versions';
import { type StepResult, steps } from '@specboard/pipeline';
import { DocSession } from '@specboard/stored-doc';
import * as Y from 'yjs';
import { derivedId } from '../ai/derived-id.ts';
import { documentDocName, readContentJson, readMarkdown } from '../ai/doc-model.ts';
import { ProseTarget } from '../ai/prose-target.ts';
import type { PlanContext } from './execute-run.ts';
import { readAcceptedPrd } from './prd-source.ts';
import { ensureProjectDocument } from './project-documents.ts';
import type { VariantWork } from './variant.ts';

/**
 * prd and tech: markdown that streams into the project's PRD / tech spec document (filling it
 * when empty, otherwise as a suggestion), then an automatic version of a filled document.
 */
export async function proseWork(
  context: PlanContext,
  row: PlanRunStep,
  type: 'prd' | 'tech',
): Promise<VariantWork<string>> {
  const { deps, orgId, run } = context;
  const variants = (await context.rows()).filter((r) => r.step === row.step).length;
  const document = await ensureProjectDocument(
    deps.db,
    { orgId, projectId: context.project.id, createdBy: run.triggered_by },
    type,
  );
  const session = await DocSession.open(
    deps,
    orgId,
    documentDocName(document.id),
    `worker:${run.id}`,
  );
  let target: ProseTarget | null = null;
  return {
    async call(resolved, signal) {
      const input =
        type === 'prd'
          ? { idea: context.input.idea, constraints: context.input.constraints }
          : {
              prdMarkdown: await readAcceptedPrd(context, 'tech').then((prd) => {
                prd.session.destroy();
                return prd.markdown;
              }),
              constraints: context.input.constraints,
            };
      await session.refresh();
      target = new ProseTarget({
        session,
        stepId: row.id,
        allowFill: variants === 1,
        throttleMs: deps.streamThrottleMs,
        suggestion: {
          id: derivedId(row.id, 'document'),
          rationale: `Generated ${type === 'prd' ? 'PRD' : 'tech spec'} (${row.variant})`,
          runId: run.id,
          model: resolved.model,
          requestedBy: run.triggered_by,
        },
      });
      const writer = target;
      const step = type === 'prd' ? steps.prd : steps.tech;
      return resolved.provider.run(step, input, {
        model: resolved.model,
        signal,
        onDelta: (text) => writer.update(text),
      });
    },
    async deliver(result: StepResult<string>) {
      if (!target) throw new Error('deliver called before call');
      const outcome = await target.finish(result.output);
      let versionId: string | null = null;
      if (outcome.mode === 'fill') {
        const version = await createVersion(deps.db, {
          orgId,
          documentId: document.id,
          label: `Generated ${type === 'prd' ? 'PRD' : 'tech spec'}`,
          trigger: 'generation',
          yState: Y.encodeStateAsUpdateV2(session.doc),
          contentJson: readContentJson(session.doc),
          contentMd: readMarkdown(session.doc),
          createdBy: run.triggered_by,
          planRunId: run.id,
        });
        versionId = version?.id ?? null;
      } else {
        await recordSuggestion(deps.db, {
          id: outcome.suggestionId,
          orgId,
          documentId: document.id,
          planRunStepId: row.id,
          kind: outcome.kind,
          quote: outcome.quote,
          contentMd: result.output,
          rationale: `Generated ${type === 'prd' ? 'PRD' : 'tech spec'} (${row.variant})`,
          requestedBy: run.triggered_by,
          provider: result.provider,
          model: result.model,
        });
      }
      session.destroy();
      return {
        documentId: document.id,
        mode: outcome.mode,
        suggestionId: outcome.mode === 'suggestion' ? outcome.suggestionId : null,
        versionId,
        markdown: result.output,
      };
    },
    async abandon() {
      await target?.abandon();
      session.destroy();
    },
  };
}
