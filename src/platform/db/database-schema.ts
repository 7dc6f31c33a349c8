import type {
  ApiTokenTable,
  InvitationTable,
  PasswordResetTable,
  SessionTable,
  UserTable,
  UserTotpTable,
} from '../../admin/admin.table.js';
import type {
  ArticleAuthorTable,
  ArticleLinkTable,
  ArticleSlugTable,
  ArticleTable,
  ArticleTagTable,
  AuthorTable,
  CollectionItemTable,
  CollectionTable,
  RevisionTable,
  TagTable,
} from '../../content/content.table.js';
import type { ArticlePresenceTable } from '../../content/article-presence.table.js';
import type { MediaTable } from '../../media/media.table.js';
import type { RedirectTable } from '../../content/redirect.table.js';
import type { ImportRecordTable } from '../../importers/import.table.js';
import type {
  AudioLexiconTable,
  AudioListenTable,
  NarrationTable,
} from '../../audio/narration.table.js';
import type { CachePurgeTable } from '../cache/cache-purge.table.js';
import type { OEmbedCacheTable } from '../../site/oembed-cache.table.js';
import type { JobTable } from '../jobs/job.table.js';
import type { SettingTable } from '../settings.table.js';
import type {
  BounceEventTable,
  ConsentRecordTable,
  DigestRunTable,
  NewsletterClickTable,
  NewsletterDeliveryTable,
  NewsletterIssueTable,
  NewsletterLinkTable,
  NewsletterOpenTable,
  NewsletterTable,
  SubscriberTable,
  SubscriptionTable,
  SuppressionTable,
} from '../../newsletters/newsletter.table.js';

import type {
  CheckoutTable,
  MemberSessionTable,
  MemberSignInTokenTable,
  MemberTable,
  PaymentEventTable,
  PaymentTable,
  RevenueNoticeTable,
  RevenueSubscriptionTable,
  SandboxObjectTable,
} from '../../revenue/revenue.table.js';

/** Every table of the app database, as Kysely sees it. */
export interface Database {
  settings: SettingTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  password_resets: PasswordResetTable;
  invitations: InvitationTable;
  user_totp: UserTotpTable;
  articles: ArticleTable;
  article_slugs: ArticleSlugTable;
  authors: AuthorTable;
  article_authors: ArticleAuthorTable;
  tags: TagTable;
  article_tags: ArticleTagTable;
  collections: CollectionTable;
  collection_items: CollectionItemTable;
  revisions: RevisionTable;
  article_links: ArticleLinkTable;
  jobs: JobTable;
  cache_purges: CachePurgeTable;
  narrations: NarrationTable;
  audio_lexicon: AudioLexiconTable;
  audio_listens: AudioListenTable;
  newsletters: NewsletterTable;
  subscribers: SubscriberTable;
  subscriptions: SubscriptionTable;
  consent_records: ConsentRecordTable;
  suppressions: SuppressionTable;
  bounce_events: BounceEventTable;
  newsletter_issues: NewsletterIssueTable;
  newsletter_deliveries: NewsletterDeliveryTable;
  newsletter_digest_runs: DigestRunTable;
  newsletter_clicks: NewsletterClickTable;
  newsletter_opens: NewsletterOpenTable;
  newsletter_links: NewsletterLinkTable;
  media: MediaTable;
  article_presence: ArticlePresenceTable;
  import_records: ImportRecordTable;
  redirects: RedirectTable;
  oembed_cache: OEmbedCacheTable;
  members: MemberTable;
  member_sign_in_tokens: MemberSignInTokenTable;
  member_sessions: MemberSessionTable;
  checkouts: CheckoutTable;
  revenue_subscriptions: RevenueSubscriptionTable;
  payments: PaymentTable;
  payment_events: PaymentEventTable;
  sandbox_objects: SandboxObjectTable;
  revenue_notices: RevenueNoticeTable;
}
