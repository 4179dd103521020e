import { redirect } from 'react-router';
import { auth } from '../auth/auth.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import type { Route } from './+types/sign-out.ts';

export async function loader() {
  return redirect('/');
}

export async function action({ request }: Route.ActionArgs) {
  assertSameOrigin(request);
  const { headers } = await auth().api.signOut({ headers: request.headers, returnHeaders: true });
  return redirect('/sign-in', { headers });
}
