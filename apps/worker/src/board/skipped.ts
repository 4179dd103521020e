import type { SkippedEntry } from '@specboard/doc/skipped-entries';
import type { Logger } from 'pino';

/** At most this many keys per log line: a board full of junk must not flood the log. */
const keysPerLine = 20;

/**
 * Logs the entries of a shared map or array that a reader skipped (written by some client,
 * unusable as what the structure holds), with the document and the keys, and returns how many.
 */
export function logSkipped(
  logger: Logger,
  docName: string,
  structure: string,
  skipped: readonly SkippedEntry[],
): number {
  if (skipped.length > 0) {
    logger.warn(
      { docName, structure, skipped: skipped.length, entries: skipped.slice(0, keysPerLine) },
      'skipped malformed entries of a shared document',
    );
  }
  return skipped.length;
}
