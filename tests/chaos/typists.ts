import { newId } from '@specboard/db';
import { signSyncToken } from '@specboard/doc/sync-token';
import { Typist } from './typist.ts';
import { until } from './until.ts';

/** `documents` × `perDocument` clients, each with its own signed editor token, all synced. */
export async function connectTypists(options: {
  collabUrl: string;
  secret: string;
  documents: number;
  perDocument: number;
}): Promise<Typist[]> {
  const org = newId();
  const typists: Typist[] = [];
  for (let d = 0; d < options.documents; d++) {
    const docName = `doc:${newId()}`;
    for (let c = 0; c < options.perDocument; c++) {
      const id = typists.length + 1;
      const token = await signSyncToken(
        { sub: newId(), doc: docName, role: 'editor', org, name: `Typist ${id}` },
        options.secret,
        600,
      );
      typists.push(new Typist(id, docName, org, options.collabUrl, token));
    }
  }
  await until(() => typists.every((t) => t.live), 'every client synced through HAProxy');
  return typists;
}
