import type { Db } from '@specboard/db';
import {
  getDelivery,
  getIntegrationWithSecret,
  recordDeliveryAttempt,
} from '@specboard/db/integrations';
import { ForbiddenAddressError } from './address-guard.ts';
import { chatBody, isChatKind } from './chat/format.ts';
import { openCredentials } from './credentials.ts';
import { guardedPost } from './guarded-post.ts';
import type { SecretBox } from './secret-box.ts';
import { signedHeaders } from './signing.ts';

export interface DeliveryRuntime {
  db: Db;
  /** Undefined when INTEGRATIONS_KEY is not set: nothing can be delivered. */
  box: SecretBox | undefined;
  /** Development setting INTEGRATIONS_ALLOW_PRIVATE_URLS: local fake servers are reachable. */
  allowPrivate: boolean;
  /** Public origin of the web app: an event's `data.path` is sent as `data.url` under it. */
  appBaseUrl: string;
}

/** The stored payload with its link back (`data.path`) made absolute as `data.url`. */
function withUrl(payload: Record<string, unknown>, appBaseUrl: string): Record<string, unknown> {
  const data = payload.data;
  if (typeof data !== 'object' || data === null || !('path' in data)) return payload;
  const path = typeof data.path === 'string' ? data.path : '';
  return { ...payload, data: { ...data, url: new URL(path, appBaseUrl).toString() } };
}

/** The body as sent: signed JSON for a webhook, the service's own format for a chat channel. */
function outgoingBody(kind: string, payload: Record<string, unknown>, appBaseUrl: string): string {
  const sent = withUrl(payload, appBaseUrl);
  if (!isChatKind(kind)) return JSON.stringify(sent);
  const data = sent.data as { url?: unknown } | undefined;
  return chatBody(kind, {
    kind: String(sent.type ?? ''),
    summary: String(sent.summary ?? ''),
    url: typeof data?.url === 'string' ? data.url : null,
  });
}

/** An attempt that failed in a way a later attempt may not (5xx, 429, timeouts…). */
export class DeliveryFailedError extends Error {}

export type DeliveryOutcome = 'succeeded' | 'skipped' | 'refused';

/**
 * Makes one attempt at one delivery and records it in the log. Throws `DeliveryFailedError`
 * when the attempt should be retried (the queue retries with back-off); a destination that is
 * refused by the address guard is recorded and not retried.
 */
export async function deliver(
  runtime: DeliveryRuntime,
  orgId: string,
  deliveryId: string,
): Promise<DeliveryOutcome> {
  const { db } = runtime;
  const delivery = await getDelivery(db, orgId, deliveryId);
  if (!delivery || delivery.status === 'succeeded') return 'skipped';
  const integration = await getIntegrationWithSecret(db, orgId, delivery.integration_id);
  if (!integration) return 'skipped';
  const skip = async (error: string) => {
    await recordDeliveryAttempt(db, orgId, deliveryId, {
      status: 'skipped',
      responseCode: null,
      responseMs: null,
      error,
    });
    return 'skipped' as const;
  };
  if (integration.status === 'paused' && delivery.event_kind !== 'integration.test') {
    return skip('the integration is paused');
  }
  if (!runtime.box) {
    throw new DeliveryFailedError(
      'INTEGRATIONS_KEY is not set on the worker: cannot open credentials',
    );
  }
  const credentials = openCredentials(runtime.box, integration.secret_sealed);
  const body = outgoingBody(integration.kind, delivery.payload, runtime.appBaseUrl);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Specboard-Webhooks/1',
    ...(credentials.signingSecret
      ? signedHeaders(credentials.signingSecret, delivery.event_id, body)
      : {}),
  };
  let result: Awaited<ReturnType<typeof guardedPost>>;
  try {
    result = await guardedPost(credentials.url, {
      headers,
      body,
      allowPrivate: runtime.allowPrivate,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordDeliveryAttempt(db, orgId, deliveryId, {
      status: 'failed',
      responseCode: null,
      responseMs: null,
      error: message,
    });
    if (error instanceof ForbiddenAddressError) return 'refused';
    throw new DeliveryFailedError(`delivery ${deliveryId} failed: ${message}`, { cause: error });
  }
  const ok = result.status >= 200 && result.status < 300;
  await recordDeliveryAttempt(db, orgId, deliveryId, {
    status: ok ? 'succeeded' : 'failed',
    responseCode: result.status,
    responseMs: result.elapsedMs,
    error: ok ? null : describeFailure(result),
  });
  if (!ok) throw new DeliveryFailedError(`delivery ${deliveryId} answered ${result.status}`);
  return 'succeeded';
}

function describeFailure(result: { status: number; bodyStart: string; retryAfter: string | null }) {
  const after = result.retryAfter ? ` (retry-after ${result.retryAfter})` : '';
  const body = result.bodyStart.trim().slice(0, 300);
  return `HTTP ${result.status}${after}${body ? `: ${body}` : ''}`;
}
