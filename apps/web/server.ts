/**
 * The production HTTP server of the web app (`pnpm --filter @specboard/web start`): what
 * `react-router-serve` does, plus two things it cannot be told to do.
 *
 * - The access log never carries a query string's values. Mailed links hold their secret in the
 *   query (`/reset-password?token=…`, `/invitations/<id>?token=…`, better-auth's
 *   `/api/auth/verify-email?token=…`), and a log is read by more people than a password.
 * - Static files carry the same protective headers as pages (no sniffing, no framing, no
 *   referrer to other origins, HSTS in production); the app's own middleware never sees them.
 *
 * PORT and HOST choose where it listens (3000 and every interface by default). SIGTERM/SIGINT
 * stop accepting connections and let requests in flight finish.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequestHandler } from '@react-router/express';
import compression from 'compression';
import express from 'express';
import morgan from 'morgan';
import type { ServerBuild } from 'react-router';
import { redactUrl } from './app/security/access-log.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const build = (await import(path.join(here, 'build/server/index.js'))) as ServerBuild;
const clientDir = path.join(here, 'build/client');
const production = process.env.NODE_ENV === 'production';

function staticHeaders(res: express.Response): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if (production) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}

morgan.token('path-only', (req: express.Request) => redactUrl(req.originalUrl));

const app = express();
app.disable('x-powered-by');
app.use(compression());
app.use(
  '/assets',
  express.static(path.join(clientDir, 'assets'), {
    immutable: true,
    maxAge: '1y',
    setHeaders: staticHeaders,
  }),
);
app.use(express.static(clientDir, { maxAge: '1h', setHeaders: staticHeaders }));
app.use(morgan(':method :path-only :status :res[content-length] - :response-time ms'));
app.all('/{*splat}', createRequestHandler({ build, mode: process.env.NODE_ENV }));

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST;
const server = host ? app.listen(port, host, listening) : app.listen(port, listening);

function listening(error?: Error): void {
  if (error) throw error;
  process.stdout.write(`web: listening on http://${host ?? 'localhost'}:${port}\n`);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close((error) => {
      if (error) process.stderr.write(`web: closing the listener failed: ${error.message}\n`);
    });
  });
}
