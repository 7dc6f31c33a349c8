/** One demo article (src/seed/demo-articles.ts, demo-briefs.ts). */
export interface DemoArticle {
  slug: string;
  title: string;
  excerpt: string;
  authors: string[];
  tags: string[];
  hoursAgo: number;
  html: string;
  /** Who may read the whole piece (public by default; ADR 0026). */
  access?: 'members' | 'paid';
}
