import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadYDoc, mergeDocState } from './doc-state.ts';

function typed(text: string): { doc: Y.Doc; updates: { update: Uint8Array }[] } {
  const doc = new Y.Doc();
  const updates: { update: Uint8Array }[] = [];
  doc.on('update', (update: Uint8Array) => updates.push({ update }));
  for (const [i, ch] of [...text].entries()) doc.getText('t').insert(i, ch);
  return { doc, updates };
}

describe('mergeDocState', () => {
  it('folds a snapshot and later updates into a state that loads to the same text', () => {
    const { doc, updates } = typed('Checkout v2');
    const snapshot = mergeDocState(null, updates.slice(0, 5));
    const merged = mergeDocState(snapshot, updates.slice(5));
    expect(loadYDoc(merged, []).getText('t').toString()).toBe('Checkout v2');
    expect(loadYDoc(snapshot, updates.slice(5)).getText('t').toString()).toBe(
      doc.getText('t').toString(),
    );
  });

  it('is idempotent: re-applying rows already in the snapshot changes nothing', () => {
    const { updates } = typed('idempotent');
    const once = mergeDocState(null, updates);
    const twice = mergeDocState(once, updates);
    expect(loadYDoc(twice, []).getText('t').toString()).toBe('idempotent');
  });
});
