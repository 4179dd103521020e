import { docFromVersionState, replaceRichText } from '@specboard/doc/version-state';
import type * as Y from 'yjs';

/**
 * Restores a version into the live document as one new change: the rich text is replaced by
 * copies of the version's nodes. Because it is an ordinary Yjs transaction on the shared doc,
 * everyone sees it live and the history keeps what came before.
 */
export function restoreInto(live: Y.Doc, state: Uint8Array): void {
  const old = docFromVersionState(state);
  try {
    replaceRichText(live, old);
  } finally {
    old.destroy();
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
