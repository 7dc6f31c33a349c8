// Shapes of the admin API's answers, as the screens use them.
import type { DocumentJson } from '../../src/content/document/document-schema';

export type ArticleStatus = 'draft' | 'submitted' | 'scheduled' | 'published' | 'unpublished';

export interface AuthorRef {
  id: number;
  name: string;
  slug: string;
  kind: 'person' | 'desk';
  bio?: string;
  image_url?: string | null;
}
export interface TagRef {
  id: number;
  name: string;
  slug: string;
  description?: string;
}
export interface Editing {
  user_id: number;
  name: string;
}

export interface ArticleSummary {
  id: number;
  title: string;
  slug: string;
  status: ArticleStatus;
  published_at: string | null;
  updated_at: string;
  authors: AuthorRef[];
  tags: TagRef[];
  url: string;
  editing?: Editing[];
  /** The article's live coverage: running, ended (archived), or none. */
  live?: 'live' | 'ended' | null;
}

export interface Article extends ArticleSummary {
  excerpt: string;
  language: string;
  version: number;
  doc: DocumentJson;
  word_count: number;
  reading_minutes: number;
  featured_image_url: string | null;
  featured_image_alt: string;
  featured_image_caption: string;
  /** Who may read the whole body (ADR 0026); `default` follows the tags. */
  access_level?: 'default' | 'public' | 'members' | 'paid' | 'tiers';
  effective_access_level?: string;
  access_tiers?: string[];
  preview_paragraphs?: number | null;
  created_by?: number | null;
}

export interface Media {
  id: number;
  url: string;
  width: number;
  height: number;
  mime: string;
  alt: string;
  caption: string;
  credit: string;
  original_name: string;
}
