import type { FastifyInstance } from 'fastify';
import { requireRole, staffScope } from '../../platform/http/staff-access.js';
import type { RevenueServices } from '../payment-provider.js';
import { cachePurgeJob } from '../../platform/cache/cache-purge.job.js';
import type { Executor } from '../../platform/db/database.js';
import { parseInput } from '../../platform/http/validate.js';
import { enqueueJob } from '../../platform/jobs/job-queue.js';
import { locales, translator } from '../../site/i18n/translate.js';
import { offersSchema, readOffers, writeOffers } from '../offers.js';
import {
  promptSettingsSchema,
  readPromptSettings,
  writePromptSettings,
} from './prompt-settings.js';

// The admin API for what readers can pay for and how the site asks: editors and admins read
// both; editors change the prompts, only admins change prices and currency. A change purges
// every cached page (prompts are on every article) durably, like the site settings do.

/** The catalog's wording for each prompt text, per language: the admin shows it as a hint. */
function defaultTexts() {
  return Object.fromEntries(
    locales.map((locale) => {
      const t = translator(locale);
      const keep = { minimum: '{minimum}' };
      return [
        locale,
        {
          memberLabel: t('support.member'),
          donateLabel: t('support.donate'),
          inline: { heading: t('support.inline.heading'), text: t('support.inline.text') },
          afterBody: {
            heading: t('support.afterBody.heading'),
            text: t('support.afterBody.text', keep),
          },
          banner: { text: t('support.banner.text') },
          registrationWall: {
            heading: t('support.registrationWall.heading'),
            text: t('support.registrationWall.text'),
            registerLabel: t('support.registrationWall.register'),
            signInLabel: t('support.registrationWall.signIn'),
          },
          donationWall: {
            heading: t('support.donationWall.heading'),
            text: t('support.donationWall.text', keep),
            donateLabel: t('support.donationWall.donate'),
            continueLabel: t('support.donationWall.continue'),
          },
        },
      ];
    }),
  );
}

/** Registers GET/PUT /api/admin/revenue/offers and /api/admin/revenue/prompts. */
export async function registerSupportSettingsRoutes(
  app: FastifyInstance,
  services: RevenueServices,
  refresh: () => Promise<void>,
): Promise<void> {
  const { db } = services.database;

  async function saveAndPurge<T>(write: (tx: Executor) => Promise<T>): Promise<T> {
    const saved = await db.transaction().execute(async (tx) => {
      const value = await write(tx);
      await enqueueJob(tx, cachePurgeJob, { keys: ['all'] });
      return value;
    });
    await refresh();
    await services.purger.purge(['all']);
    return saved;
  }

  await staffScope(app, async (scope) => {
    scope.get('/api/admin/revenue/offers', async (request) => {
      requireRole(request, 'editor');
      return { offers: await readOffers(db) };
    });

    scope.put('/api/admin/revenue/offers', async (request) => {
      requireRole(request, 'admin');
      const input = parseInput(offersSchema, request.body);
      return { offers: await saveAndPurge((tx) => writeOffers(tx, input)) };
    });

    scope.get('/api/admin/revenue/prompts', async (request) => {
      requireRole(request, 'editor');
      return { prompts: await readPromptSettings(db), defaults: defaultTexts() };
    });

    scope.put('/api/admin/revenue/prompts', async (request) => {
      requireRole(request, 'editor');
      const input = parseInput(promptSettingsSchema, request.body);
      return {
        prompts: await saveAndPurge((tx) => writePromptSettings(tx, input)),
        defaults: defaultTexts(),
      };
    });
  });
}
