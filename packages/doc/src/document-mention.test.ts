import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docFromMarkdown, docToJson, docToMarkdown, replaceDocJson, richText } from './content.ts';
import { editorSchema } from './editor-extensions.ts';
import { jsonToMarkdown, markdownToJson } from './markdown.ts';
import { mentionsIn } from './mention-list.ts';

const mention = (id: string, label: string | null) => ({
  type: 'mention',
  attrs: { id, label, mentionSuggestionChar: '@' },
});

const withMentions = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Intro for ' }, mention('u-ana', 'Ana')] },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Risks' }] },
    {
      type: 'paragraph',
      content: [
        mention('u-bob', 'Bob Stone'),
        { type: 'text', text: ' and ' },
        mention('u-gone', null),
        { type: 'text', text: ' review this.' },
      ],
    },
  ],
};

describe('the mention node in the shared schema', () => {
  it('keeps the id and the label through the Yjs rich text', () => {
    const doc = new Y.Doc();
    prosemirrorJSONToYXmlFragment(editorSchema(), withMentions, richText(doc));
    const back = docToJson(doc);
    expect(back.content?.[2]?.content?.[0]).toEqual(mention('u-bob', 'Bob Stone'));
    expect(mentionsIn(back).map((m) => m.userId)).toEqual(['u-ana', 'u-bob', 'u-gone']);
    doc.destroy();
  });

  it('is plain @Name in Markdown, and a mention without a label says @someone', () => {
    expect(jsonToMarkdown(withMentions).trim()).toBe(
      'Intro for @Ana\n\n## Risks\n\n@Bob Stone and @someone review this.',
    );
  });

  it('comes back from Markdown as text: a name alone does not say who was meant', () => {
    const json = markdownToJson(docToMarkdownOf(withMentions));
    expect(mentionsIn(json)).toEqual([]);
    expect(jsonToMarkdown(json).trim()).toContain('@Bob Stone and @someone review this.');
  });

  it('comes back from the official shortcode with its id', () => {
    const json = markdownToJson('Ask [@ id="u-bob" label="Bob Stone"] first.');
    expect(json.content?.[0]?.content?.[1]).toEqual(mention('u-bob', 'Bob Stone'));
  });

  it('lists each mention with the heading above it', () => {
    expect(mentionsIn(withMentions)).toEqual([
      { userId: 'u-ana', section: null },
      { userId: 'u-bob', section: 'Risks' },
      { userId: 'u-gone', section: 'Risks' },
    ]);
  });
});

function docToMarkdownOf(json: typeof withMentions): string {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(editorSchema(), json, richText(doc));
  const markdown = docToMarkdown(doc);
  doc.destroy();
  return markdown;
}

describe('the update that inserts a mention', () => {
  it('carries the node name in clear, which the log trigger of migration 0016 looks for', () => {
    const doc = docFromMarkdown('Intro for you\n\n## Risks\n\nAsk first.');
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    replaceDocJson(doc, withMentions);
    expect(updates).toHaveLength(1);
    expect(Buffer.from(updates[0] ?? []).includes(Buffer.from('mention'))).toBe(true);
    doc.destroy();
  });
});
