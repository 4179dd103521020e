import type { OrgRole } from '@specboard/db';
import { Form, useActionData, useLoaderData, useNavigation } from 'react-router';
import { invitableRoles, roleLabels } from '../auth/permissions.ts';
import { Field, SelectField } from '../components/field.tsx';
import { MemberRow } from '../components/member-row.tsx';
import { membersAction, membersLoader } from '../orgs/members.server.ts';
import type { Route } from './+types/org-members.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Members · Specboard' }];

export async function loader({ request, params }: Route.LoaderArgs) {
  return membersLoader(request, params.orgId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return membersAction(request, params.orgId);
}

function label(role: string): string {
  return role in roleLabels ? roleLabels[role as OrgRole] : role;
}

export default function Members() {
  const { members, invitations, canInvite, assignableRoles, selfId } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="page">
      <header className="page-head">
        <h1>Members</h1>
      </header>
      <ul className="card-list">
        {members.map((m) => (
          <MemberRow
            key={m.id}
            member={{ ...m, isSelf: m.userId === selfId }}
            assignableRoles={assignableRoles}
          />
        ))}
      </ul>
      {canInvite ? (
        <Form method="post" className="panel stack">
          <input type="hidden" name="intent" value="invite" />
          <h2>Invite someone</h2>
          <p className="muted">
            We email them a link that works for 7 days, for that address only. Inviting the same
            address again sends a fresh link.
          </p>
          {result?.ok && result.kind === 'invitation' ? (
            <div className="notice" data-testid="invitation-sent">
              Invitation emailed to {result.email}.
            </div>
          ) : null}
          <div className="grid-2">
            <Field
              label="Email"
              name="email"
              type="email"
              required
              errors={result?.fieldErrors?.email}
            />
            <SelectField
              label="Role"
              name="role"
              defaultValue="editor"
              errors={result?.fieldErrors?.role}
            >
              {invitableRoles.map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </SelectField>
          </div>
          <div>
            <button type="submit" className="button primary" disabled={busy}>
              Send invitation
            </button>
          </div>
        </Form>
      ) : null}
      {invitations.length > 0 ? (
        <section>
          <h2>Pending invitations</h2>
          <ul className="card-list">
            {invitations.map((i) => (
              <li key={i.id} className="card-row">
                <span className="grow">
                  {i.email} <span className="badge">{label(i.role)}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
