import { newId } from '@specboard/db';
import { recordActivity } from '@specboard/db/activity';
import { listMemberships } from '@specboard/db/organizations';
import { redirect } from 'react-router';
import { z } from 'zod';
import { auth } from '../auth/auth.server.ts';
import { requireUser } from '../auth/session.server.ts';
import { db } from '../db.server.ts';
import { invalid, parseForm, readForm } from '../lib/validation.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';

export const createOrgSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, 'Use at least 2 characters')
    .max(60, 'Keep it under 60 characters'),
});

function slugFor(name: string): string {
  const base = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  // A short random tail keeps slugs unique without a round trip to check.
  return `${base || 'team'}-${newId().slice(-6).toLowerCase()}`;
}

export async function orgsLoader(request: Request) {
  const user = await requireUser(request);
  return { user, memberships: await listMemberships(db(), user.id) };
}

export async function createOrgAction(request: Request) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  const parsed = parseForm(await readForm(request), createOrgSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const org = await auth().api.createOrganization({
    body: { name: parsed.value.name, slug: slugFor(parsed.value.name) },
    headers: request.headers,
  });
  if (!org) throw new Error('the auth library returned no organisation');
  await recordActivity(db(), {
    orgId: org.id,
    actorId: user.id,
    resourceType: 'organization',
    resourceId: org.id,
    action: 'created',
    changes: { name: org.name },
  });
  return redirect(`/orgs/${org.id}`);
}
