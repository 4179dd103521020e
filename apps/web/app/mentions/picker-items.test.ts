import { describe, expect, it } from 'vitest';
import { pickerItems } from './picker-items.ts';

const people = [
  { id: 'u1', name: 'Alice Archer' },
  { id: 'u2', name: 'Bob Stone' },
  { id: 'u3', name: 'Bobby Tables' },
];

describe('the @ picker lines', () => {
  it('lists members whose name contains what was typed, case ignored', () => {
    expect(pickerItems(people, 'bo', false).map((i) => i.kind === 'member' && i.person.id)).toEqual(
      ['u2', 'u3'],
    );
    expect(pickerItems(people, '', false)).toHaveLength(3);
  });

  it('offers an invitation for an unknown e-mail address to those who may invite', () => {
    expect(pickerItems(people, 'Dana@Example.com', true)).toEqual([
      { kind: 'invite', email: 'dana@example.com' },
    ]);
  });

  it('tells everyone else that an unknown person cannot see the document', () => {
    expect(pickerItems(people, 'dana@example.com', false)).toEqual([
      { kind: 'outsider', query: 'dana@example.com', canInvite: false },
    ]);
    expect(pickerItems(people, 'Zed', true)).toEqual([
      { kind: 'outsider', query: 'Zed', canInvite: true },
    ]);
  });
});
