import type { OrgRole } from '@specboard/db';
import { Form, useActionData, useLoaderData, useNavigation } from 'react-router';
import { roleLabels } from '../auth/permissions.ts';
import { CopyLink } from '../components/copy-link.tsx';
import { Field } from '../components/field.tsx';
import { invitableRoles, inviteAction, membersLoader } from '../orgs/members.server.ts';
import type { Route } from './+types/org-members.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Members · Specboard' }];

export async function loader({ request, params }: Route.LoaderArgs) {
  return membersLoader(request, params.orgId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return inviteAction(request, params.orgId);
}

function label(role: string): string {
  return role in roleLabels ? roleLabels[role as OrgRole] : role;
}

export default function Members() {
  const { members, invitations, canInvite, selfId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="page">
      <header className="page-head">
        <h1>Members</h1>
      </header>
      <ul className="card-list">
        {members.map((m) => (
          <li key={m.id} className="card-row">
            <span className="avatar">{m.name.slice(0, 1).toUpperCase()}</span>
            <span className="grow">
              <strong>{m.name}</strong>
              {m.id === selfId ? ' (you)' : ''}
              <span className="muted block">{m.email}</span>
            </span>
            <span className="badge">{label(m.role)}</span>
          </li>
        ))}
      </ul>
      {canInvite ? (
        <Form method="post" className="panel stack">
          <h2>Invite someone</h2>
          <p className="muted">
            There is no mail server: copy the link and send it yourself. It works for 7 days.
          </p>
          {result?.ok ? (
            <div className="notice" data-testid="invitation-link">
              Invitation for {result.email} created. <CopyLink href={result.link} />
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
            <label className="field">
              <span className="field-label">Role</span>
              <select name="role" defaultValue="editor">
                {invitableRoles.map((r) => (
                  <option key={r} value={r}>
                    {roleLabels[r]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div>
            <button type="submit" className="button primary" disabled={busy}>
              Create invitation link
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
                <CopyLink href={i.link} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
