// Writes and reads every shared-document structure with Yjs in development mode, where it
// deep-freezes JSON values put into Y types (ARCHITECTURE.md §3). Run by dev-mode.test.ts in a
// child process with NODE_ENV=development, because Yjs reads NODE_ENV once, when it loads.
import * as Y from 'yjs';
import {
  editCard,
  insertCards,
  moveCard,
  readCards,
  removeCard,
  toggleCriterion,
} from '../board.ts';
import { blankCard } from '../board-card.ts';
import { addColumn, readColumns, renameColumn, setWipLimit } from '../board-columns.ts';
import {
  acceptProposal,
  planProposals,
  readProposals,
  rejectProposal,
  writeProposals,
} from '../board-proposals.ts';
import {
  addReply,
  addThread,
  editComment,
  getThread,
  placeThreads,
  setThreadStatus,
} from '../comment-threads.ts';
import { docToMarkdown, replaceDocContent } from '../content.ts';
import { anchorQuote } from '../suggestion-anchors.ts';
import { editorMarkdownCodec as codec } from '../suggestion-markdown.ts';
import {
  acceptSuggestion,
  createSuggestion,
  listSuggestions,
  type NewSuggestion,
  rejectSuggestion,
  setSuggestionContent,
} from '../suggestions.ts';

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`dev-mode check failed: ${what}`);
}

/** A peer that receives every update, so decoding (which freezes too) is exercised as well. */
function withPeer(doc: Y.Doc): Y.Doc {
  const peer = new Y.Doc();
  doc.on('update', (update: Uint8Array) => Y.applyUpdate(peer, update));
  return peer;
}

const probe = new Y.Doc();
probe.getMap('probe').set('value', { list: [1] });
check(Object.isFrozen(probe.getMap('probe').get('value')), 'Yjs is in development mode');

const prd = new Y.Doc();
const prdPeer = withPeer(prd);
replaceDocContent(prd, '# Goals\n\nShip the board.\n\n- one\n- two\n');
const suggestion = (id: string, target: NewSuggestion['target'], quote: string): NewSuggestion => ({
  id,
  kind: target === 'end' ? 'insert' : 'replace',
  target,
  quote,
  content: 'Ship the board this week.',
  rationale: 'sharper',
  runId: 'run-1',
  model: 'offline',
  requestedBy: null,
  status: 'streaming',
});
check(createSuggestion(prd, suggestion('s-quote', 'quote', 'Ship the board.')), 'quote suggestion');
check(
  createSuggestion(prd, suggestion('s-doc', 'document', docToMarkdown(prd))),
  'document suggestion',
);
check(createSuggestion(prd, suggestion('s-end', 'end', '')), 'end suggestion');
setSuggestionContent(prd, 's-quote', 'Ship the board this week.', 'pending');
setSuggestionContent(prd, 's-end', 'A closing line.', 'pending');
check(acceptSuggestion(prd, 's-quote', { decidedBy: 'u1', codec }) === 'decided', 'accept');
check(rejectSuggestion(prd, 's-end', { decidedBy: 'u1' }) === 'decided', 'reject');
check(listSuggestions(prdPeer).length === 3, 'the peer reads every suggestion');
check(docToMarkdown(prdPeer).includes('this week'), 'the peer sees the accepted text');

const board = new Y.Doc();
const boardPeer = withPeer(board);
addColumn(board, { id: 'review', title: 'Review', wipLimit: null });
renameColumn(board, 'review', 'In review');
setWipLimit(board, 'review', 3);
const card = {
  ...blankCard('c1', 'Write the API'),
  labels: ['api'],
  dependsOn: ['c0'],
  acceptanceCriteria: [{ text: 'documented', done: false }],
};
insertCards(board, [card, blankCard('c2', 'Remove me')]);
moveCard(board, 'c1', 'review', 0);
editCard(board, 'c1', { labels: ['api', 'backend'], estimate: 3 });
toggleCriterion(board, 'c1', 0);
removeCard(board, 'c2');
const proposals = planProposals('v2', readCards(board), [
  { ...card, description: 'now with auth' },
  blankCard('c3', 'New task'),
]);
writeProposals(board, proposals);
for (const proposal of readProposals(board)) {
  if (proposal.kind === 'add') rejectProposal(board, proposal.id);
  else acceptProposal(board, proposal.id);
}
const cards = readCards(boardPeer);
check(cards.length === 1 && cards[0]?.status === 'review', 'the peer sees the moved card');
check(
  readColumns(boardPeer).some((c) => c.title === 'In review'),
  'the peer sees the column',
);
cards[0]?.labels.push('read values are the reader’s own');

const review = new Y.Doc();
const reviewPeer = withPeer(review);
const threadAnchor = anchorQuote(prd.getXmlFragment('default'), 'Goals');
check(threadAnchor !== null, 'a comment anchor');
if (threadAnchor) {
  const at = '2026-12-01T00:00:00Z';
  const comment = { id: 'c-1', authorId: 'u-1', body: 'Which?', mentions: ['u-2'], at };
  addThread(review, { id: 't-1', anchor: threadAnchor, quote: 'Goals', first: comment });
  addReply(review, 't-1', { ...comment, id: 'c-2', authorId: 'u-2', body: 'These' });
  editComment(review, { threadId: 't-1', commentId: 'c-2' }, { body: 'Those', mentions: [], at });
  setThreadStatus(review, 't-1', 'resolved');
}
const thread = getThread(reviewPeer, 't-1');
check(
  thread?.status === 'resolved' && thread.comments[1]?.body === 'Those',
  'the peer sees the thread',
);
check(placeThreads(reviewPeer, prdPeer)[0]?.placement.orphaned === false, 'the thread is placed');
thread?.comments[0]?.mentions.push('read values are the reader’s own');

process.stdout.write('dev-mode writes: ok\n');
