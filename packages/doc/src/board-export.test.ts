import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { type BoardCard, blankCard } from './board-card.ts';
import { defaultColumns } from './board-columns.ts';
import { type BoardExportInput, boardToCsv, boardToJson, boardToMarkdown } from './board-export.ts';

const card = (id: string, patch: Partial<BoardCard>): BoardCard => ({
  ...blankCard(id, `Task ${id}`),
  status: 'todo',
  order: 'a0',
  ...patch,
});

const input: BoardExportInput = {
  projectName: 'Acme',
  columns: [...defaultColumns],
  cards: [
    card('a', {
      title: 'Login, "fast"',
      description: 'Line one\nline two',
      estimate: 3,
      priority: 'high',
      labels: ['backend', 'auth'],
      acceptanceCriteria: [{ text: 'Given x, then y', done: true }],
      sourceAnchor: 'Goals',
      epicTitle: 'Accounts',
    }),
    card('b', { status: 'done', labels: ['ui'], dependsOn: ['a'], assigneeName: 'Ann' }),
  ],
  sourceLink: (c) => (c.sourceAnchor ? `https://x.test/doc#${c.sourceAnchor}` : null),
};

const parse = (csv: string) => Papa.parse<string[]>(csv.trimEnd(), { header: false }).data;

describe('board exports', () => {
  it('writes Jira CSV with one Labels column per label that parses back', () => {
    const [header, first, second] = parse(boardToCsv(input, 'jira'));
    expect(header?.filter((h) => h === 'Labels')).toHaveLength(2);
    const indexes = (name: string) => (header ?? []).flatMap((h, i) => (h === name ? [i] : []));
    const row = (r: string[] | undefined, name: string, nth = 0) => r?.[indexes(name)[nth] ?? -1];
    expect(row(first, 'Summary')).toBe('Login, "fast"');
    expect(row(first, 'Description')).toContain('Line one\nline two');
    expect(row(first, 'Description')).toContain('- [x] Given x, then y');
    expect(row(first, 'Source')).toBe('https://x.test/doc#Goals');
    expect([row(first, 'Labels', 0), row(first, 'Labels', 1)]).toEqual(['backend', 'auth']);
    expect(row(first, 'Story Points')).toBe('3');
    expect(row(second, 'Status')).toBe('Done');
    expect(row(second, 'Depends On')).toBe('Login, "fast"');
  });

  it('writes GitHub CSV that parses back with headers', () => {
    const rows = Papa.parse<Record<string, string>>(boardToCsv(input, 'github').trimEnd(), {
      header: true,
    }).data;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      title: 'Login, "fast"',
      labels: 'backend,auth',
      state: 'open',
    });
    expect(rows[0]?.body).toContain('Source: https://x.test/doc#Goals');
    expect(rows[1]).toMatchObject({ assignees: 'Ann', state: 'closed' });
  });

  it('keeps a card title that looks like a formula from running in a spreadsheet', () => {
    const risky = { ...input, cards: [card('r', { title: '=HYPERLINK("https://evil.test")' })] };
    for (const flavour of ['jira', 'github'] as const) {
      const cells = parse(boardToCsv(risky, flavour))[1] ?? [];
      expect(cells).toContain('\'=HYPERLINK("https://evil.test")');
    }
  });

  it('escapes a formula whatever follows it, in titles, descriptions and AI-written fields', () => {
    const payloads = [
      '=HYPERLINK("https://evil.test","x")\nsecond line',
      '+1+cmd|" /C calc"!A0\r\nmore',
      '-2+3\n',
      '@SUM(1+1)\n@SUM(2)',
      '\t=1+1',
      '\r=1+1',
      '\uFF1DHYPERLINK("https://evil.test")',
    ];
    // A card as the AI pipeline writes it: every free-text field is model output.
    const aiCards = payloads.map((payload, i) =>
      card(`ai${i}`, {
        title: payload,
        description: payload,
        labels: [payload],
        epicTitle: payload,
        assigneeName: payload,
        acceptanceCriteria: [{ text: payload, done: false }],
      }),
    );
    const risky = { ...input, cards: aiCards, sourceLink: () => null };
    for (const flavour of ['jira', 'github'] as const) {
      const [, ...rows] = parse(boardToCsv(risky, flavour));
      expect(rows).toHaveLength(payloads.length);
      const cells = rows.flat().filter((cell) => cell !== '');
      const live = cells.filter((cell) => /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell));
      expect(live, flavour).toEqual([]);
      const title = flavour === 'jira' ? rows[0]?.[1] : rows[0]?.[0];
      expect(title).toBe(`'${payloads[0]}`);
    }
  });

  it('leaves ordinary cells alone', () => {
    const plain = { ...input, cards: [card('p', { title: 'Fix = sign in e-mail @ login' })] };
    expect(parse(boardToCsv(plain, 'github'))[1]?.[0]).toBe('Fix = sign in e-mail @ login');
  });

  it('writes JSON and Markdown that round-trip the cards', () => {
    const json = JSON.parse(boardToJson(input));
    expect(json.tasks.map((t: BoardCard) => t.title)).toEqual(['Login, "fast"', 'Task b']);
    expect(json.tasks[0].source).toBe('https://x.test/doc#Goals');
    const markdown = boardToMarkdown(input);
    expect(markdown).toContain('## To do (1)');
    expect(markdown).toContain(
      '- **Login, "fast"** — 3 pts · backend, auth ([source](https://x.test/doc#Goals))',
    );
    expect(markdown).toContain('## Done (1)');
  });
});
