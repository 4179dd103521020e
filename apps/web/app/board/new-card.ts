import { newId } from '@specboard/db/ids';
import { blankCard, type CardDraft } from '@specboard/doc/board';

/** A card someone adds by hand: a title, nothing else yet, no source version. */
export function newCard(title: string): CardDraft {
  return blankCard(newId(), title);
}
