import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database.js';
import * as initial from './migrations/2026112401-initial.js';
import * as cachePurges from './migrations/2026112402-cache-purges.js';
import * as search from './migrations/2026112505-search.js';
import * as staffAccounts from './migrations/2026112501-staff-accounts.js';
import * as newsletters from './migrations/2026112503-newsletters.js';
import * as media from './migrations/2026112502-media.js';
import * as sitemapIndex from './migrations/2026112506-sitemap-index.js';
import * as articlePresence from './migrations/2026112507-article-presence.js';
import * as imports from './migrations/2026112508-imports.js';
import * as narration from './migrations/2026112504-narration.js';
import * as articleTranslations from './migrations/2026112509-article-translations.js';
import * as revenue from './migrations/2026112510-revenue.js';
import * as newsletterDigestsClicks from './migrations/2026112520-newsletter-digests-clicks.js';
import * as newsletterLinks from './migrations/2026112521-newsletter-links.js';
import * as oembedCache from './migrations/2026112511-oembed-cache.js';
import * as searchFacets from './migrations/2026112512-search-facets.js';
import * as domainEvents from './migrations/2026120601-domain-events.js';
import * as rateLimits from './migrations/2026120701-rate-limits.js';
import * as liveCoverage from './migrations/2026120702-live-coverage.js';
import * as push from './migrations/2026120703-push.js';
import * as liveSummary from './migrations/2026120704-live-summary.js';
import * as analytics from './migrations/2026120705-analytics.js';
import * as attribution from './migrations/2026120706-attribution.js';
import * as comments from './migrations/2026120707-comments.js';
import * as accessLevels from './migrations/2026120708-access-levels.js';
import * as narrationVoices from './migrations/2026120710-narration-voices.js';
import * as memberSignups from './migrations/2026120811-member-signups.js';
import * as audioBriefings from './migrations/2026120709-audio-briefings.js';
import * as narrationFullAudio from './migrations/2026120801-narration-full-audio.js';
import * as briefingStorySources from './migrations/2026120812-briefing-story-sources.js';

// A static list (not a folder scan) so migrations work the same from src/ under tsx and from dist/.
const migrations: Record<string, Migration> = {
  '2026112401-initial': initial,
  '2026112402-cache-purges': cachePurges,
  '2026112505-search': search,
  '2026112501-staff-accounts': staffAccounts,
  '2026112503-newsletters': newsletters,
  '2026112502-media': media,
  '2026112506-sitemap-index': sitemapIndex,
  '2026112507-article-presence': articlePresence,
  '2026112508-imports': imports,
  '2026112504-narration': narration,
  '2026112509-article-translations': articleTranslations,
  '2026112510-revenue': revenue,
  '2026112520-newsletter-digests-clicks': newsletterDigestsClicks,
  '2026112521-newsletter-links': newsletterLinks,
  '2026112511-oembed-cache': oembedCache,
  '2026112512-search-facets': searchFacets,
  '2026120601-domain-events': domainEvents,
  '2026120701-rate-limits': rateLimits,
  '2026120702-live-coverage': liveCoverage,
  '2026120703-push': push,
  '2026120704-live-summary': liveSummary,
  '2026120705-analytics': analytics,
  '2026120706-attribution': attribution,
  '2026120707-comments': comments,
  '2026120708-access-levels': accessLevels,
  '2026120710-narration-voices': narrationVoices,
  '2026120811-member-signups': memberSignups,
  '2026120709-audio-briefings': audioBriefings,
  '2026120801-narration-full-audio': narrationFullAudio,
  '2026120812-briefing-story-sources': briefingStorySources,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

function createMigrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider,
    migrationTableName: 'masthead_migrations',
    migrationLockTableName: 'masthead_migrations_lock',
    // Features land from parallel branches: a migration named earlier than one already applied
    // still runs (each is independent and creates only its own tables).
    allowUnorderedMigrations: true,
  });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Reverts the most recent migration. */
export async function migrateDown(db: Db): Promise<string | undefined> {
  const { error, results } = await createMigrator(db).migrateDown();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results?.[0]?.migrationName;
}
