import { createDb } from '@specboard/db';
import { z } from 'zod';
import { createProviderResolver } from '../ai/providers.ts';
import { startFailoverWorker } from './failover.ts';

/**
 * A worker process for tests that kill one (see `startChildWorker`): serves every queue with the
 * failover timing, calling the endpoint it is given, and prints "worker ready" once it works.
 */
const options = z
  .object({
    url: z.string(),
    schema: z.string(),
    baseURL: z.string(),
    retryLimit: z.number().int().min(0),
  })
  .parse(JSON.parse(process.argv[2] ?? '{}'));

await startFailoverWorker(createDb(options.url, { max: 4, applicationName: 'specboard-child' }), {
  url: options.url,
  schema: options.schema,
  retryLimit: options.retryLimit,
  providers: createProviderResolver({
    kind: 'openai',
    name: 'fake',
    baseURL: options.baseURL,
    apiKey: 'test-key',
    model: 'gpt-4o-mini',
    retryBaseDelayMs: 5,
    retryMaxDelayMs: 10,
  }),
});
process.stdout.write('worker ready\n');
