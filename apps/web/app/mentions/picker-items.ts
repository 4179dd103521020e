import { z } from 'zod';

export interface Person {
  id: string;
  name: string;
}

/** One line of the `@` picker. Only `member` and `invite` lines can be chosen. */
export type PickerItem =
  | { kind: 'member'; person: Person }
  | { kind: 'invite'; email: string }
  | { kind: 'outsider'; query: string; canInvite: boolean };

const MAX_MEMBERS = 6;
const isEmail = (text: string) => z.email().safeParse(text).success;

/**
 * The lines for what was typed after `@`. Access to a document is organisation-wide
 * (docs/decisions/017-document-mentions.md), so the members are exactly the people who can see
 * it. Anyone else is someone to invite: an e-mail address is offered as an invitation to those
 * who may invite, and to everyone else, like a name that matches nobody, explained as someone
 * who cannot see the document.
 */
export function pickerItems(people: readonly Person[], query: string, canInvite: boolean) {
  const wanted = query.trim().toLowerCase();
  const members: PickerItem[] = people
    .filter((person) => person.name.toLowerCase().includes(wanted))
    .slice(0, MAX_MEMBERS)
    .map((person) => ({ kind: 'member', person }));
  if (members.length > 0 || wanted === '') return members;
  if (canInvite && isEmail(wanted)) return [{ kind: 'invite', email: wanted } as const];
  return [{ kind: 'outsider', query: query.trim(), canInvite } as const];
}

export const isChoosable = (item: PickerItem) => item.kind !== 'outsider';
