import { data } from 'react-router';

/**
 * 409 for any change to something in the trash (a deleted document, an archived project and
 * everything in it): it stays read-only until an admin or owner restores it.
 */
export function inTrash(what: string): ReturnType<typeof data<string>> {
  return data(
    `${what} is in the trash, so it is read-only. An admin or owner can restore it from the organisation's Trash.`,
    { status: 409 },
  );
}
