import postgres from 'postgres';

/** The channel the `doc_updates` trigger notifies with a project id when its board changes. */
export const BOARD_CHANGED_CHANNEL = 'board_changed';

export interface BoardChangeListener {
  close(): Promise<void>;
}

/**
 * Calls `onChange(projectId)` whenever updates of `board:<projectId>` are appended, by any
 * process (migration 0004). One dedicated connection; postgres.js re-listens after a reconnect.
 * Notifications sent while nobody listens are lost, so keep a periodic sweep as well.
 */
export async function listenForBoardChanges(
  databaseUrl: string,
  onChange: (projectId: string) => void,
): Promise<BoardChangeListener> {
  const sql = postgres(databaseUrl, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: 'specboard-board-changes' },
  });
  await sql.listen(BOARD_CHANGED_CHANNEL, onChange);
  return { close: () => sql.end({ timeout: 5 }) };
}
