import * as Y from 'yjs';

/**
 * Any client with write access can put any value in a shared map or array (a number where a
 * card belongs, a string among the columns). Readers skip such an entry instead of failing the
 * board for everyone, and say which one they skipped so a server can log it.
 */
export interface SkippedEntry {
  /** The map key, or the array index as a string. */
  key: string;
  reason: string;
}

// Subclasses first: Y.XmlText is a Y.Text, Y.XmlElement a Y.XmlFragment. Names are spelled out
// because bundlers rename classes.
const yTypes = [
  ['Y.Map', Y.Map],
  ['Y.Array', Y.Array],
  ['Y.XmlText', Y.XmlText],
  ['Y.Text', Y.Text],
  ['Y.XmlElement', Y.XmlElement],
  ['Y.XmlFragment', Y.XmlFragment],
] as const;

/** What a value is, for a reason: `number`, `Y.Array`, `null`… */
export function describeValue(value: unknown): string {
  if (value instanceof Y.AbstractType) {
    return yTypes.find(([, type]) => value instanceof type)?.[0] ?? 'Y type';
  }
  if (value instanceof Y.Doc) return 'Y.Doc';
  if (value instanceof Uint8Array) return 'binary';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The entry as a Y.Map, or null when it is anything else. */
export function asYMap(value: unknown): Y.Map<unknown> | null {
  return value instanceof Y.Map ? value : null;
}

export const notAMap = (key: string, value: unknown): SkippedEntry => ({
  key,
  reason: `expected a Y.Map, found ${describeValue(value)}`,
});
