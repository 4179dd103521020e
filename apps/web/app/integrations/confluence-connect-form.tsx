import { Form, useActionData, useNavigation } from 'react-router';
import { Field } from '../components/field.tsx';

interface Answer {
  ok: boolean;
  fieldErrors?: Record<string, string[]>;
}

/** Connect a Confluence Cloud space; versions are then published from their version page. */
export function ConfluenceConnectForm() {
  const result = useActionData<Answer>();
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const busy = useNavigation().state === 'submitting';
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="connect" />
      <input type="hidden" name="kind" value="confluence" />
      <Field label="Name" name="name" required errors={errors.name} defaultValue="Confluence" />
      <Field
        label="Confluence site"
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
      <Field
        label="Space id"
        name="spaceId"
        required
        inputMode="numeric"
        errors={errors.spaceId}
        hint="The numeric id of the space pages are created in."
      />
      <Field
        label="Parent page id (optional)"
        name="parentId"
        inputMode="numeric"
        errors={errors.parentId}
        hint="Pages go under the space's home page otherwise."
      />
      <button type="submit" className="button" disabled={busy}>
        Connect Confluence
      </button>
    </Form>
  );
}
