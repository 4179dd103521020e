import { versionAutoQueue } from '@specboard/jobs';
import { defineJob } from '../job.ts';
import { AUTO_VERSION_IDLE_SECONDS, saveAutoVersions } from '../versions/auto-versions.ts';

/** Every minute: automatic versions of documents idle for five minutes after changes. */
export const autoVersionJob = defineJob({
  contract: versionAutoQueue,
  cron: '* * * * *',
  perform: (_payload, deps) => saveAutoVersions(deps, { idleSeconds: AUTO_VERSION_IDLE_SECONDS }),
});
