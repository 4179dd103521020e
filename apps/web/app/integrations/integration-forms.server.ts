import { orgEventKinds } from '@specboard/integrations';
import { z } from 'zod';

/** Integrations that can be connected from the settings page. */
export const connectableKinds = ['webhook'] as const;

export const connectSchema = z.object({
  intent: z.literal('connect'),
  kind: z.enum(connectableKinds),
  name: z.string().trim().min(1, 'Give it a name.').max(80, 'At most 80 characters.'),
  url: z.url({
    protocol: /^https?$/,
    error: 'Enter a full https:// (or http://) URL, e.g. https://example.com/hooks/specboard.',
  }),
  events: z.array(z.enum(orgEventKinds)).min(1, 'Choose at least one event.'),
  signingSecret: z
    .string()
    .trim()
    .regex(/^(whsec_[A-Za-z0-9+/=]{24,})?$/, 'A signing secret looks like whsec_ and base64.')
    .optional(),
});

export const manageSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.enum(['test', 'pause', 'resume', 'remove']),
    integrationId: z.string().min(1),
  }),
  z.object({ intent: z.literal('redeliver'), deliveryId: z.string().min(1) }),
]);

/** The form's fields as zod sees them: checkboxes named `events` become one array. */
export function formFields(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = Object.fromEntries(form);
  fields.events = form.getAll('events').map(String);
  return fields;
}
