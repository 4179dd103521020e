import { useState } from 'react';
import type { CommentRights } from './comment-requests.ts';

interface ComposerProps {
  label: string;
  submitLabel: string;
  people: CommentRights['people'];
  initial?: string;
  /** Where an admin invites someone the picker does not know; absent for everyone else. */
  inviteLink?: string | undefined;
  busy: boolean;
  onSubmit: (body: string, mentions: string[]) => Promise<boolean>;
  onCancel?: () => void;
}

/** The `@word` being typed at the caret, if any. */
function mentionQuery(value: string, caret: number): string | null {
  const match = /(?:^|\s)@([^\s@]{0,30})$/.exec(value.slice(0, caret));
  return match ? (match[1] ?? '') : null;
}

/**
 * A comment box with a member picker: typing `@` lists the organisation's members (everyone who
 * can see the document); picking one inserts `@Name` and records their id as a mention.
 */
export function CommentComposer(props: ComposerProps) {
  const [body, setBody] = useState(props.initial ?? '');
  const [caret, setCaret] = useState(0);
  const [picked, setPicked] = useState<CommentRights['people']>([]);
  const query = mentionQuery(body, caret);
  const matches =
    query === null
      ? []
      : props.people.filter((p) => p.name.toLowerCase().includes(query.toLowerCase())).slice(0, 6);

  function pick(person: CommentRights['people'][number]) {
    const before = body.slice(0, caret).replace(/@[^\s@]*$/, `@${person.name} `);
    setBody(before + body.slice(caret));
    setCaret(before.length);
    setPicked((current) => [...current.filter((p) => p.id !== person.id), person]);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const mentions = picked.filter((p) => body.includes(`@${p.name}`)).map((p) => p.id);
    if (await props.onSubmit(body, mentions)) {
      setBody('');
      setPicked([]);
    }
  }

  return (
    <form className="comment-composer" onSubmit={(event) => void submit(event)}>
      <textarea
        aria-label={props.label}
        value={body}
        rows={2}
        onChange={(event) => {
          setBody(event.target.value);
          setCaret(event.target.selectionStart);
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
      />
      {matches.length > 0 ? (
        <ul className="mention-picker" aria-label="Mention someone">
          {matches.map((person) => (
            <li key={person.id}>
              <button type="button" className="button ghost small" onClick={() => pick(person)}>
                @{person.name}
              </button>
            </li>
          ))}
        </ul>
      ) : query !== null && query !== '' ? (
        <p className="muted small">
          Nobody called “{query}” is a member, so they cannot see this document.{' '}
          {props.inviteLink ? <a href={props.inviteLink}>Invite them</a> : null}
        </p>
      ) : null}
      <div className="comment-actions">
        <button type="submit" className="button small" disabled={props.busy || body.trim() === ''}>
          {props.submitLabel}
        </button>
        {props.onCancel ? (
          <button type="button" className="button ghost small" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
