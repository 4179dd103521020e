import { type Ref, useImperativeHandle, useState } from 'react';
import { useFetcher } from 'react-router';
import { isChoosable, type Person, type PickerItem } from './picker-items.ts';

export interface MentionListHandle {
  /** Up/Down move, Enter chooses; true when the key was the picker's. */
  onKeyDown(event: KeyboardEvent): boolean;
}

export interface MentionListProps {
  items: PickerItem[];
  loading: boolean;
  /** Why the members could not be listed, if they could not. */
  problem: string | null;
  orgId: string;
  choose: (person: Person) => void;
  ref?: Ref<MentionListHandle>;
}

/** Role an invitation from the picker grants: enough to read the document and reply to it. */
const INVITED_ROLE = 'commenter';

interface InviteAnswer {
  ok: boolean;
  email?: string;
  fieldErrors?: Record<string, string[] | undefined>;
}

/** The `@` picker under the caret: members to mention, or someone to invite (issue 14). */
export function MentionList({ items, loading, problem, orgId, choose, ref }: MentionListProps) {
  const [active, setActive] = useState(0);
  const [listed, setListed] = useState(items);
  const invite = useFetcher<InviteAnswer>();
  // A new query starts again at the first line.
  if (listed !== items) {
    setListed(items);
    setActive(0);
  }
  const choosable = items.filter(isChoosable);
  const current = choosable[Math.min(active, choosable.length - 1)];

  const pick = (item: PickerItem | undefined) => {
    if (item?.kind === 'member') choose(item.person);
    if (item?.kind === 'invite') {
      void invite.submit(
        { intent: 'invite', email: item.email, role: INVITED_ROLE },
        { method: 'post', action: `/orgs/${orgId}/members` },
      );
    }
  };

  useImperativeHandle(ref, () => ({
    onKeyDown(event) {
      if (choosable.length === 0) return false;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((active + step + choosable.length) % choosable.length);
        return true;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        pick(current);
        return true;
      }
      return false;
    },
  }));

  const answer = invite.data;
  return (
    <div className="mention-popup" role="listbox" aria-label="Mention someone">
      {problem ? <p className="muted small">{problem}</p> : null}
      {loading && items.length === 0 ? <p className="muted small">Loading members…</p> : null}
      {items.map((item) => {
        if (item.kind === 'outsider') {
          return (
            <p key="outsider" className="mention-outsider" aria-disabled="true">
              “{item.query}” is not a member, so they can't see this document.{' '}
              {item.canInvite
                ? 'Type their e-mail address to invite them.'
                : 'Only an admin or owner can invite them.'}
            </p>
          );
        }
        const selected = item === current;
        const key = item.kind === 'member' ? item.person.id : item.email;
        return (
          <button
            key={key}
            type="button"
            role="option"
            aria-selected={selected}
            className={selected ? 'mention-option active' : 'mention-option'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(item)}
          >
            {item.kind === 'member'
              ? `@${item.person.name}`
              : `Invite ${item.email} to the organisation`}
          </button>
        );
      })}
      {invite.state !== 'idle' ? <p className="muted small">Sending the invitation…</p> : null}
      {invite.state === 'idle' && answer ? (
        <p className="small" role="status">
          {answer.ok
            ? `Invitation emailed to ${answer.email}. You can mention them once they join.`
            : `Not invited: ${Object.values(answer.fieldErrors ?? {})
                .flat()
                .join(' ')}`}
        </p>
      ) : null}
    </div>
  );
}
