import type { Db } from '@specboard/db';
import { loadDocState } from '@specboard/db/doc-log';
import { loadYDoc } from '@specboard/doc/doc-state';
import { acknowledgements } from './report.ts';
import type { Typist } from './typist.ts';
import { until } from './until.ts';

export interface Checks {
  /** Acknowledged markers missing from the stored document (must be 0). */
  lost: number;
  problems: string[];
}

async function storedText(db: Db, orgId: string, docName: string): Promise<string> {
  const state = await loadDocState(db, orgId, docName);
  const doc = loadYDoc(state.snapshot, state.updates);
  const text = doc.getText('t').toString();
  doc.destroy();
  return text;
}

/**
 * Waits until every document's clients hold the same text and Postgres stores exactly that text,
 * then counts acknowledged markers missing from it.
 */
export async function checkDocuments(db: Db, typists: readonly Typist[]): Promise<Checks> {
  const docNames = [...new Set(typists.map((t) => t.docName))];
  const problems: string[] = [];
  const stored = new Map<string, string>();
  for (const docName of docNames) {
    const clients = typists.filter((t) => t.docName === docName);
    try {
      await until(async () => {
        const first = clients[0]?.text.toString() ?? '';
        if (!clients.every((c) => c.text.toString() === first)) return false;
        const text = await storedText(db, clients[0]?.orgId ?? '', docName);
        stored.set(docName, text);
        return text === first;
      }, `${docName}: every client's text and the stored document to agree`);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  let lost = 0;
  for (const [marker, ack] of acknowledgements(typists)) {
    if (!(stored.get(ack.doc) ?? '').includes(marker)) lost += 1;
  }
  if (lost > 0) problems.push(`${lost} acknowledged updates are missing from the stored documents`);
  return { lost, problems };
}
