import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editorMarkdownCodec as codec } from './suggestion-markdown.ts';
import {
  acceptSuggestion,
  createSuggestion,
  isSuggestionStale,
  listSuggestions,
  type NewSuggestion,
  readSuggestion,
  rejectSuggestion,
  removeSuggestion,
  setSuggestionContent,
} from './suggestions.ts';

const prd = '# Goals\n\nShip a fast board for teams.\n\n- Sign in\n- Invite people';

function docWith(markdown: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment('default').insert(0, codec.toBlocks(markdown));
  return doc;
}

const text = (doc: Y.Doc) => codec.toMarkdown(doc.getXmlFragment('default'));

function draft(overrides: Partial<NewSuggestion>): NewSuggestion {
  return {
    id: 'S1',
    kind: 'replace',
    target: 'quote',
    quote: 'a fast board',
    content: 'a board that loads in under 1 s',
    rationale: 'measurable',
    runId: 'R1',
    model: 'gpt-test',
    requestedBy: 'U1',
    status: 'pending',
    ...overrides,
  };
}

/** Syncs `from` into a fresh peer, as a second browser would see it. */
function peerOf(from: Y.Doc): Y.Doc {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(from));
  return peer;
}

describe('shared suggestions', () => {
  it('replaces the quoted words inside their paragraph, for every peer, in one update', () => {
    const doc = docWith(prd);
    expect(createSuggestion(doc, draft({}))).toBe(true);
    const peer = peerOf(doc);
    const updates: Uint8Array[] = [];
    peer.on('update', (update: Uint8Array) => updates.push(update));
    expect(acceptSuggestion(peer, 'S1', { decidedBy: 'U2', codec })).toBe('decided');
    expect(updates).toHaveLength(1);
    for (const update of updates) Y.applyUpdate(doc, update);
    expect(text(doc)).toContain('Ship a board that loads in under 1 s for teams.');
    expect(readSuggestion(doc, 'S1')).toMatchObject({ status: 'accepted', decidedBy: 'U2' });
  });

  it('keeps its anchor through concurrent edits and marks it stale when the quote changes', () => {
    const doc = docWith(prd);
    createSuggestion(doc, draft({}));
    const peer = peerOf(doc);
    const paragraph = peer.getXmlFragment('default').get(1) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).insert(0, 'Please ');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));
    const suggestion = readSuggestion(doc, 'S1');
    if (!suggestion) throw new Error('missing');
    expect(isSuggestionStale(doc, suggestion, codec)).toBe(false);
    (paragraph.get(0) as Y.XmlText).delete('Please Ship a '.length, 4);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));
    expect(isSuggestionStale(doc, suggestion, codec)).toBe(true);
    acceptSuggestion(doc, 'S1', { decidedBy: 'U2', codec });
    expect(text(doc)).toContain('Please Ship a board that loads in under 1 s for teams.');
  });

  it('inserts blocks after the quoted paragraph and replaces a whole document', () => {
    const doc = docWith(prd);
    createSuggestion(
      doc,
      draft({
        id: 'S2',
        kind: 'insert',
        quote: 'Invite people',
        content: '## Metrics\n\nP95 under 1 s',
      }),
    );
    acceptSuggestion(doc, 'S2', { decidedBy: 'U2', codec });
    expect(text(doc)).toMatch(/- Invite people\n\n## Metrics\n\nP95 under 1 s$/);
    createSuggestion(
      doc,
      draft({ id: 'S3', target: 'document', quote: text(doc), content: '# New PRD' }),
    );
    acceptSuggestion(doc, 'S3', { decidedBy: 'U2', codec });
    expect(text(doc)).toBe('# New PRD');
  });

  it('streams content, refuses to accept while streaming, and never revives a decision', () => {
    const doc = docWith(prd);
    createSuggestion(doc, draft({ status: 'streaming', content: '' }));
    setSuggestionContent(doc, 'S1', 'a board', 'streaming');
    expect(acceptSuggestion(doc, 'S1', { decidedBy: 'U2', codec })).toBe('still-streaming');
    setSuggestionContent(doc, 'S1', 'a board for everyone', 'pending');
    expect(rejectSuggestion(doc, 'S1', { decidedBy: 'U3' })).toBe('decided');
    expect(text(doc)).toBe(prd);
    expect(createSuggestion(doc, draft({}))).toBe(false);
    removeSuggestion(doc, 'S1');
    expect(listSuggestions(doc).map((s) => [s.id, s.status, s.decidedBy])).toEqual([
      ['S1', 'rejected', 'U3'],
    ]);
    expect(acceptSuggestion(doc, 'S1', { decidedBy: 'U2', codec })).toBe('already-decided');
  });

  it('keeps inline markdown of a phrase as marks, without leaking them to the words around', () => {
    const doc = docWith(prd);
    createSuggestion(doc, draft({ content: 'a board that loads in **under 1 s**' }));
    acceptSuggestion(doc, 'S1', { decidedBy: 'U2', codec });
    expect(text(doc)).toContain('Ship a board that loads in **under 1 s** for teams.');
  });

  it('does not anchor a quote that is not in the document', () => {
    const doc = docWith(prd);
    expect(createSuggestion(doc, draft({ quote: 'nowhere to be found' }))).toBe(false);
    expect(listSuggestions(doc)).toEqual([]);
  });
});
