import { redirect } from 'react-router';
import { auth } from './auth.server.ts';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
}

export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const session = await auth().api.getSession({ headers: request.headers });
  if (!session) return null;
  const { id, name, email, emailVerified } = session.user;
  return { id, name, email, emailVerified };
}

/** The signed-in user; anyone else is sent to sign in and brought back afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  throw redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`);
}

const here = 'http://specboard.invalid';

/**
 * Only local paths, so a crafted link cannot bounce a fresh session to another site. Judged as a
 * browser reads a Location: `/\evil.example` and `/<tab>/evil.example` mean `//evil.example`
 * there, so the target is parsed against a placeholder origin, and what is returned is the
 * parsed path (never one that starts with `//`).
 */
export function safeRedirect(target: FormDataEntryValue | string | null, fallback = '/'): string {
  if (typeof target !== 'string' || !target.startsWith('/')) return fallback;
  const url = URL.parse(target, here);
  if (!url || url.origin !== here) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? fallback : path;
}
