import { data } from 'react-router';
import type { FieldErrors } from '../lib/field-errors.ts';
import { RateLimiter } from '../security/rate-limit.server.ts';

/**
 * Saving or restoring writes a whole immutable row (up to the document's size), so both are
 * budgeted: per person (across documents) and per document (across people).
 */
export const VERSIONS_PER_PERSON_PER_MINUTE = 10;
export const VERSIONS_PER_DOCUMENT_PER_MINUTE = 5;

const perPerson = new RateLimiter(VERSIONS_PER_PERSON_PER_MINUTE, 60_000);
const perDocument = new RateLimiter(VERSIONS_PER_DOCUMENT_PER_MINUTE, 60_000);

/**
 * Counts one new version against both budgets; when either is spent, returns the 429 (with the
 * message the history page shows) for the action to return instead of writing anything.
 */
export function spendVersionBudget(userId: string, documentId: string) {
  const person = perPerson.hit(userId);
  const verdict = person.allowed ? perDocument.hit(documentId) : person;
  if (verdict.allowed) return null;
  const fieldErrors: FieldErrors = {
    form: [
      `Too many versions in a short time. Try again in ${verdict.retryAfter} s (at most ` +
        `${VERSIONS_PER_DOCUMENT_PER_MINUTE} a minute per document, ` +
        `${VERSIONS_PER_PERSON_PER_MINUTE} per person).`,
    ],
  };
  return data(
    { ok: false as const, fieldErrors },
    { status: 429, headers: { 'Retry-After': String(verdict.retryAfter) } },
  );
}
