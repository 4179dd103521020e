import { timingSafeEqual } from 'node:crypto';
import type { Bus } from '@specboard/bus';
import { CloseCode } from '@specboard/doc/close-codes';
import { docNameSchema } from '@specboard/doc/doc-names';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { encodeControl } from './control-messages.ts';
import type { DocRegistry } from './doc-registry.ts';

const revokeBody = z.object({ docName: docNameSchema, userId: z.string().min(1) });

/**
 * `POST /internal/revoke {docName, userId}` with `Authorization: Bearer <SYNC_INTERNAL_SECRET>`:
 * the web app calls it when someone's access changes. Closes their connections to the document
 * here (4409) and, through the bus, on every other instance.
 */
export function registerInternalRoutes(
  app: FastifyInstance,
  deps: { registry: DocRegistry; bus: Bus; internalSecret: string },
): void {
  const expected = Buffer.from(`Bearer ${deps.internalSecret}`);
  app.post('/internal/revoke', async (request, reply) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply.code(401).send({ error: 'unauthorized' });
    }
    const parsed = revokeBody.safeParse(request.body);
    if (!parsed.success) {
      return reply
        .code(400)
        .send({ error: 'invalid body', fieldErrors: z.flattenError(parsed.error).fieldErrors });
    }
    const { docName, userId } = parsed.data;
    let closed = 0;
    for (const connection of deps.registry.get(docName)?.connections ?? []) {
      if (connection.claims.sub !== userId) continue;
      connection.close(CloseCode.revoked, 'access revoked');
      closed++;
    }
    await deps.bus.publish({
      docName,
      kind: 'control',
      payload: encodeControl({ type: 'revoke', userId }),
    });
    return { closed };
  });
}
