import { newId } from '@specboard/db/ids';
import type { CardDraft } from '@specboard/doc/board';

/** A card someone adds by hand: a title, nothing else yet, no source version. */
export function newCard(title: string): CardDraft {
  return {
    id: newId(),
    title,
    description: '',
    estimate: null,
    priority: null,
    labels: [],
    dependsOn: [],
    acceptanceCriteria: [],
    assigneeId: null,
    assigneeName: null,
    epicId: null,
    epicTitle: null,
    storyId: null,
    sourceVersionId: null,
    sourceAnchor: null,
  };
}
