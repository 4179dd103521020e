import { explainCloseCode } from '@specboard/doc/close-codes';
import type { Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

export function sharedExtensions(): Extensions {
  return [StarterKit.configure({ undoRedo: false })];
}

export function explainClose(code: number, reason: string): string {
  return explainCloseCode(code) || reason;
}
