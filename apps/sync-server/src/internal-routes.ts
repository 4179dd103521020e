import { timingSafeEqual } from 'node:crypto';
import type { Db } from '@specboard/db';
import { recordRevocation, revocationScopes } from '@specboard/db/revocations';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Metrics } from './metrics.ts';
import type { Revocations } from './revocations.ts';

const revokeBody = z.object({
  /** Null: everyone (a deleted document, an archived project). */
  userId: z.string().min(1).nullable(),
  scope: z.enum(revocationScopes),
  /** A doc name for `document`, a project id for `project`, an organisation id otherwise. */
  scopeId: z.string().min(1),
});

/**
 * The operations surface, registered on the internal listener only (INTERNAL_PORT, loopback by
 * default) and guarded by `Authorization: Bearer <SYNC_INTERNAL_SECRET>`:
 *
 * - `GET /metrics`: Prometheus metrics, read from memory (sampled gauges, see metrics.ts).
 * - `POST /internal/revoke {userId, scope, scopeId}`: records a revocation in Postgres, which
 *   reaches every instance through its NOTIFY; closes matching connections here at once.
 *   The web app writes revocations itself; this route is for operators and other services.
 */
export function registerInternalRoutes(
  app: FastifyInstance,
  deps: { db: Db; revocations: Revocations; metrics: Metrics; internalSecret: string },
): void {
  const expected = Buffer.from(`Bearer ${deps.internalSecret}`);
  app.addHook('onRequest', async (request, reply) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply.code(401).send({ error: 'unauthorized' });
    }
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
  app.post('/internal/revoke', async (request, reply) => {
    const parsed = revokeBody.safeParse(request.body);
    if (!parsed.success) {
      return reply
        .code(400)
        .send({ error: 'invalid body', fieldErrors: z.flattenError(parsed.error).fieldErrors });
    }
    const revocation = await recordRevocation(deps.db, parsed.data);
    return {
      revokedAtMs: revocation.revokedAtMs,
      closed: await deps.revocations.apply(revocation),
    };
  });
}
