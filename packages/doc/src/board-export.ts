import type { BoardCard } from './board-card.ts';
import type { BoardColumn } from './board-columns.ts';
import { safeCsv } from './csv.ts';

/**
 * Board exports: Markdown for reading, JSON for tools, and CSV in the two shapes importers
 * expect — Jira (Summary/Description/Issue Type/…; one `Labels` column per label, as Jira's CSV
 * importer wants) and GitHub issues (title/body/labels/assignees/state). Every row links back
 * to the PRD section it came from through `sourceLink`.
 */

export interface BoardExportInput {
  projectName: string;
  columns: readonly BoardColumn[];
  cards: readonly BoardCard[];
  /** Absolute URL of the PRD section a card came from, or null. */
  sourceLink: (card: BoardCard) => string | null;
}

export type CsvFlavour = 'jira' | 'github';

const columnTitle = (input: BoardExportInput, card: BoardCard) =>
  input.columns.find((c) => c.id === card.status)?.title ?? card.status;

function bodyOf(input: BoardExportInput, card: BoardCard): string {
  const parts = [card.description.trim()];
  if (card.acceptanceCriteria.length > 0) {
    parts.push(
      `Acceptance criteria:\n${card.acceptanceCriteria.map((c) => `- [${c.done ? 'x' : ' '}] ${c.text}`).join('\n')}`,
    );
  }
  const link = input.sourceLink(card);
  if (link) parts.push(`Source: ${link}`);
  return parts.filter((part) => part !== '').join('\n\n');
}

const titleById = (input: BoardExportInput) => new Map(input.cards.map((c) => [c.id, c.title]));

function jiraCsv(input: BoardExportInput): string {
  // A reduce, not Math.max(...cards): spreading a very large board overflows the call stack.
  const labelColumns = input.cards.reduce((most, c) => Math.max(most, c.labels.length), 1);
  const titles = titleById(input);
  const header = [
    'Issue Id',
    'Summary',
    'Description',
    'Issue Type',
    'Status',
    'Priority',
    'Story Points',
    'Assignee',
    'Epic Name',
    'Depends On',
    'Source',
    ...Array.from({ length: labelColumns }, () => 'Labels'),
  ];
  const rows = input.cards.map((card) => [
    card.id,
    card.title,
    bodyOf(input, card),
    'Task',
    columnTitle(input, card),
    card.priority ?? '',
    card.estimate === null ? '' : String(card.estimate),
    card.assigneeName ?? '',
    card.epicTitle ?? '',
    card.dependsOn.map((id) => titles.get(id) ?? id).join('; '),
    input.sourceLink(card) ?? '',
    ...Array.from({ length: labelColumns }, (_, i) => card.labels[i] ?? ''),
  ]);
  return safeCsv([header, ...rows]);
}

function githubCsv(input: BoardExportInput): string {
  const done = input.columns.at(-1)?.id;
  const header = ['title', 'body', 'labels', 'assignees', 'state', 'milestone'];
  const rows = input.cards.map((card) => [
    card.title,
    bodyOf(input, card),
    card.labels.join(','),
    card.assigneeName ?? '',
    card.status === done ? 'closed' : 'open',
    card.epicTitle ?? '',
  ]);
  return safeCsv([header, ...rows]);
}

export function boardToCsv(input: BoardExportInput, flavour: CsvFlavour): string {
  return flavour === 'jira' ? jiraCsv(input) : githubCsv(input);
}

export function boardToJson(input: BoardExportInput): string {
  const tasks = input.cards.map((card) => ({ ...card, source: input.sourceLink(card) }));
  return `${JSON.stringify({ project: input.projectName, columns: input.columns, tasks }, null, 2)}\n`;
}

export function boardToMarkdown(input: BoardExportInput): string {
  const lines = [`# ${input.projectName} — board`, ''];
  for (const column of input.columns) {
    const cards = input.cards.filter((card) => card.status === column.id);
    lines.push(`## ${column.title} (${cards.length})`, '');
    for (const card of cards) {
      const meta = [
        card.estimate === null ? null : `${card.estimate} pts`,
        card.labels.length > 0 ? card.labels.join(', ') : null,
        card.assigneeName ? `@${card.assigneeName}` : null,
      ].filter((part) => part !== null);
      const link = input.sourceLink(card);
      const source = link ? ` ([source](${link}))` : '';
      lines.push(`- **${card.title}**${meta.length > 0 ? ` — ${meta.join(' · ')}` : ''}${source}`);
      for (const criterion of card.acceptanceCriteria) {
        lines.push(`  - [${criterion.done ? 'x' : ' '}] ${criterion.text}`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}
