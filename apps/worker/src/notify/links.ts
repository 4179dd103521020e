/** Paths of the web app a notification or an audit entry points at (the exact place). */
export const appLinks = {
  run: (orgId: string, runId: string) => `/orgs/${orgId}/runs/${runId}`,
  document: (orgId: string, documentId: string) => `/orgs/${orgId}/documents/${documentId}`,
  card: (orgId: string, projectId: string, taskId: string) =>
    `/orgs/${orgId}/projects/${projectId}/board?card=${taskId}`,
};
