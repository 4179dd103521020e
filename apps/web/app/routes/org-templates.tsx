import { Form, useActionData, useLoaderData, useNavigation } from 'react-router';
import { Field, FormError, SelectField } from '../components/field.tsx';
import { createTemplateAction, templatesLoader } from '../orgs/templates.server.ts';
import type { Route } from './+types/org-templates.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Templates · Specboard' }];

export async function loader({ request, params }: Route.LoaderArgs) {
  return templatesLoader(request, params.orgId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return createTemplateAction(request, params.orgId);
}

export default function Templates() {
  const { templates, canCreate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors;
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="page">
      <header className="page-head">
        <h1>Templates</h1>
      </header>
      <ul className="card-list">
        {templates.map((t) => (
          <li key={t.id} className="card-row">
            <span className="grow">
              <strong>{t.name}</strong> <span className="badge">{t.kindLabel}</span>{' '}
              {t.builtIn ? <span className="badge">Built-in</span> : null}
              <span className="muted block truncate">{t.headings.join(' · ')}</span>
            </span>
          </li>
        ))}
      </ul>
      {canCreate ? (
        <Form method="post" className="panel stack">
          <h2>Add a template</h2>
          {result?.ok ? (
            <p className="notice">Template saved. It is offered when creating documents.</p>
          ) : null}
          <FormError errors={errors?.form} />
          <div className="grid-2">
            <Field
              label="Name"
              name="name"
              required
              errors={errors?.name}
              placeholder="Growth experiment PRD"
            />
            <SelectField label="For" name="kind" defaultValue="prd" errors={errors?.kind}>
              <option value="prd">PRD</option>
              <option value="tech">Tech spec</option>
              <option value="notes">Notes</option>
            </SelectField>
          </div>
          <label className="field">
            <span className="field-label">Sections</span>
            <textarea
              name="sections"
              rows={6}
              required
              aria-invalid={errors?.sections ? true : undefined}
              placeholder={
                'Hypothesis: what we believe and why\nMetric: how we will know\nRisks: what could go wrong (optional)'
              }
            />
            <span className="field-hint">
              One per line: “Heading: guidance”. Add “(optional)” at the end for optional sections.
            </span>
            {errors?.sections ? (
              <span className="field-error" role="alert">
                {errors.sections.join(' ')}
              </span>
            ) : null}
          </label>
          <div>
            <button type="submit" className="button primary" disabled={busy}>
              Save template
            </button>
          </div>
        </Form>
      ) : (
        <p className="muted">Owners and admins can add templates for the organisation.</p>
      )}
    </div>
  );
}
