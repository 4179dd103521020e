import type { FieldErrors } from '../lib/field-errors.ts';
import { providers } from '../projects/project-schemas.ts';
import { Field, SelectField } from './field.tsx';

export interface ProjectDefaults {
  name?: string;
  idea?: string;
  timeline?: string | undefined;
  budget?: string | undefined;
  stack?: string | undefined;
  preferredProvider?: string | null;
  preferredModel?: string | null;
}

/** The fields shared by "new project" and "project settings". */
export function ProjectFieldset({
  errors,
  defaults = {},
}: {
  errors?: FieldErrors | undefined;
  defaults?: ProjectDefaults;
}) {
  return (
    <>
      <Field
        label="Name"
        name="name"
        required
        defaultValue={defaults.name}
        errors={errors?.name}
        placeholder="Checkout revamp"
      />
      <label className="field">
        <span className="field-label">Idea</span>
        <textarea
          name="idea"
          rows={3}
          defaultValue={defaults.idea}
          placeholder="What are we building, for whom, and why now?"
        />
        {errors?.idea ? (
          <span className="field-error" role="alert">
            {errors.idea.join(' ')}
          </span>
        ) : null}
      </label>
      <div className="grid-3">
        <Field
          label="Timeline"
          name="timeline"
          defaultValue={defaults.timeline}
          errors={errors?.timeline}
          placeholder="Beta by March"
        />
        <Field
          label="Budget"
          name="budget"
          defaultValue={defaults.budget}
          errors={errors?.budget}
          placeholder="2 engineers, 6 weeks"
        />
        <Field
          label="Stack preferences"
          name="stack"
          defaultValue={defaults.stack}
          errors={errors?.stack}
          placeholder="Postgres, React"
        />
      </div>
      <div className="grid-2">
        <SelectField
          label="Preferred AI provider"
          name="preferredProvider"
          defaultValue={defaults.preferredProvider ?? ''}
          errors={errors?.preferredProvider}
        >
          <option value="">Organisation default</option>
          {providers.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </SelectField>
        <Field
          label="Preferred model"
          name="preferredModel"
          defaultValue={defaults.preferredModel ?? undefined}
          errors={errors?.preferredModel}
          placeholder="gpt-4.1-mini"
        />
      </div>
    </>
  );
}
