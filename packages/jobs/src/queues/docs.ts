import { z } from 'zod';

/**
 * Compaction of every document whose update log has grown past the thresholds, or of the
 * named documents.
 */
export const compactDocsQueue = {
  name: 'compact-docs',
  payload: z.object({
    /** Each document with the organisation that owns it (compaction runs in its scope). */
    docs: z.array(z.object({ orgId: z.string().min(1), docName: z.string().min(1) })).optional(),
    minRows: z.number().int().min(1).default(500),
    minBytes: z.number().int().min(1).default(1_000_000),
  }),
  retry: { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 600 },
} as const;
