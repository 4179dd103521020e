import { createInterface } from 'node:readline/promises';
import { FakeConfluence } from '../packages/integrations/src/testing/fake-confluence.ts';
import { FakeJira } from '../packages/integrations/src/testing/fake-jira.ts';
import { FakeReceiver } from '../packages/integrations/src/testing/fake-receiver.ts';

/**
 * `pnpm fake-integrations`: local stand-ins to paste into the integrations page under `pnpm dev`
 * (whose worker may reach loopback addresses): a webhook receiver that prints every delivery,
 * and a fake Jira whose issues can be moved from this terminal (it then sends Jira's signed
 * webhook, and the card moves on the board), and a fake Confluence that versions are published to
 * ("pages" lists them; "fail 429|503|401" makes its next answer fail).
 */
const port = Number(process.env.FAKE_INTEGRATIONS_PORT ?? 4010);
const receiver = await FakeReceiver.start(port);
const jira = await FakeJira.start('dev@example.com', 'dev-jira-token', port + 1);
const confluence = await FakeConfluence.start('dev@example.com', 'dev-confluence-token', port + 2);
const say = (line: string) => process.stdout.write(`${line}\n`);

say('Webhook endpoints (paste one as the endpoint URL):');
say(`  answers 200:                ${receiver.url('/hook')}`);
say(`  answers 503 (retries):      ${receiver.url('/status/503')}`);
say(`  answers 429 retry-after 5:  ${receiver.url('/status/429')}`);
say(`  answers 401:                ${receiver.url('/status/401')}`);
say('Fake Jira (Connect Jira):');
say(`  site ${jira.url}   email dev@example.com   API token dev-jira-token   any project key`);
say('Fake Confluence (Connect Confluence):');
say(
  `  site ${confluence.url}   email dev@example.com   API token dev-confluence-token   space id 98304`,
);
say(
  'Commands: "pages", "fail 429|503|401", "webhook <url shown on the page> <webhook secret>", then "move <KEY> todo|doing|done".',
);

const categories = { todo: 'new', doing: 'indeterminate', done: 'done' } as const;
let webhook: { url: string; secret: string } | undefined;

async function printDeliveries(): Promise<void> {
  for (let seen = 0; ; seen += 1) {
    const request = (await receiver.waitFor(seen + 1))[seen];
    const type = (JSON.parse(request?.body || '{}') as { type?: string }).type ?? '?';
    say(
      `${new Date().toISOString()} ${request?.path} ${type} webhook-id=${request?.headers['webhook-id'] ?? '-'}`,
    );
  }
}

async function readCommands(): Promise<void> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const [command, first = '', second = ''] = line.trim().split(/\s+/);
    if (command === 'pages') {
      for (const page of confluence.pages.values()) {
        say(
          `  ${page.id} “${page.title}” page version ${page.version}: ${page.versionMessage ?? ''}`,
        );
      }
    } else if (command === 'fail' && ['429', '503', '401'].includes(first)) {
      confluence.failNext({
        status: Number(first),
        headers: first === '429' ? { 'retry-after': '5' } : {},
      });
      say(`the next Confluence request answers ${first}`);
    } else if (command === 'webhook') {
      webhook = { url: first, secret: second };
      say('webhook set');
    } else if (command === 'move' && webhook && second in categories) {
      const category = categories[second as keyof typeof categories];
      say(`Specboard answered ${await jira.transition(first, category, webhook)}`);
    } else {
      say(`issues: ${[...jira.issues.keys()].join(', ') || 'none yet'}; set the webhook first`);
    }
  }
}

await Promise.all([printDeliveries(), readCommands()]);
