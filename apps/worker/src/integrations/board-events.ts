import type { BoardChanges } from '@specboard/db/tasks';
import type { OrgEvent } from '@specboard/integrations';

/** The status id of the last default column: a card moved there is done. */
const DONE = 'done';

/** Outgoing events for what a board projection found changed. */
export function boardEvents(orgId: string, projectId: string, changes: BoardChanges): OrgEvent[] {
  const path = `/orgs/${orgId}/projects/${projectId}/board`;
  const card = (row: BoardChanges['created'][number]) => ({
    cardId: row.id,
    projectId,
    title: row.title,
    status: row.status,
    path,
  });
  const events: OrgEvent[] = changes.created.map((row) => ({
    kind: 'card.created',
    summary: `Card “${row.title}” was created`,
    data: card(row),
  }));
  for (const { row, from } of changes.moved) {
    events.push({
      kind: 'card.moved',
      summary: `Card “${row.title}” moved from ${from} to ${row.status}`,
      data: { ...card(row), from },
    });
    if (row.status === DONE) {
      events.push({ kind: 'card.done', summary: `Card “${row.title}” is done`, data: card(row) });
    }
  }
  return events;
}
