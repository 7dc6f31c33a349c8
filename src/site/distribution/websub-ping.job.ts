import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-definition.js';
import type { SiteSettings } from '../../platform/settings/site-settings.js';
import { pingWebSubHub } from './websub-hub.js';

export interface WebSubPingDeps {
  config: { baseUrl: string };
  settings: { get(): Promise<SiteSettings> };
}

/**
 * Pings the configured WebSub hub for changed feeds, enqueued with a publication. The hub is
 * read when the job runs: removing it from the settings stops pings already queued.
 */
export const websubPingJob = defineJob({
  name: 'distribution.websub-ping',
  version: 1,
  payload: z.object({
    paths: z
      .array(
        z
          .string()
          .max(300)
          .regex(/^\/[^\s]*$/, 'must be a site path'),
      )
      .min(1)
      .max(60),
  }),
  maxAttempts: 6,
  handler: async (payload, deps: WebSubPingDeps, context) => {
    const { websubHub } = await deps.settings.get();
    if (!websubHub) return;
    await pingWebSubHub(
      websubHub,
      payload.paths.map((path) => `${deps.config.baseUrl}${path}`),
      { signal: context.signal },
    );
  },
});
