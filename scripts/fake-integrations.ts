import { FakeReceiver } from '../packages/integrations/src/testing/fake-receiver.ts';

/**
 * `pnpm fake-integrations`: a local endpoint to paste into the integrations page under
 * `pnpm dev` (whose worker may reach loopback addresses). Prints each delivery it receives.
 */
const port = Number(process.env.FAKE_INTEGRATIONS_PORT ?? 4010);
const receiver = await FakeReceiver.start(port);
const say = (line: string) => process.stdout.write(`${line}\n`);

say('Fake integration endpoints (paste one as the endpoint URL):');
say(`  answers 200:                ${receiver.url('/hook')}`);
say(`  answers 503 (retries):      ${receiver.url('/status/503')}`);
say(`  answers 429 retry-after 5:  ${receiver.url('/status/429')}`);
say(`  answers 401:                ${receiver.url('/status/401')}`);
say('Ctrl-C stops it.');

for (let seen = 0; ; seen += 1) {
  const request = (await receiver.waitFor(seen + 1))[seen];
  const type = (JSON.parse(request?.body || '{}') as { type?: string }).type ?? '?';
  say(
    `${new Date().toISOString()} ${request?.path} ${type} webhook-id=${request?.headers['webhook-id'] ?? '-'}`,
  );
}
