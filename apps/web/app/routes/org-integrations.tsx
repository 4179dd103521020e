import { Form, useActionData, useLoaderData, useNavigation } from 'react-router';
import { Field, FormError, SelectField } from '../components/field.tsx';
import { RelativeTime } from '../components/relative-time.tsx';
import { ConfluenceConnectForm } from '../integrations/confluence-connect-form.tsx';
import { integrationsAction, integrationsLoader } from '../integrations/integrations.server.ts';
import type { Route } from './+types/org-integrations.ts';

export const meta: Route.MetaFunction = () => [{ title: 'Integrations · Specboard' }];

export async function loader({ request, params }: Route.LoaderArgs) {
  return integrationsLoader(request, params.orgId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return integrationsAction(request, params.orgId);
}

type Loaded = Awaited<ReturnType<typeof loader>>;
type Integration = Loaded['integrations'][number];

function IntentButton({
  intent,
  name,
  value,
  label,
  confirm,
}: {
  intent: string;
  name: 'integrationId' | 'deliveryId';
  value: string;
  label: string;
  confirm?: string;
}) {
  const busy = useNavigation().state === 'submitting';
  return (
    <Form
      method="post"
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={name} value={value} />
      <button type="submit" className="button small ghost" disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

function DeliveryLog({ deliveries }: { deliveries: Integration['deliveries'] }) {
  if (deliveries.length === 0) return <p className="muted">No deliveries yet.</p>;
  return (
    <table className="table" aria-label="Delivery log">
      <thead>
        <tr>
          <th>Event</th>
          <th>Status</th>
          <th>Response</th>
          <th>Attempts</th>
          <th>When</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={d.id}>
            <td>
              {d.eventKind}
              {d.redelivery ? <small className="muted"> (redelivery)</small> : null}
            </td>
            <td>
              <span className="badge">{d.status}</span>
            </td>
            <td title={d.error ?? undefined}>
              {d.responseCode ?? '—'}
              {d.responseMs !== null ? <small className="muted"> {d.responseMs} ms</small> : null}
              {d.error ? <small className="block muted truncate">{d.error}</small> : null}
            </td>
            <td>{d.attempts}</td>
            <td>
              <RelativeTime iso={d.at} />
            </td>
            <td>
              <IntentButton intent="redeliver" name="deliveryId" value={d.id} label="Redeliver" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TrackerDetails({ integration }: { integration: Integration }) {
  const { projects } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === 'submitting';
  const tool = integration.kind === 'jira' ? 'Jira' : 'GitHub';
  return (
    <div className="stack">
      <small className="muted">
        In {tool}, add a webhook for {integration.kind === 'jira' ? '“issue updated”' : '“Issues”'}{' '}
        to <code>{integration.trackerWebhookUrl}</code> with the webhook secret: status changes
        there move the cards here.
      </small>
      <Form method="post" className="row">
        <input type="hidden" name="intent" value="tracker-push" />
        <input type="hidden" name="integrationId" value={integration.id} />
        <select name="projectId" aria-label="Project to push" required>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <button type="submit" className="button small" disabled={busy}>
          Push board to {tool}
        </button>
      </Form>
    </div>
  );
}

function JiraConnectForm() {
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.fieldErrors : {};
  const busy = useNavigation().state === 'submitting';
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="connect" />
      <input type="hidden" name="kind" value="jira" />
      <Field label="Name" name="name" required errors={errors.name} defaultValue="Jira" />
      <Field
        label="Jira site"
        name="url"
        type="url"
        required
        errors={errors.url}
        hint="e.g. https://your-team.atlassian.net"
      />
      <Field label="Account email" name="email" type="email" required errors={errors.email} />
      <Field
        label="API token"
        name="apiToken"
        type="password"
        required
        errors={errors.apiToken}
        autoComplete="off"
        hint="Kept encrypted; never shown again."
      />
      <Field label="Project key" name="projectKey" required errors={errors.projectKey} />
      <Field
        label="Webhook secret (optional)"
        name="webhookSecret"
        errors={errors.webhookSecret}
        autoComplete="off"
        hint="Leave empty to generate one, shown once."
      />
      <button type="submit" className="button" disabled={busy}>
        Connect Jira
      </button>
    </Form>
  );
}

function GitHubConnectForm() {
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.fieldErrors : {};
  const busy = useNavigation().state === 'submitting';
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="connect" />
      <input type="hidden" name="kind" value="github" />
      <Field label="Name" name="name" required errors={errors.name} defaultValue="GitHub" />
      <Field
        label="Repository"
        name="repository"
        required
        errors={errors.repository}
        hint="owner/name"
      />
      <Field
        label="Token"
        name="apiToken"
        type="password"
        required
        errors={errors.apiToken}
        autoComplete="off"
        hint="May write issues; kept encrypted, never shown again."
      />
      <Field
        label="API URL (optional)"
        name="apiUrl"
        type="url"
        errors={errors.apiUrl}
        hint="GitHub Enterprise only; https://api.github.com otherwise."
      />
      <Field
        label="Webhook secret (optional)"
        name="webhookSecret"
        errors={errors.webhookSecret}
        autoComplete="off"
        hint="Leave empty to generate one, shown once."
      />
      <button type="submit" className="button" disabled={busy}>
        Connect GitHub
      </button>
    </Form>
  );
}

function IntegrationCard({ integration }: { integration: Integration }) {
  const paused = integration.status === 'paused';
  return (
    <li className="card-row column" data-testid={`integration-${integration.name}`}>
      <div className="row">
        <div className="grow">
          <strong>{integration.name}</strong>{' '}
          <span className="badge">{paused ? 'paused' : 'active'}</span>
          <br />
          <small className="muted">
            {integration.kind} → {integration.host}
            {integration.events.length > 0 ? ` · ${integration.events.join(', ')}` : ''}
          </small>
        </div>
        {integration.receivesEvents ? (
          <IntentButton
            intent="test"
            name="integrationId"
            value={integration.id}
            label="Send a test event"
          />
        ) : null}
        <IntentButton
          intent={paused ? 'resume' : 'pause'}
          name="integrationId"
          value={integration.id}
          label={paused ? 'Resume' : 'Pause'}
        />
        <IntentButton
          intent="remove"
          name="integrationId"
          value={integration.id}
          label="Remove"
          confirm={`Remove “${integration.name}” and its delivery log?`}
        />
      </div>
      {integration.trackerWebhookUrl ? (
        <TrackerDetails integration={integration} />
      ) : integration.kind === 'confluence' ? (
        <small className="muted">Publish a document from one of its versions’ pages.</small>
      ) : (
        <DeliveryLog deliveries={integration.deliveries} />
      )}
    </li>
  );
}

function ConnectForm({
  eventKinds,
  projects,
}: {
  eventKinds: Loaded['eventKinds'];
  projects: Loaded['projects'];
}) {
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.fieldErrors : {};
  const busy = useNavigation().state === 'submitting';
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="connect" />
      <FormError errors={errors.form} />
      <SelectField label="Kind" name="kind" errors={errors.kind}>
        <option value="webhook">Webhook (signed JSON)</option>
        <option value="slack">Slack channel (incoming webhook)</option>
        <option value="mattermost">Mattermost channel (incoming webhook)</option>
        <option value="teams">Microsoft Teams channel (incoming webhook)</option>
      </SelectField>
      <SelectField label="Project" name="projectId" errors={errors.projectId}>
        <option value="">Every project</option>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <Field label="Name" name="name" required errors={errors.name} />
      <Field
        label="Endpoint URL"
        name="url"
        type="url"
        required
        errors={errors.url}
        hint="Kept encrypted; only its host is shown again."
      />
      <Field
        label="Signing secret (optional)"
        name="signingSecret"
        errors={errors.signingSecret}
        hint="Webhooks only: whsec_… from your receiver; leave empty to generate one, shown once."
        autoComplete="off"
      />
      <fieldset>
        <legend>Events</legend>
        {eventKinds.map((e) => (
          <label key={e.kind} className="block">
            <input type="checkbox" name="events" value={e.kind} /> {e.label}
          </label>
        ))}
        <FormError errors={errors.events} />
      </fieldset>
      <button type="submit" className="button" disabled={busy}>
        Connect
      </button>
    </Form>
  );
}

export default function Integrations() {
  const { configured, integrations, eventKinds, projects } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page">
      <header className="page-head">
        <h1>Integrations</h1>
      </header>
      <p className="lede">
        Send what happens here to other tools. Each webhook delivery is signed (Standard Webhooks),
        retried with back-off and logged below.
      </p>
      {result?.ok ? (
        <div className="notice" role="status">
          {result.message}
          {'shownOnce' in result
            ? Object.entries(result.shownOnce ?? {}).map(([label, value]) => (
                <p key={label}>
                  {label} (shown only now): <code>{value}</code>
                </p>
              ))
            : null}
        </div>
      ) : null}
      {configured ? null : (
        <div className="field-error" role="alert">
          INTEGRATIONS_KEY is not set on the server, so no integration can be connected.
        </div>
      )}
      <section>
        <h2>Connected</h2>
        {integrations.length === 0 ? (
          <p className="muted">Nothing connected yet.</p>
        ) : (
          <ul className="card-list">
            {integrations.map((integration) => (
              <IntegrationCard key={integration.id} integration={integration} />
            ))}
          </ul>
        )}
      </section>
      {configured ? (
        <section>
          <h2>Connect a webhook or chat channel</h2>
          <ConnectForm eventKinds={eventKinds} projects={projects} />
        </section>
      ) : null}
      {configured ? (
        <section>
          <h2>Connect Jira</h2>
          <JiraConnectForm />
        </section>
      ) : null}
      {configured ? (
        <section>
          <h2>Connect GitHub Issues</h2>
          <GitHubConnectForm />
        </section>
      ) : null}
      {configured ? (
        <section>
          <h2>Connect Confluence</h2>
          <ConfluenceConnectForm />
        </section>
      ) : null}
    </div>
  );
}
