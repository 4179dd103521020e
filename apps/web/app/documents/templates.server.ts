import type { DocumentType, Template } from '@specboard/db';
import { listTemplates, upsertTemplate } from '@specboard/db/templates';
import { builtInTemplates, templateSectionSchema } from '@specboard/pipeline/templates';
import { z } from 'zod';
import { db } from '../db.server.ts';

/** What a row of `templates.structure` holds: the sections a new document starts with. */
export const templateStructureSchema = z.object({ sections: z.array(templateSectionSchema) });

let builtIns: Promise<void> | undefined;

/** Makes sure the built-in PRD and tech-spec templates are in `templates` (idempotent). */
export function ensureBuiltInTemplates(): Promise<void> {
  builtIns ??= (async () => {
    for (const template of builtInTemplates) {
      await upsertTemplate(db(), {
        orgId: null,
        kind: template.kind,
        name: template.name,
        structure: { sections: template.sections },
      });
    }
  })().catch((error: unknown) => {
    builtIns = undefined;
    throw new Error('could not store the built-in templates', { cause: error });
  });
  return builtIns;
}

export async function templatesFor(orgId: string): Promise<Template[]> {
  await ensureBuiltInTemplates();
  return listTemplates(db(), orgId);
}

/** The Markdown a new document starts with: its title, then each section with its guidance. */
export function templateMarkdown(title: string, template: Template | undefined): string {
  const parsed = templateStructureSchema.safeParse(template?.structure);
  if (!parsed.success) return `# ${title}\n`;
  const sections = parsed.data.sections.map(
    (s) => `## ${s.heading}${s.required ? '' : ' (optional)'}\n\n_${s.guidance}_\n`,
  );
  return [`# ${title}\n`, ...sections].join('\n');
}

export const documentTypeLabels: Record<DocumentType, string> = {
  prd: 'PRD',
  tech: 'Tech spec',
  notes: 'Notes',
};
