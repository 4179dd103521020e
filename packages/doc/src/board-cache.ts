import type * as Y from 'yjs';
import { type BoardCard, checkCard, sortCards, tasksOf } from './board.ts';

/**
 * The board's cards, each parsed again only after its own Y.Map changed. A move on a board of
 * 2,000 cards re-reads one card, and every other card keeps its object, so a UI can compare
 * cards by identity.
 */
export class BoardCardCache {
  readonly #tasks: Y.Map<unknown>;
  readonly #cards = new Map<string, BoardCard>();

  constructor(doc: Y.Doc) {
    this.#tasks = tasksOf(doc);
    this.#tasks.observeDeep(this.#forget);
  }

  readonly #forget = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      if (event.target === this.#tasks) {
        for (const id of event.changes.keys.keys()) this.#cards.delete(id);
      } else {
        const id = event.path[0];
        if (typeof id === 'string') this.#cards.delete(id);
      }
    }
  };

  /** Every card, in board order, like `readCards` (entries that are not cards are skipped). */
  read(): BoardCard[] {
    const cards: BoardCard[] = [];
    for (const [id, value] of this.#tasks) {
      let card = this.#cards.get(id);
      if (!card) {
        const checked = checkCard(id, value);
        if (!('card' in checked)) continue;
        card = checked.card;
        this.#cards.set(id, card);
      }
      cards.push(card);
    }
    return sortCards(cards);
  }

  destroy(): void {
    this.#tasks.unobserveDeep(this.#forget);
  }
}
