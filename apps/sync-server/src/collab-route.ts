import type { SyncTokenClaims } from '@specboard/doc/sync-token';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AcceptDeps, acceptConnection } from './accept-connection.ts';
import { type AddressLimits, clientAddress } from './address-limits.ts';
import { authenticate } from './authenticate.ts';

const params = {
  type: 'object',
  required: ['docName'],
  properties: { docName: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;
const querystring = {
  type: 'object',
  properties: { token: { type: 'string', maxLength: 8_192 } },
} as const;

interface CollabRequest {
  Params: { docName: string };
  Querystring: { token?: string };
}

/**
 * `GET /collab/:docName?token=JWT` (ARCHITECTURE.md §4). Everything that can refuse a client
 * runs during the HTTP upgrade, before ws accepts the socket, so a refused client never gets an
 * open websocket and nothing it sends is read: per-address limits (429), shutdown (503), then the
 * token (401/403). The official client sees a refused upgrade as a connection error and retries
 * with back-off; the web app refreshes its token on repeated failures (sync-token-client.ts).
 */
export function registerCollabRoute(
  app: FastifyInstance,
  deps: AcceptDeps & { addressLimits: AddressLimits },
): void {
  const claimsOf = new WeakMap<FastifyRequest, SyncTokenClaims>();

  const refuse = (reply: FastifyReply, status: number, reason: string) => {
    deps.metrics.upgradesRefused.inc({ status: String(status) });
    return reply.code(status).header('connection', 'close').send({ error: reason });
  };

  app.get<CollabRequest>(
    '/collab/:docName',
    {
      websocket: true,
      schema: { params, querystring },
      onRequest: async (request, reply) => {
        // A plain GET is answered 404 by the websocket plugin; only upgrades count.
        if (!request.ws) return;
        if (!deps.accepting()) return refuse(reply, 503, 'server is restarting');
        const admission = deps.addressLimits.admit(clientAddress(request.socket.remoteAddress));
        if (!admission.ok) return refuse(reply.header('retry-after', '1'), 429, admission.reason);
        request.socket.once('close', admission.release);
      },
      preValidation: async (request, reply) => {
        const auth = await authenticate(
          request.params.docName,
          request.query.token,
          deps.tokenSecret,
          deps.revocations,
        );
        if (!auth.ok) {
          deps.logger.info(
            { docName: request.params.docName, reason: auth.reason },
            'upgrade refused',
          );
          return refuse(reply, auth.status, auth.reason);
        }
        claimsOf.set(request, auth.claims);
      },
    },
    (socket, request) => {
      const claims = claimsOf.get(request);
      // preValidation always sets the claims before the upgrade; without them, nothing is served.
      if (!claims) return socket.terminate();
      acceptConnection(deps, socket, request.params.docName, claims);
    },
  );
}
