import { Form, useActionData, useLoaderData, useNavigation } from 'react-router';
import { aiSettingsAction, aiSettingsLoader } from '../ai/settings.server.ts';
import { SpendNotice } from '../ai/spend-notice.tsx';
import { Field, FormError } from '../components/field.tsx';
import '../runs/runs.css';
import type { Route } from './+types/org-ai.ts';

export const meta: Route.MetaFunction = () => [{ title: 'AI settings · Specboard' }];

export async function loader({ request, params }: Route.LoaderArgs) {
  return aiSettingsLoader(request, params.orgId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return aiSettingsAction(request, params.orgId);
}

const asText = (value: number | null) => (value === null ? '' : String(value));

export default function OrgAi() {
  const { settings, prices, spend, unpricedModels } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>AI settings</h1>
          <p className="lede">
            What AI work in this organisation may use and spend. Runs that would go past a limit are
            refused before any model is called; a run going when the budget runs out stops after its
            current step.
          </p>
        </div>
      </header>

      <SpendNotice spend={spend} />
      {result?.ok ? (
        <p className="notice" role="status">
          {result.message}
        </p>
      ) : null}

      <Form method="post" className="panel stack" aria-label="Limits">
        <input type="hidden" name="intent" value="save-settings" />
        <FormError errors={errors?.form} />
        <Field
          label="Allowed providers"
          name="allowedProviders"
          defaultValue={settings.allowedProviders.join(', ')}
          placeholder="openai"
          errors={errors?.allowedProviders}
          hint="Names of the endpoints runs may use, comma separated; blank allows the configured one. Offline templates are always allowed (they call no model)."
        />
        <Field
          label="Allowed models"
          name="allowedModels"
          defaultValue={settings.allowedModels.join(', ')}
          placeholder="gpt-4o-mini, gpt-4.1"
          errors={errors?.allowedModels}
          hint="Comma separated; the first is used when a project asks for the default model. The model pickers offer only these. Blank allows any model."
        />
        <Field
          label="Monthly budget in tokens"
          name="monthlyTokenBudget"
          inputMode="numeric"
          defaultValue={asText(settings.monthlyTokenBudget)}
          errors={errors?.monthlyTokenBudget}
          hint="Input and output tokens together. A warning shows from 80 %; paid runs are refused at 100 %. Blank: no limit."
        />
        <Field
          label="Monthly budget in US dollars"
          name="monthlyCostBudgetUsd"
          inputMode="decimal"
          defaultValue={asText(settings.monthlyCostBudgetUsd)}
          errors={errors?.monthlyCostBudgetUsd}
          hint="Costed with the prices below. Blank: no limit."
        />
        <Field
          label="Runs at once"
          name="maxConcurrentRuns"
          inputMode="numeric"
          defaultValue={asText(settings.maxConcurrentRuns)}
          errors={errors?.maxConcurrentRuns}
          hint="Queued and running runs together. Blank: no limit."
        />
        <Field
          label="Longest reply (characters)"
          name="maxReplyChars"
          inputMode="numeric"
          defaultValue={asText(settings.maxReplyChars)}
          errors={errors?.maxReplyChars}
          hint="A longer reply is cut off there and its step fails. Blank: no limit."
        />
        <div className="row">
          <button type="submit" className="button primary" disabled={busy}>
            Save limits
          </button>
        </div>
      </Form>

      <section>
        <h2>Prices</h2>
        <p className="muted">
          US dollars per million tokens. List prices apply unless the organisation sets its own.
        </p>
        {unpricedModels.length > 0 ? (
          <p className="notice" role="status">
            No price for {unpricedModels.join(', ')}: their calls are costed at $0 until one is set.
          </p>
        ) : null}
        <table className="run-steps">
          <thead>
            <tr>
              <th>Model</th>
              <th>Input</th>
              <th>Output</th>
              <th>Source</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {prices.map((price) => (
              <tr key={price.model}>
                <td>{price.model}</td>
                <td>${price.inputPerMTok}</td>
                <td>${price.outputPerMTok}</td>
                <td>{price.source === 'list' ? 'List price' : 'This organisation'}</td>
                <td>
                  {price.source === 'organisation' ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-price" />
                      <input type="hidden" name="model" value={price.model} />
                      <button type="submit" className="button ghost small" disabled={busy}>
                        Use list price
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Form method="post" className="panel stack" aria-label="Set a price">
          <input type="hidden" name="intent" value="set-price" />
          <Field label="Model" name="model" errors={errors?.model} />
          <Field
            label="Input, $ per million tokens"
            name="inputPerMTok"
            inputMode="decimal"
            errors={errors?.inputPerMTok}
          />
          <Field
            label="Output, $ per million tokens"
            name="outputPerMTok"
            inputMode="decimal"
            errors={errors?.outputPerMTok}
          />
          <div className="row">
            <button type="submit" className="button" disabled={busy}>
              Set price
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
