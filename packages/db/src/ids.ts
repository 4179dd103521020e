import { monotonicFactory } from 'ulid';
import { z } from 'zod';

const nextUlid = monotonicFactory();

/** A new ULID: 26 Crockford base-32 characters, sortable by creation time. */
export function newId(): string {
  return nextUlid();
}

export const ulidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');

/** True when `value` has the shape of a ULID; repository functions return nothing otherwise. */
export function isUlid(value: unknown): value is string {
  return ulidSchema.safeParse(value).success;
}
