import type { DocumentType, Template } from '@specboard/db';
import { listTemplates, upsertTemplate } from '@specboard/db/templates';
import { builtInTemplates, templateSectionSchema } from '@specboard/pipeline/templates';
import { z } from 'zod';
import { db } from '../db.server.ts';

/**
 * Most sections a template may have. Turning Markdown into the editor's document costs time that
 * grows with the square of its blocks (5,000 sections held the web process for 15 s); the
 * built-in templates have 10.
 */
export const maxTemplateSections = 40;

/**
 * What a row of `templates.structure` holds: the sections a new document starts with. A stored
 * template past the limit (saved before it existed) reads as invalid: its documents start empty.
 */
export const templateStructureSchema = z.object({
  sections: z.array(templateSectionSchema).max(maxTemplateSections),
});

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
