import { type ReactNode, useEffect } from 'react';
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  type UIMatch,
  useMatches,
} from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/root.ts';
import { clearLocalCopies } from './editor/local-copies.ts';
import { bodyLimit, securityHeaders } from './security/middleware.server.ts';
import stylesheet from './styles/app.css?url';

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

// zod probes for `new Function` on first use, which the CSP (no 'unsafe-eval') reports as a
// violation even though zod catches it; jitless skips the probe, here and in the browser.
z.config({ jitless: true });

// Headers first, so an error page rendered for a refused body carries them too.
export const middleware: Route.MiddlewareFunction[] = [securityHeaders, bodyLimit];

export const meta: Route.MetaFunction = () => [{ title: 'Specboard' }];

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {/* Stylesheets need no nonce (style-src 'self'). Without this, Links takes the page's
            nonce, which browsers hide from the DOM, and hydration reports a mismatch. */}
        <Links nonce="" />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/** The signed-in person, from the first route whose data carries them (the org layout, /orgs). */
function signedInUserId(matches: readonly UIMatch[]): string | undefined {
  for (const { loaderData } of matches) {
    if (typeof loaderData !== 'object' || loaderData === null || !('user' in loaderData)) continue;
    const { user } = loaderData;
    if (typeof user === 'object' && user !== null && 'id' in user && typeof user.id === 'string') {
      return user.id;
    }
  }
  return undefined;
}

/**
 * Signing out deletes the person's offline copies first: every sign-out form posts to
 * /sign-out, so its submission is held (capture phase, before React Router sees it), the copies
 * are deleted, and the same form is submitted again.
 */
function useClearLocalCopiesOnSignOut(userId: string | undefined) {
  useEffect(() => {
    if (!userId) return;
    const released = new WeakSet<HTMLFormElement>();
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      if (new URL(form.action, window.location.href).pathname !== '/sign-out') return;
      if (released.delete(form)) return;
      event.preventDefault();
      event.stopPropagation();
      const submitter = event.submitter;
      // Signing out must not depend on the browser's storage: a failure still signs out.
      void clearLocalCopies(userId)
        .catch(() => undefined)
        .finally(() => {
          released.add(form);
          form.requestSubmit(submitter);
        });
    };
    document.addEventListener('submit', onSubmit, true);
    return () => document.removeEventListener('submit', onSubmit, true);
  }, [userId]);
}

export default function App() {
  useClearLocalCopiesOnSignOut(signedInUserId(useMatches()));
  return <Outlet />;
}

const titles: Record<number, string> = {
  400: 'That request was not valid',
  403: 'You do not have access',
  404: 'Nothing here',
  413: 'That was too much at once',
  429: 'Slow down',
};

/** The one error boundary: expected failures arrive as responses with a status and a message. */
export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  let title = 'Something went wrong';
  let detail = 'An unexpected error happened. Try again; if it keeps happening, tell us.';
  if (isRouteErrorResponse(error)) {
    title = titles[error.status] ?? title;
    detail = typeof error.data === 'string' && error.data ? error.data : error.statusText;
  } else if (import.meta.env.DEV && error instanceof Error) {
    detail = error.message;
  }
  return (
    <main className="error-page">
      <h1>{title}</h1>
      <p>{detail}</p>
      <Link className="button" to="/">
        Back to Specboard
      </Link>
    </main>
  );
}
