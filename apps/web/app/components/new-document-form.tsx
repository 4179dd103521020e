import { useState } from 'react';
import { Form } from 'react-router';
import type { FieldErrors } from '../lib/field-errors.ts';
import { Field, FormError, SelectField } from './field.tsx';

interface TemplateOption {
  id: string;
  name: string;
  kind: string;
  builtIn: boolean;
}

const typeOptions = [
  { value: 'prd', label: 'PRD' },
  { value: 'tech', label: 'Tech spec' },
  { value: 'notes', label: 'Notes' },
] as const;

export function NewDocumentForm({
  templates,
  errors,
  busy,
}: {
  templates: TemplateOption[];
  errors: FieldErrors | undefined;
  busy: boolean;
}) {
  const [type, setType] = useState<string>('prd');
  const choices = templates.filter((t) => t.kind === type);
  return (
    <Form method="post" className="panel stack">
      <h2>New document</h2>
      <input type="hidden" name="intent" value="create-document" />
      <FormError errors={errors?.form} />
      <div className="grid-2">
        <SelectField
          label="Type"
          name="type"
          value={type}
          onChange={(e) => setType(e.target.value)}
          errors={errors?.type}
        >
          {typeOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Template"
          name="templateId"
          key={type}
          defaultValue={choices[0]?.id ?? ''}
          errors={errors?.templateId}
        >
          <option value="">Blank document</option>
          {choices.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
              {t.builtIn ? ' (built-in)' : ''}
            </option>
          ))}
        </SelectField>
      </div>
      <Field
        label="Title"
        name="title"
        required
        placeholder="Checkout revamp — PRD"
        errors={errors?.title}
      />
      <div>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create document'}
        </button>
      </div>
    </Form>
  );
}
