import { describe, expect, it } from 'vitest';
import { jsonToMarkdown, markdownToJson } from './markdown.ts';

const samples: Record<string, string> = {
  headings: '# Title\n\n## Goals\n\n### Details',
  marks: 'Some **bold**, *italic*, ~~gone~~ and `code`.',
  link: 'Read [the brief](https://example.com/brief) first.',
  bulletList: '- one\n- two\n  - nested',
  orderedList: '1. first\n2. second',
  taskList: '- [ ] open task\n- [x] done task',
  codeBlock: '```ts\nconst answer = 42;\n\nexport { answer };\n```',
  blockquote: '> quoted',
};

function normalise(markdown: string): string {
  return markdown.trim();
}

describe('markdown ⇄ ProseMirror JSON', () => {
  for (const [name, markdown] of Object.entries(samples)) {
    it(`round-trips ${name}`, () => {
      expect(normalise(jsonToMarkdown(markdownToJson(markdown)))).toBe(markdown);
    });
  }

  it('parses task items with their checked state', () => {
    const json = markdownToJson(samples.taskList ?? '');
    expect(json.content?.[0]).toMatchObject({
      type: 'taskList',
      content: [
        { type: 'taskItem', attrs: { checked: false } },
        { type: 'taskItem', attrs: { checked: true } },
      ],
    });
  });

  it('round-trips a table with a header row', () => {
    const json = markdownToJson('| Risk | Owner |\n| --- | --- |\n| Scope | Ana |');
    expect(json.content?.[0]).toMatchObject({
      type: 'table',
      content: [
        { type: 'tableRow', content: [{ type: 'tableHeader' }, { type: 'tableHeader' }] },
        { type: 'tableRow', content: [{ type: 'tableCell' }, { type: 'tableCell' }] },
      ],
    });
    expect(markdownToJson(jsonToMarkdown(json))).toEqual(json);
  });

  it('keeps the link target and code-block language', () => {
    const json = markdownToJson(`${samples.link}\n\n${samples.codeBlock}`);
    expect(JSON.stringify(json)).toContain('https://example.com/brief');
    expect(json.content?.[1]).toMatchObject({ type: 'codeBlock', attrs: { language: 'ts' } });
  });
});
