import { type Kysely, sql } from 'kysely';

/**
 * `NOTIFY board_changed, '<projectId>'` once per statement that appends updates of a board
 * document, whichever process wrote them (a sync server for browsers' moves, the worker for its
 * own writes). The worker listens and projects the board into `tasks`, debounced.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function notify_board_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('board_changed', substr(doc_name, 7))
        from (select distinct doc_name from appended where doc_name like 'board:%') boards;
      return null;
    end $$
  `.execute(db);
  await sql`
    create trigger doc_updates_board_changed
      after insert on doc_updates
      referencing new table as appended
      for each statement execute function notify_board_changed()
  `.execute(db);
}
