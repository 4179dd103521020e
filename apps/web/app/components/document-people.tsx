import { initialsOf } from '../editor/user-color.ts';
import { RelativeTime } from './relative-time.tsx';

interface DocumentPeopleProps {
  updatedAt: string;
  lastEdit: { name: string; at: string } | null;
  hereNow: { id: string; name: string; color: string }[];
}

/** Who has a document open now, and who last changed its text (or when it last changed). */
export function DocumentPeople({ updatedAt, lastEdit, hereNow }: DocumentPeopleProps) {
  return (
    <span className="document-people">
      {hereNow.length > 0 ? (
        <ul className="avatar-stack" aria-label={`${hereNow.length} here now`}>
          {hereNow.map((person) => (
            <li
              key={person.id}
              className="avatar small"
              style={{ backgroundColor: person.color }}
              title={`${person.name} is here now`}
            >
              {initialsOf(person.name)}
            </li>
          ))}
        </ul>
      ) : null}
      <span className="muted" data-testid="last-edit">
        {lastEdit ? (
          <>
            Edited by {lastEdit.name} <RelativeTime iso={lastEdit.at} />
          </>
        ) : (
          <>
            Updated <RelativeTime iso={updatedAt} />
          </>
        )}
      </span>
    </span>
  );
}
