import { auth } from '../auth/auth.server.ts';
import type { Route } from './+types/api-auth.ts';

// better-auth's own HTTP endpoints (the app's forms call its API on the server instead).
export async function loader({ request }: Route.LoaderArgs) {
  return auth().handler(request);
}

export async function action({ request }: Route.ActionArgs) {
  return auth().handler(request);
}
