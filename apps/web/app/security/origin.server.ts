import { data } from 'react-router';
import { env } from '../env.server.ts';

/**
 * CSRF defence on top of SameSite=Lax cookies: a mutation must come from a page of this app.
 * Browsers always send Origin on POST; a missing or foreign one is refused.
 */
export function assertSameOrigin(request: Request): void {
  if (request.method === 'GET' || request.method === 'HEAD') return;
  const origin = request.headers.get('origin');
  const allowed = new Set([new URL(env().BASE_URL).origin, new URL(request.url).origin]);
  if (!origin || !allowed.has(origin)) {
    throw data('This request did not come from Specboard.', { status: 403 });
  }
}
