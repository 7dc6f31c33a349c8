import type { ApiTokenTable, SessionTable, UserTable } from '../../admin/admin.table.js';
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
import type { CachePurgeTable } from '../cache/cache-purge.table.js';
import type { JobTable } from '../jobs/job.table.js';
import type { SettingTable } from '../settings.table.js';

/** Every table of the app database, as Kysely sees it. */
export interface Database {
  settings: SettingTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
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
  article_presence: ArticlePresenceTable;
  cache_purges: CachePurgeTable;
  media: MediaTable;
}
