import { describe, expect, it } from 'vitest';
import { diffVersions, versionBlocks } from './version-diff.ts';

const text = (t: string) => ({ type: 'text', text: t });
const para = (t: string) => ({ type: 'paragraph', content: [text(t)] });
const heading = (level: number, t: string) => ({
  type: 'heading',
  attrs: { level },
  content: [text(t)],
});
const list = (...items: string[]) => ({
  type: 'bulletList',
  content: items.map((t) => ({ type: 'listItem', content: [para(t)] })),
});
const doc = (...content: unknown[]) => ({ type: 'doc', content });

describe('version diff', () => {
  it('flattens ProseMirror JSON into blocks', () => {
    expect(versionBlocks(doc(heading(2, 'Goals'), list('a', 'b')), '')).toEqual([
      { kind: 'heading', level: 2, text: 'Goals' },
      { kind: 'listItem', level: 0, text: 'a' },
      { kind: 'listItem', level: 0, text: 'b' },
    ]);
  });

  it('reports additions, deletions and word changes on known inputs', () => {
    const before = {
      contentJson: doc(heading(1, 'Plan'), para('Ship the login form fast.'), list('one', 'two')),
      contentMd: '',
    };
    const after = {
      contentJson: doc(
        heading(1, 'Plan'),
        para('Ship the signup form fast.'),
        list('one'),
        para('New closing note.'),
      ),
      contentMd: '',
    };
    const diff = diffVersions(before, after);
    expect(diff.stats).toEqual({ added: 1, removed: 1, changed: 1 });
    expect(diff.blocks.map((b) => [b.status, b.text])).toEqual([
      ['same', 'Plan'],
      ['changed', 'Ship the signup form fast.'],
      ['same', 'one'],
      ['removed', 'two'],
      ['added', 'New closing note.'],
    ]);
    expect(diff.blocks[1]?.segments).toEqual([
      { kind: 'same', text: 'Ship the ' },
      { kind: 'removed', text: 'login' },
      { kind: 'added', text: 'signup' },
      { kind: 'same', text: ' form fast.' },
    ]);
  });

  it('falls back to Markdown when there is no usable JSON', () => {
    const diff = diffVersions(
      { contentJson: null, contentMd: '# Title\n\nHello world\n\n- a\n- b' },
      { contentJson: {}, contentMd: '# Title\n\nHello there world\n\n- a' },
    );
    expect(diff.stats).toEqual({ added: 0, removed: 1, changed: 1 });
    expect(diff.blocks.find((b) => b.status === 'changed')?.segments).toContainEqual({
      kind: 'added',
      text: 'there ',
    });
  });

  it('reports nothing for identical versions', () => {
    const content = { contentJson: doc(para('same')), contentMd: 'same' };
    expect(diffVersions(content, content).stats).toEqual({ added: 0, removed: 0, changed: 0 });
  });

  it('shows a mention as its @Name, and an added mention as an added word', () => {
    const mention = (id: string, label: string | null) => ({
      type: 'mention',
      attrs: { id, label },
    });
    const before = { contentJson: doc(para('Ask first.')), contentMd: '' };
    const after = {
      contentJson: doc({
        type: 'paragraph',
        content: [
          text('Ask '),
          mention('u-bob', 'Bob'),
          text(' and '),
          mention('u-x', null),
          text(' first.'),
        ],
      }),
      contentMd: '',
    };
    const diff = diffVersions(before, after);
    expect(diff.blocks[0]?.text).toBe('Ask @Bob and @someone first.');
    expect(diff.blocks[0]?.segments).toContainEqual({ kind: 'added', text: '@Bob and @someone ' });
  });
});
