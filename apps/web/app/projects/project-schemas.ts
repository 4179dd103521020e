import { z } from 'zod';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const providers = ['offline', 'openai', 'azure', 'ollama', 'openai-compatible'] as const;

export const projectFieldsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, 'Use at least 2 characters')
    .max(80, 'Keep it under 80 characters'),
  idea: z.string().trim().max(4000, 'Keep the idea under 4000 characters').default(''),
  timeline: optionalText(200),
  budget: optionalText(200),
  stack: optionalText(400),
  preferredProvider: z
    .enum([...providers, ''], 'Pick a provider from the list')
    .optional()
    .transform((v) => v || undefined),
  preferredModel: optionalText(100),
});

export type ProjectFields = z.output<typeof projectFieldsSchema>;

export const renameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, 'Use at least 2 characters')
    .max(80, 'Keep it under 80 characters'),
});
