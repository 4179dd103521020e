import { listMemberships } from '@specboard/db/organizations';
import { redirect } from 'react-router';
import { getSessionUser } from '../auth/session.server.ts';
import { db } from '../db.server.ts';
import type { Route } from './+types/home.ts';

export async function loader({ request }: Route.LoaderArgs) {
  const user = await getSessionUser(request);
  if (!user) throw redirect('/sign-in');
  const [first] = await listMemberships(db(), user.id);
  throw redirect(first ? `/orgs/${first.orgId}` : '/orgs');
}
