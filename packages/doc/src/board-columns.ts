import * as Y from 'yjs';
import { z } from 'zod';
import { asYMap, notAMap, type SkippedEntry } from './skipped-entries.ts';

/** A board column: its status id (what cards store), its title and an optional WIP limit. */
export const boardColumnSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  wipLimit: z.number().int().positive().nullable().catch(null),
});
export type BoardColumn = z.output<typeof boardColumnSchema>;

export const defaultColumns: readonly BoardColumn[] = [
  { id: 'todo', title: 'To do', wipLimit: null },
  { id: 'in_progress', title: 'In progress', wipLimit: null },
  { id: 'review', title: 'Review', wipLimit: null },
  { id: 'done', title: 'Done', wipLimit: null },
];

/** The columns array. Entries are `unknown`: any client can push anything there. */
export const columnsOf = (doc: Y.Doc): Y.Array<unknown> => doc.getArray<unknown>('columns');

/** The column Y.Maps that are well formed, first occurrence of each id, and the rest skipped. */
function storedColumns(doc: Y.Doc): { columns: BoardColumn[]; skipped: SkippedEntry[] } {
  const seen = new Set<string>();
  const columns: BoardColumn[] = [];
  const skipped: SkippedEntry[] = [];
  columnsOf(doc).forEach((value, index) => {
    const key = String(index);
    const entry = asYMap(value);
    if (!entry) {
      skipped.push(notAMap(key, value));
      return;
    }
    const parsed = boardColumnSchema.safeParse(entry.toJSON());
    if (!parsed.success) {
      skipped.push({ key, reason: parsed.error.issues[0]?.message ?? 'not a column' });
      return;
    }
    if (seen.has(parsed.data.id)) return;
    seen.add(parsed.data.id);
    columns.push(parsed.data);
  });
  return { columns, skipped };
}

/**
 * The board's columns, and the entries that are not columns. No well-formed column means the
 * defaults: nobody writes them just by opening a board, so two first visitors cannot both
 * append a set. Should two people configure an empty board at once, the first occurrence of each
 * id wins, everywhere (a duplicate is not an error, so it is not reported as skipped).
 */
export function readBoardColumns(doc: Y.Doc): { columns: BoardColumn[]; skipped: SkippedEntry[] } {
  const { columns, skipped } = storedColumns(doc);
  return { columns: columns.length > 0 ? columns : [...defaultColumns], skipped };
}

export const readColumns = (doc: Y.Doc): BoardColumn[] => readBoardColumns(doc).columns;

/** The column Y.Maps (entries of any other type are left alone). */
const columnEntries = (doc: Y.Doc): Y.Map<unknown>[] =>
  columnsOf(doc)
    .toArray()
    .flatMap((value) => asYMap(value) ?? []);

function columnEntry(column: BoardColumn): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  entry.set('id', column.id);
  entry.set('title', column.title);
  entry.set('wipLimit', column.wipLimit);
  return entry;
}

/**
 * Writes the default columns when the board has none of its own. Entries that are not columns
 * do not count, or a board holding only those would lose its defaults on the first change.
 */
function materialise(doc: Y.Doc): void {
  if (storedColumns(doc).columns.length === 0) {
    columnsOf(doc).push(defaultColumns.map(columnEntry));
  }
}

/** Sets (or clears, with null) a column's WIP limit. */
export function setWipLimit(doc: Y.Doc, columnId: string, wipLimit: number | null): void {
  doc.transact(() => {
    materialise(doc);
    for (const entry of columnEntries(doc)) {
      if (entry.get('id') === columnId) entry.set('wipLimit', wipLimit);
    }
  });
}

/** Adds a column at the end (configurable columns); ignored when the id exists. */
export function addColumn(doc: Y.Doc, column: BoardColumn): void {
  doc.transact(() => {
    materialise(doc);
    if (readColumns(doc).some((c) => c.id === column.id)) return;
    columnsOf(doc).push([columnEntry(boardColumnSchema.parse(column))]);
  });
}

/** Renames a column; cards keep their status id. */
export function renameColumn(doc: Y.Doc, columnId: string, title: string): void {
  doc.transact(() => {
    materialise(doc);
    for (const entry of columnEntries(doc)) {
      if (entry.get('id') === columnId) entry.set('title', title);
    }
  });
}
