import type { OrgRole } from '@specboard/db';
import { useFetcher } from 'react-router';
import { roleLabels } from '../auth/permissions.ts';
import type { FieldErrors } from '../lib/field-errors.ts';

export interface MemberView {
  id: string;
  name: string;
  email: string;
  role: string;
  manageable: boolean;
  isSelf: boolean;
}

function label(role: string): string {
  return role in roleLabels ? roleLabels[role as OrgRole] : role;
}

/** One member; owners and admins change the role or remove the person right here. */
export function MemberRow({
  member,
  assignableRoles,
}: {
  member: MemberView;
  assignableRoles: readonly OrgRole[];
}) {
  const fetcher = useFetcher<{ ok: boolean; fieldErrors?: FieldErrors }>();
  const busy = fetcher.state !== 'idle';
  const error = fetcher.data && !fetcher.data.ok ? fetcher.data.fieldErrors : undefined;
  const message = error ? Object.values(error).flat().join(' ') : undefined;
  return (
    <li className="card-row" data-testid={`member-${member.email}`}>
      <span className="avatar">{member.name.slice(0, 1).toUpperCase()}</span>
      <span className="grow">
        <strong>{member.name}</strong>
        {member.isSelf ? ' (you)' : ''}
        <span className="muted block">{member.email}</span>
        {message ? (
          <span className="field-error block" role="alert">
            {message}
          </span>
        ) : null}
      </span>
      {member.manageable ? (
        <>
          <fetcher.Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="change-role" />
            <input type="hidden" name="memberId" value={member.id} />
            <select
              name="role"
              defaultValue={member.role}
              key={member.role}
              aria-label={`Role of ${member.name}`}
              disabled={busy}
              onChange={(event) => fetcher.submit(event.currentTarget.form)}
            >
              {assignableRoles.map((role) => (
                <option key={role} value={role}>
                  {roleLabels[role]}
                </option>
              ))}
            </select>
          </fetcher.Form>
          <fetcher.Form
            method="post"
            onSubmit={(event) => {
              if (!window.confirm(`Remove ${member.name} from this organisation?`))
                event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="memberId" value={member.id} />
            <button type="submit" className="button ghost small danger-text" disabled={busy}>
              Remove
            </button>
          </fetcher.Form>
        </>
      ) : (
        <span className="badge">{label(member.role)}</span>
      )}
    </li>
  );
}
