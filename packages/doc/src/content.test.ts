import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  docFromMarkdown,
  docToJson,
  docToMarkdown,
  fillDocFromMarkdown,
  isDocEmpty,
  replaceDocContent,
  richText,
} from './content.ts';
import { markdownToJson } from './markdown.ts';

const prd = [
  '# Checkout PRD',
  '## Goals',
  'Ship **one-page** checkout. See [the brief](https://example.com/brief).',
  '- fast\n- safe\n  - PCI',
  '1. design\n2. build',
  '- [ ] write tests\n- [x] agree scope',
  '| Risk | Owner |\n| --- | --- |\n| Scope | Ana |',
  '```sql\nselect 1;\n```',
].join('\n\n');

function synced(source: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  return copy;
}

describe('Y.Doc ⇄ JSON ⇄ Markdown', () => {
  it('stores markdown in the default fragment and reads the same JSON back', () => {
    const doc = docFromMarkdown(prd);
    expect(richText(doc).length).toBeGreaterThan(0);
    expect(docToJson(doc)).toEqual(markdownToJson(prd));
    expect(docToJson(synced(doc))).toEqual(markdownToJson(prd));
  });

  it('round-trips markdown through a Y.Doc', () => {
    const once = docToMarkdown(docFromMarkdown(prd));
    expect(docToMarkdown(docFromMarkdown(once))).toBe(once);
    for (const piece of [
      '# Checkout PRD',
      '- [x] agree scope',
      '```sql',
      '[the brief](https://example.com/brief)',
    ]) {
      expect(once).toContain(piece);
    }
    expect(once).toMatch(/\| Risk\s*\| Owner\s*\|/);
  });

  it('replaces content in one transaction with the given origin, keeping unchanged blocks', () => {
    const doc = docFromMarkdown('# Title\n\nOld paragraph');
    const title = richText(doc).get(0);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr) => origins.push(tr.origin));
    replaceDocContent(doc, '# Title\n\nNew paragraph\n\n- item', 'test');
    expect(origins).toEqual(['test']);
    expect(richText(doc).get(0)).toBe(title);
    expect(docToMarkdown(doc).trim()).toBe('# Title\n\nNew paragraph\n\n- item');
  });

  it('fills only an empty document', () => {
    const doc = new Y.Doc();
    expect(isDocEmpty(doc)).toBe(true);
    expect(fillDocFromMarkdown(doc, '# First')).toBe(true);
    expect(fillDocFromMarkdown(doc, '# Second')).toBe(false);
    expect(docToMarkdown(doc).trim()).toBe('# First');
  });

  it('reaches peers as ordinary Yjs updates', () => {
    const writer = new Y.Doc();
    const reader = new Y.Doc();
    writer.on('update', (update: Uint8Array) => Y.applyUpdate(reader, update));
    replaceDocContent(writer, '## Shared\n\n- [ ] task');
    expect(docToJson(reader)).toEqual(docToJson(writer));
  });
});
