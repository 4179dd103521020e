import { type BoardCard, type BoardColumn, readColumns } from '@specboard/doc/board';
import { BoardCardCache } from '@specboard/doc/board-cache';
import { type Proposal, readProposals } from '@specboard/doc/board-proposals';
import type * as Y from 'yjs';
import type { BoardSession } from './board-session.ts';

/** What the board shows: the server's rows first, then the live document. */
export interface BoardRows {
  cards: BoardCard[];
  columns: BoardColumn[];
  proposals: Proposal[];
  /**
   * The server's first screen holds only each column's first cards; these are the columns'
   * full counts. The live document has every card and no `counts`.
   */
  counts?: Record<string, number>;
}

export interface BoardState extends BoardRows {
  synced: boolean;
}

const sameColumns = (a: readonly BoardColumn[], b: readonly BoardColumn[]) =>
  a.length === b.length &&
  a.every(
    (column, i) =>
      column.id === b[i]?.id && column.title === b[i]?.title && column.wipLimit === b[i]?.wipLimit,
  );

/**
 * The board as an external store for `useSyncExternalStore`: the loader's rows (so the first
 * paint, even the server's, shows the cards) until the websocket has synced, then the live Yjs
 * document, re-read at most once per change. Unchanged cards keep their objects
 * (`BoardCardCache`) and unchanged columns their array, so memoised tiles and columns skip.
 */
export class LiveBoard {
  readonly #doc: Y.Doc;
  #state: BoardState;
  #cards: BoardCardCache | null = null;
  #session: BoardSession | null = null;
  #stale = false;

  constructor(doc: Y.Doc, rows: BoardRows) {
    this.#doc = doc;
    this.#state = { synced: false, ...rows };
  }

  /** Follows the session's document; `notify` runs after every change once it has synced. */
  subscribe(session: BoardSession, notify: () => void): () => void {
    const provider = session.provider;
    this.#session = session;
    const changed = () => {
      if (!provider.synced && this.#cards === null) return;
      this.#stale = true;
      notify();
    };
    this.#doc.on('update', changed);
    provider.on('sync', changed);
    changed();
    return () => {
      this.#doc.off('update', changed);
      provider.off('sync', changed);
    };
  }

  snapshot(): BoardState {
    if (!this.#stale) return this.#state;
    this.#stale = false;
    this.#cards ??= new BoardCardCache(this.#doc);
    const columns = readColumns(this.#doc);
    this.#state = {
      synced: this.#session?.provider.synced ?? false,
      cards: this.#cards.read(),
      columns: sameColumns(columns, this.#state.columns) ? this.#state.columns : columns,
      proposals: readProposals(this.#doc),
    };
    return this.#state;
  }

  /** The state the server rendered, so hydration matches it. */
  initial(): BoardState {
    return this.#state;
  }

  destroy(): void {
    this.#cards?.destroy();
  }
}
