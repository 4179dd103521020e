import { Link, useFetcher, useLoaderData } from 'react-router';
import { runKindLabel } from '../runs/format.ts';
import { RunSteps } from '../runs/run-steps.tsx';
import { RunTotals } from '../runs/run-totals.tsx';
import { runAction, runLoader } from '../runs/runs.server.ts';
import { useLiveRevalidation } from '../runs/use-live-revalidation.ts';
import '../runs/runs.css';
import type { Route } from './+types/run.ts';

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Run · ${loaderData?.project.name ?? 'Project'} · Specboard` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  return runLoader(request, params.orgId, params.runId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return runAction(request, params.orgId, params.runId);
}

export default function Run({ params }: Route.ComponentProps) {
  const { run, steps, project, canControl } = useLoaderData<typeof loader>();
  const cancel = useFetcher<typeof action>();
  useLiveRevalidation(run.active);
  const now = Date.now();
  return (
    <div className="page">
      <header className="page-head">
        <div className="grow">
          <p className="crumbs">
            <Link to={`/orgs/${params.orgId}`}>Projects</Link> /{' '}
            <Link to={`/orgs/${params.orgId}/projects/${project.id}`}>{project.name}</Link> /{' '}
            <Link to={`/orgs/${params.orgId}/projects/${project.id}/generate`}>Runs</Link> /
          </p>
          <h1>{run.kind === 'plan' ? 'Plan generation' : runKindLabel(run.kind)}</h1>
        </div>
        {canControl && run.active ? (
          <cancel.Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="button danger" disabled={cancel.state !== 'idle'}>
              Cancel run
            </button>
          </cancel.Form>
        ) : null}
      </header>
      <RunTotals run={run} now={now} />
      {run.error ? (
        <p className="editor-notice" role="status">
          {run.error}
        </p>
      ) : null}
      {cancel.data && !cancel.data.ok ? (
        <p className="field-error" role="alert">
          {cancel.data.message}
        </p>
      ) : null}
      <RunSteps steps={steps} canControl={canControl} now={now} />
      {run.provider === 'offline' || steps.some((s) => s.offline) ? (
        <p className="muted">
          Offline steps are drafted from templates and the structure of your documents, without an
          AI model. Configure an AI endpoint for the worker to get model-written drafts.
        </p>
      ) : null}
    </div>
  );
}
