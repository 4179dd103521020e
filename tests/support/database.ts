import { appLoginUrl, createDb, ensureAppLogin, migrateToLatest, newId } from '@specboard/db';
import postgres from 'postgres';

export interface RunDatabase {
  /** The apps' login (member of specboard_app): the services refuse the owner. */
  url: string;
  /** The owner, for fixtures that look past row-level security. */
  ownerUrl: string;
  drop(): Promise<void>;
}

/** A fresh database for one end-to-end run, migrated to the latest schema. */
export async function createRunDatabase(adminUrl: string): Promise<RunDatabase> {
  const name = `specboard_e2e_${newId().toLowerCase()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const parsed = new URL(adminUrl);
  parsed.pathname = `/${name}`;
  const ownerUrl = parsed.toString();
  const db = createDb(ownerUrl, { max: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  await ensureAppLogin(ownerUrl);
  return {
    url: appLoginUrl(ownerUrl),
    ownerUrl,
    drop: async () => {
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
