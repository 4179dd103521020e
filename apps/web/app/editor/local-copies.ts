/**
 * Offline copies of documents (y-indexeddb databases) belong to one person: the database name
 * carries the user id, so two accounts on one browser never share a copy, and a person's copies
 * can be found and deleted when they sign out or lose access.
 */

const PREFIX = 'specboard:u:';

/** Before copies were per person, one database per document name was shared by every account. */
const SHARED_COPY = /^specboard:(?!u:)/;

function prefixOf(userId: string): string {
  return `${PREFIX}${encodeURIComponent(userId)}:`;
}

/** The database holding `userId`'s offline copy of `docName`. */
export function localCopyName(userId: string, docName: string): string {
  return `${prefixOf(userId)}${docName}`;
}

/**
 * Deletes one database. Open connections (y-indexeddb closes its own on `versionchange`) only
 * delay the deletion, so a blocked request counts as done: the browser finishes it once they close.
 */
export function deleteLocalCopy(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onblocked = () => resolve();
    request.onerror = () =>
      reject(new Error(`could not delete the offline copy ${name}`, { cause: request.error }));
  });
}

/** Deletes every offline copy of `userId`, and the shared copies older versions left behind. */
export async function clearLocalCopies(userId: string): Promise<void> {
  const prefix = prefixOf(userId);
  const names = (await indexedDB.databases())
    .map((database) => database.name ?? '')
    .filter((name) => name.startsWith(prefix) || SHARED_COPY.test(name));
  await Promise.all(names.map(deleteLocalCopy));
}
