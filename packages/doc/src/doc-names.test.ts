import { describe, expect, it } from 'vitest';
import { CloseCode, explainCloseCode, isPermanentCloseCode } from './close-codes.ts';
import {
  accessDocNameOf,
  connectionCanWrite,
  formatDocName,
  isDocName,
  parseDocName,
  roleCanWrite,
} from './doc-names.ts';

const ulid = '01J9ZQ4X7V8K2M3N4P5Q6R7S8T';

describe('doc names', () => {
  it('formats and parses both kinds', () => {
    expect(formatDocName('doc', ulid)).toBe(`doc:${ulid}`);
    expect(parseDocName(`board:${ulid}`)).toEqual({ kind: 'board', id: ulid });
    expect(formatDocName('comments', ulid)).toBe(`comments:${ulid}`);
    expect(parseDocName(`comments:${ulid}`)).toEqual({ kind: 'comments', id: ulid });
  });

  it('rejects unknown kinds and ids that are not ULIDs', () => {
    expect(parseDocName(`page:${ulid}`)).toBeNull();
    expect(parseDocName('doc:123')).toBeNull();
    expect(isDocName(`doc:${ulid.toLowerCase()}`)).toBe(false);
    expect(() => formatDocName('doc', 'nope')).toThrow(/ULID/);
  });

  it('lets only owners and editors write', () => {
    expect(['owner', 'editor', 'commenter', 'viewer'].map((r) => roleCanWrite(r as never))).toEqual(
      [true, true, false, false],
    );
  });

  it('makes comments documents read-only for every role', () => {
    expect(connectionCanWrite(`doc:${ulid}`, 'owner')).toBe(true);
    for (const role of ['owner', 'editor', 'commenter', 'viewer'] as const) {
      expect(connectionCanWrite(`comments:${ulid}`, role)).toBe(false);
    }
  });

  it('governs a comments document by the access to its document', () => {
    expect(accessDocNameOf(`comments:${ulid}`)).toBe(`doc:${ulid}`);
    expect(accessDocNameOf(`board:${ulid}`)).toBe(`board:${ulid}`);
  });
});

describe('close codes', () => {
  it('explains every code and marks auth failures permanent for the official client', () => {
    for (const code of Object.values(CloseCode)) expect(explainCloseCode(code)).not.toMatch(/lost/);
    expect(isPermanentCloseCode(CloseCode.unauthenticated)).toBe(true);
    expect(isPermanentCloseCode(CloseCode.rateLimited)).toBe(false);
    expect(isPermanentCloseCode(CloseCode.serviceRestart)).toBe(false);
  });
});
