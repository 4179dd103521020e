import { connectedRole } from '@specboard/db';
import { describe, expect, it } from 'vitest';
import { db } from './db.server.ts';
import { setUpTestApp } from './testing/org-fixture.ts';

setUpTestApp();

describe('the web app’s database login', () => {
  it('is the app role: not the owner, subject to row-level security', async () => {
    expect(await connectedRole(db())).toEqual({
      user: 'specboard_app_login',
      bypassesRls: false,
      ownsTables: false,
    });
  });
});
