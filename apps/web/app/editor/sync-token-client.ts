import { z } from 'zod';

export const syncTokenResponseSchema = z.object({
  token: z.string().min(1),
  /** Unix seconds. */
  expiresAt: z.number().int(),
});

export type SyncTokenResponse = z.infer<typeof syncTokenResponseSchema>;

/** Asks the web app for a fresh token; it re-checks membership and role every time. */
export async function fetchSyncToken(
  orgId: string,
  documentId: string,
): Promise<SyncTokenResponse> {
  const response = await fetch(`/orgs/${orgId}/documents/${documentId}/sync-token`, {
    method: 'POST',
    credentials: 'same-origin',
  });
  if (!response.ok) throw new Error(`sync token refused with HTTP ${response.status}`);
  return syncTokenResponseSchema.parse(await response.json());
}
