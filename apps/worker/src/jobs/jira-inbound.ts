import { jiraInboundQueue } from '@specboard/jobs';
import type { AiJobDeps } from '../ai/deps.ts';
import { applyJiraStatus } from '../integrations/jira-status.ts';
import { defineJob } from '../job.ts';

/** A status change from Jira's webhook (verified by the web app), applied to the mapped card. */
export const jiraInboundJob = defineJob<typeof jiraInboundQueue.payload, AiJobDeps>({
  contract: jiraInboundQueue,
  async perform(payload, deps) {
    const outcome = await applyJiraStatus(deps, payload);
    deps.logger.info({ ...payload, outcome }, 'Jira status applied');
    return { outcome };
  },
});
