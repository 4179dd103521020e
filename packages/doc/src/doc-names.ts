import { z } from 'zod';

/** The kinds of shared Yjs document (ARCHITECTURE.md §3). */
export const docKinds = ['doc', 'board'] as const;
export type DocKind = (typeof docKinds)[number];

export interface ParsedDocName {
  kind: DocKind;
  /** ULID of the document (`doc:`) or of the project (`board:`). */
  id: string;
}

const ulidPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const docNamePattern = /^(doc|board):([0-9A-HJKMNP-TV-Z]{26})$/;

export const docNameSchema = z
  .string()
  .regex(docNamePattern, 'expected doc:<ulid> or board:<ulid>')
  .brand<'DocName'>();
export type DocName = z.infer<typeof docNameSchema>;

/** `doc:<documentId>` or `board:<projectId>`. Throws on an id that is not a ULID. */
export function formatDocName(kind: DocKind, id: string): DocName {
  if (!ulidPattern.test(id)) throw new Error(`not a ULID: ${JSON.stringify(id)}`);
  return docNameSchema.parse(`${kind}:${id}`);
}

/** Parses a doc name; null when it is not one of ours. */
export function parseDocName(name: string): ParsedDocName | null {
  const match = docNamePattern.exec(name);
  if (!match) return null;
  const [, kind, id] = match;
  if ((kind !== 'doc' && kind !== 'board') || id === undefined) return null;
  return { kind, id };
}

export function isDocName(name: string): name is DocName {
  return docNamePattern.test(name);
}

export const syncRoles = ['owner', 'editor', 'commenter', 'viewer'] as const;
export type SyncRole = (typeof syncRoles)[number];

/**
 * Whether a role may send document updates. Write permission is all-or-nothing at the Yjs level
 * (the server cannot tell a comment from a text edit inside one update without decoding every
 * struct against the document), so commenters are read-only for updates of every kind of doc,
 * exactly like viewers. Comments reach a document through the web app, which writes them as a
 * server-side update after checking the commenter's right to comment.
 */
export function roleCanWrite(role: SyncRole): boolean {
  return role === 'owner' || role === 'editor';
}
