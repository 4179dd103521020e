import type { BoardTaskRow } from './tasks.ts';

/** What one projection changed, for the audit trail and for telling assignees. */
export interface BoardProjectionChanges {
  added: number;
  removed: number;
  /** Cards whose column changed (a board move). */
  moved: { taskId: string; title: string; from: string; to: string }[];
  /** Cards that gained an assignee or changed hands (new cards with an assignee included). */
  assigned: { taskId: string; title: string; assigneeId: string }[];
}

export function isEmptyChange(changes: BoardProjectionChanges): boolean {
  return (
    changes.added === 0 &&
    changes.removed === 0 &&
    changes.moved.length === 0 &&
    changes.assigned.length === 0
  );
}

/** Compares the stored rows with the board's cards (already clamped to what the rows hold). */
export function diffBoardProjection(
  stored: readonly { id: string; status: string; assignee_id: string | null }[],
  rows: readonly BoardTaskRow[],
): BoardProjectionChanges {
  const before = new Map(stored.map((row) => [row.id, row]));
  const kept = new Set(rows.map((row) => row.id));
  const changes: BoardProjectionChanges = {
    added: 0,
    removed: stored.filter((row) => !kept.has(row.id)).length,
    moved: [],
    assigned: [],
  };
  for (const row of rows) {
    const old = before.get(row.id);
    if (!old) changes.added += 1;
    if (old && old.status !== row.status) {
      changes.moved.push({ taskId: row.id, title: row.title, from: old.status, to: row.status });
    }
    if (row.assigneeId && row.assigneeId !== (old?.assignee_id ?? null)) {
      changes.assigned.push({ taskId: row.id, title: row.title, assigneeId: row.assigneeId });
    }
  }
  return changes;
}
