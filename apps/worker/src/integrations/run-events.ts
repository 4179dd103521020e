import type { OrgEvent } from '@specboard/integrations';

/** The outgoing event for a run that ended (cancelled runs emit nothing). */
export function runEndedEvent(
  orgId: string,
  run: { id: string; project_id: string },
  status: string,
  errorMessage: string | null,
): OrgEvent | undefined {
  const data = {
    runId: run.id,
    projectId: run.project_id,
    status,
    path: `/orgs/${orgId}/runs/${run.id}`,
  };
  if (status === 'succeeded' || status === 'partial') {
    return { kind: 'run.finished', summary: `Generation run ${status}`, data };
  }
  if (status === 'failed') {
    return {
      kind: 'run.failed',
      summary: `Generation run failed${errorMessage ? `: ${errorMessage.slice(0, 300)}` : ''}`,
      data: { ...data, error: errorMessage },
    };
  }
  return undefined;
}
