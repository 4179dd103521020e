import { describe, expect, it } from 'vitest';
import { storageFormatPage } from './storage-format.ts';

const page = (markdown: string, link = 'https://specboard.example/orgs/o/documents/d/history/v') =>
  storageFormatPage({ markdown, versionNumber: 3, link });

describe('Confluence storage format', () => {
  it('renders headings, lists, tables and code as closed XHTML with the link back', () => {
    const xhtml = page(
      '# Goals\n\nLine one  \nline two\n\n- a\n- b\n\n---\n\n| x | y |\n| - | - |\n| 1 | 2 |\n\n```ts\nconst a = 1 < 2;\n```\n',
    );
    expect(xhtml).toContain(
      '<a href="https://specboard.example/orgs/o/documents/d/history/v">version 3</a>',
    );
    expect(xhtml).toContain('<h1>Goals</h1>');
    expect(xhtml).toContain('<br />');
    expect(xhtml).toContain('<hr />');
    expect(xhtml).toContain('<ul>\n<li>a</li>');
    expect(xhtml).toContain('<td>1</td>');
    expect(xhtml).toContain('const a = 1 &lt; 2;');
  });

  it('escapes raw HTML, entities and quotes, and drops javascript: links', () => {
    const xhtml = page(
      '<script>alert(1)</script> &nbsp; "q" [x](javascript:alert(1))',
      'https://s.example/?a=1&b="2"',
    );
    expect(xhtml).not.toContain('<script>');
    expect(xhtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xhtml).not.toContain('&nbsp;');
    expect(xhtml).not.toContain('href="javascript:');
    expect(xhtml).toContain('href="https://s.example/?a=1&amp;b=&quot;2&quot;"');
  });
});
