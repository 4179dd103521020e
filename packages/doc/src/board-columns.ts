import * as Y from 'yjs';
import { z } from 'zod';

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

export const columnsOf = (doc: Y.Doc): Y.Array<Y.Map<unknown>> =>
  doc.getArray<Y.Map<unknown>>('columns');

/**
 * The board's columns. An empty array means the defaults: nobody writes them just by opening a
 * board, so two first visitors cannot both append a set. Should two people configure an empty
 * board at once, the first occurrence of each id wins, everywhere.
 */
export function readColumns(doc: Y.Doc): BoardColumn[] {
  const seen = new Set<string>();
  const columns: BoardColumn[] = [];
  for (const entry of columnsOf(doc)) {
    const parsed = boardColumnSchema.safeParse(entry.toJSON());
    if (!parsed.success || seen.has(parsed.data.id)) continue;
    seen.add(parsed.data.id);
    columns.push(parsed.data);
  }
  return columns.length > 0 ? columns : [...defaultColumns];
}

function columnEntry(column: BoardColumn): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  entry.set('id', column.id);
  entry.set('title', column.title);
  entry.set('wipLimit', column.wipLimit);
  return entry;
}

function materialise(doc: Y.Doc): void {
  if (columnsOf(doc).length === 0) columnsOf(doc).push(defaultColumns.map(columnEntry));
}

/** Sets (or clears, with null) a column's WIP limit. */
export function setWipLimit(doc: Y.Doc, columnId: string, wipLimit: number | null): void {
  doc.transact(() => {
    materialise(doc);
    for (const entry of columnsOf(doc)) {
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
    for (const entry of columnsOf(doc)) {
      if (entry.get('id') === columnId) entry.set('title', title);
    }
  });
}
