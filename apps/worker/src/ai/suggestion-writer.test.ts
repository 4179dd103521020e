import { type Bus, createBus } from '@specboard/bus';
import { newId } from '@specboard/db';
import { appendDocUpdates } from '@specboard/db/doc-log';
import { createTestDatabase, type TestDatabase } from '@specboard/db/testing';
import { listSuggestions } from '@specboard/doc/suggestions';
import { DocSession } from '@specboard/stored-doc';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { derivedId } from './derived-id.ts';
import { documentDocName, fillWithMarkdown } from './doc-model.ts';
import { writeSuggestions } from './suggestion-writer.ts';

let t: TestDatabase;
let bus: Bus;
beforeAll(async () => {
  t = await createTestDatabase();
  bus = await createBus({ databaseUrl: t.url, instanceId: 'suggestion-writer-test' });
});
afterAll(async () => {
  await bus.close();
  await t.drop();
});

describe('writing suggestions', () => {
  it('leaves an id another client filled with junk alone, logs it, and does not fail', async () => {
    const orgId = newId();
    const docName = documentDocName(newId());
    const stepId = newId();
    const session = await DocSession.open({ db: t.db, bus }, orgId, docName, 'test');
    await session.change((doc) => fillWithMarkdown(doc, 'Ship a fast board.'));
    // A client that guessed the id of the step's first suggestion writes a number there.
    const hostile = new Y.Doc();
    Y.applyUpdate(hostile, Y.encodeStateAsUpdate(session.doc));
    const before = Y.encodeStateVector(hostile);
    hostile.getMap<unknown>('suggestions').set(derivedId(stepId, 's0'), 1);
    const update = Y.encodeStateAsUpdate(hostile, before);
    await appendDocUpdates(t.db, orgId, [{ docName, update, origin: 'test:hostile' }]);

    const warnings: { keys?: string[]; docName?: string }[] = [];
    const logger = pino(
      { level: 'warn' },
      { write: (line: string) => warnings.push(JSON.parse(line)) },
    );
    const ids = await writeSuggestions(
      { db: t.db, logger },
      session,
      {
        orgId: newId(),
        documentId: newId(),
        runId: newId(),
        stepId,
        provider: 'offline',
        model: 'template',
        requestedBy: null,
      },
      [{ kind: 'replace', quote: 'fast', contentMarkdown: 'quick', rationale: 'shorter' }],
    );
    expect(ids).toEqual([]);
    expect(warnings).toMatchObject([{ docName, keys: [derivedId(stepId, 's0')] }]);
    expect(listSuggestions(session.doc)).toEqual([]);
    session.destroy();
  });
});
