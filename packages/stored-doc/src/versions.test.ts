import { replaceDocContent } from '@specboard/doc/content';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { versionContentOf as contentOf } from './versions.ts';

describe('what a version records', () => {
  it('keeps tables and task lists in its Markdown and ProseMirror JSON', () => {
    const doc = new Y.Doc();
    replaceDocContent(
      doc,
      '## Launch\n\n- [ ] Write the FAQ\n- [x] Book the venue\n\n| Metric | Target |\n| --- | --- |\n| Sign-ups | 500 |\n',
    );
    const content = contentOf(doc);
    expect(content.contentMd).toContain('- [ ] Write the FAQ');
    expect(content.contentMd).toContain('- [x] Book the venue');
    expect(content.contentMd).toMatch(/\| Sign-ups\s*\| 500\s*\|/);
    const types = JSON.stringify(content.contentJson);
    expect(types).toContain('"type":"table"');
    expect(types).toContain('"type":"taskItem"');
    const restored = new Y.Doc();
    Y.applyUpdateV2(restored, content.yState);
    expect(contentOf(restored).contentMd).toBe(content.contentMd);
  });
});
