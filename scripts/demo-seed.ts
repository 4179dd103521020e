// The demo organisation, project and accounts, written through the web app's own modules with
// the environment the web app will run with (`pnpm dev`, `pnpm cluster`).

/** Seeds the demo data (idempotent) and returns the demo accounts' sign-in lines. */
export async function seedDemoData(webEnv: NodeJS.ProcessEnv): Promise<string> {
  Object.assign(process.env, webEnv, { LOG_LEVEL: 'warn' });
  const { seedDemo, demoAccounts } = await import('../apps/web/app/seed/demo.server.ts');
  const { db: webDb } = await import('../apps/web/app/db.server.ts');
  try {
    await seedDemo();
  } finally {
    await webDb().destroy();
  }
  return demoAccounts.map((a) => `    ${a.role.padEnd(9)} ${a.email} / ${a.password}`).join('\n');
}
