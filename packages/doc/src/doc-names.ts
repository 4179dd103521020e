import { z } from 'zod';

/** The kinds of shared Yjs document (ARCHITECTURE.md §3). */
export const docKinds = ['doc', 'board', 'comments'] as const;
export type DocKind = (typeof docKinds)[number];

export interface ParsedDocName {
  kind: DocKind;
  /** ULID of the document (`doc:`, `comments:`) or of the project (`board:`). */
  id: string;
}

const ulidPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const docNamePattern = /^(doc|board|comments):([0-9A-HJKMNP-TV-Z]{26})$/;

export const docNameSchema = z
  .string()
  .regex(docNamePattern, 'expected doc:<ulid>, board:<ulid> or comments:<ulid>')
  .brand<'DocName'>();
export type DocName = z.infer<typeof docNameSchema>;

/** `doc:<documentId>`, `board:<projectId>` or `comments:<documentId>`. Throws on an id that is not a ULID. */
export function formatDocName(kind: DocKind, id: string): DocName {
  if (!ulidPattern.test(id)) throw new Error(`not a ULID: ${JSON.stringify(id)}`);
  return docNameSchema.parse(`${kind}:${id}`);
}

/** Parses a doc name; null when it is not one of ours. */
export function parseDocName(name: string): ParsedDocName | null {
  const match = docNamePattern.exec(name);
  if (!match) return null;
  const [, kind, id] = match;
  const known = docKinds.find((candidate) => candidate === kind);
  if (known === undefined || id === undefined) return null;
  return { kind: known, id };
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

/**
 * Whether a connection may send updates to `docName`. A `comments:` document is written only by
 * the web app's authorised actions (so nobody can alter another person's comment by writing to
 * the shared document): every client of it is read-only, whatever its role.
 */
export function connectionCanWrite(docName: string, role: SyncRole): boolean {
  return roleCanWrite(role) && parseDocName(docName)?.kind !== 'comments';
}

/**
 * The document whose access governs `docName`: a document's threads (`comments:<id>`) follow
 * its text (`doc:<id>`), so revoking the document closes both; other names govern themselves.
 */
export function accessDocNameOf(docName: string): string {
  const parsed = parseDocName(docName);
  return parsed?.kind === 'comments' ? `doc:${parsed.id}` : docName;
}
