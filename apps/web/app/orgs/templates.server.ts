import { recordActivity } from '@specboard/db/activity';
import { upsertTemplate } from '@specboard/db/templates';
import { z } from 'zod';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { can } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import {
  documentTypeLabels,
  maxTemplateSections,
  templateStructureSchema,
  templatesFor,
} from '../documents/templates.server.ts';
import { invalid, parseForm, readForm } from '../lib/validation.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';

/** One section per line: "Heading: what to write here". A trailing "(optional)" marks it optional. */
export function parseSections(text: string) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const optional = /\(optional\)\s*$/i.test(line);
      const clean = line.replace(/\(optional\)\s*$/i, '').trim();
      const [heading = '', ...rest] = clean.split(':');
      return { heading: heading.trim(), guidance: rest.join(':').trim(), required: !optional };
    });
}

const sectionSchema = z.object({
  heading: z
    .string()
    .regex(/\S/, 'Every line needs a heading before the colon')
    .max(120, 'Keep each heading under 120 characters'),
  guidance: z.string().max(500, 'Keep the guidance of each section under 500 characters'),
  required: z.boolean(),
});

const templateSchema = z.object({
  kind: z.enum(['prd', 'tech', 'notes'], 'Pick a document type'),
  name: z
    .string()
    .trim()
    .min(2, 'Use at least 2 characters')
    .max(80, 'Keep it under 80 characters'),
  sections: z
    .string()
    .transform(parseSections)
    .pipe(
      z
        .array(sectionSchema)
        .min(1, 'Add at least one section, one per line')
        .max(maxTemplateSections, `Keep it to ${maxTemplateSections} sections or fewer`),
    ),
});

export async function templatesLoader(request: Request, orgId: string | undefined) {
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const templates = await templatesFor(access.orgId);
  return {
    templates: templates.map((t) => {
      const structure = templateStructureSchema.safeParse(t.structure);
      return {
        id: t.id,
        name: t.name,
        kindLabel: documentTypeLabels[t.kind],
        builtIn: t.org_id === null,
        headings: structure.success ? structure.data.sections.map((s) => s.heading) : [],
      };
    }),
    canCreate: can(access.role, 'template:create'),
  };
}

export async function createTemplateAction(request: Request, orgId: string | undefined) {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'template:create');
  const parsed = parseForm(await readForm(request), templateSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const template = await upsertTemplate(db(), {
    orgId: access.orgId,
    kind: parsed.value.kind,
    name: parsed.value.name,
    structure: { sections: parsed.value.sections },
  });
  await recordActivity(db(), {
    orgId: access.orgId,
    actorId: access.user.id,
    resourceType: 'template',
    resourceId: template.id,
    action: 'saved',
    changes: { name: template.name },
  });
  return { ok: true as const, fieldErrors: undefined };
}
