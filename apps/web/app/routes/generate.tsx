import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router';
import { SpendNotice } from '../ai/spend-notice.tsx';
import { Field, FormError } from '../components/field.tsx';
import { RelativeTime } from '../components/relative-time.tsx';
import { formatCost, runKindLabel } from '../runs/format.ts';
import { ModelStatsTable } from '../runs/model-stats-table.tsx';
import { generateAction, generateLoader } from '../runs/runs.server.ts';
import '../runs/runs.css';
import type { Route } from './+types/generate.ts';

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Generate · ${loaderData?.project.name ?? 'Project'} · Specboard` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  return generateLoader(request, params.orgId, params.projectId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return generateAction(request, params.orgId, params.projectId);
}

export default function Generate({ params }: Route.ComponentProps) {
  const { project, runs, modelStats, spend, canGenerate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link to={`/orgs/${params.orgId}`}>Projects</Link> /{' '}
            <Link to={`/orgs/${params.orgId}/projects/${project.id}`}>{project.name}</Link> /
          </p>
          <h1>Generate a plan</h1>
          <p className="lede">
            AI drafts the PRD, then the tech spec, a breakdown into epics and stories, and tasks on
            the board. Documents with text get suggestions to review; nothing is overwritten.
          </p>
        </div>
      </header>

      <SpendNotice spend={spend} />

      {canGenerate ? (
        <Form method="post" className="panel stack">
          <FormError errors={errors?.form} />
          <p className="muted">From the idea: {project.idea || <em>no idea written yet</em>}</p>
          <fieldset className="stack">
            <legend className="field-label">Write with</legend>
            <label>
              <input type="radio" name="provider" value="project" defaultChecked /> The project's
              AI: {project.providerLabel}
              {project.model ? ` · ${project.model}` : ''}
            </label>
            <label>
              <input type="radio" name="provider" value="offline" />{' '}
              <span className="badge offline">Offline</span> templates only (no AI call, free,
              deterministic)
            </label>
            {errors?.provider ? (
              <span className="field-error">{errors.provider.join(' ')}</span>
            ) : null}
          </fieldset>
          {spend.allowedModels.length > 0 ? (
            <fieldset className="stack">
              <legend className="field-label">Compare PRD models (optional, up to 3)</legend>
              {spend.allowedModels.map((model) => (
                <label key={model}>
                  <input type="checkbox" name="prdModels" value={model} /> {model}
                </label>
              ))}
              {errors?.prdModels ? (
                <span className="field-error">{errors.prdModels.join(' ')}</span>
              ) : null}
            </fieldset>
          ) : (
            <Field
              label="Compare PRD models (optional)"
              name="prdModels"
              placeholder="gpt-4o-mini, gpt-4o"
              errors={errors?.prdModels}
              hint="Up to 3 models, comma separated: each writes a PRD variant, offered side by side."
            />
          )}
          <div className="row">
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Starting…' : 'Generate'}
            </button>
          </div>
        </Form>
      ) : (
        <p className="notice">Only editors can start a generation.</p>
      )}

      <section>
        <h2>Runs</h2>
        {runs.length === 0 ? (
          <p className="muted">No runs yet.</p>
        ) : (
          <ul className="card-list">
            {runs.map((run) => (
              <li key={run.id}>
                <Link to={`/orgs/${params.orgId}/runs/${run.id}`} className="card-link">
                  <span className={`run-status ${run.status}`}>{run.status}</span>
                  <strong className="grow">{runKindLabel(run.kind)}</strong>
                  {run.provider === 'offline' ? (
                    <span className="badge offline">Offline</span>
                  ) : null}
                  <span className="muted">{formatCost(run.costUsd)}</span>
                  <span className="muted">
                    <RelativeTime iso={run.createdAt} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {modelStats.length > 0 ? (
        <section>
          <h2>Models compared</h2>
          <ModelStatsTable stats={modelStats} />
        </section>
      ) : null}
    </div>
  );
}
