import { index, type RouteConfig, route } from '@react-router/dev/routes';

export default [
  index('routes/home.tsx'),
  route('sign-in', 'routes/sign-in.tsx'),
  route('sign-up', 'routes/sign-up.tsx'),
  route('sign-out', 'routes/sign-out.ts'),
  route('api/auth/*', 'routes/api-auth.ts'),
  route('invitations/:invitationId', 'routes/invitation.tsx'),
  route('orgs', 'routes/orgs.tsx'),
  route('orgs/:orgId', 'routes/org-layout.tsx', [
    index('routes/org-projects.tsx'),
    route('members', 'routes/org-members.tsx'),
    route('search', 'routes/org-search.tsx'),
    route('templates', 'routes/org-templates.tsx'),
    route('projects/:projectId', 'routes/project.tsx'),
    route('documents/:documentId', 'routes/document.tsx'),
  ]),
  route('orgs/:orgId/documents/:documentId/sync-token', 'routes/sync-token.ts'),
] satisfies RouteConfig;
