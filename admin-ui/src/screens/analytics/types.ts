// The shapes of the analytics API (src/analytics/analytics-admin.routes.ts).

export type Period = 'today' | '7d' | '30d' | '90d';

export interface DayRange {
  from: string;
  to: string;
}

export interface Totals {
  views: number;
  visitors: number;
  engagedSeconds: number;
  /** Average engaged seconds per view. */
  averageEngagedSeconds: number;
  /** Share of views that reached the end of the article (0–1). */
  readThrough: number;
  plays: number;
  formSubmits: number;
  promptClicks: number;
}

export interface DayFigures {
  day: string;
  views: number;
  visitors: number;
}

export interface ArticleFigures {
  articleId: number;
  title: string;
  slug: string;
  views: number;
  visitors: number;
  averageEngagedSeconds: number;
  readThrough: number;
  plays: number;
  formSubmits: number;
  promptClicks: number;
}

export interface SourceFigures {
  medium: string;
  source: string;
  views: number;
  visitors: number;
}

export interface DimensionFigures {
  value: string;
  views: number;
  visitors: number;
}

export interface TaxonomyFigures {
  id: number;
  name: string;
  views: number;
  visitors: number;
  articles: number;
}

/** An article's donors, members and confirmed newsletter signups in the period. */
export interface ArticleConversions {
  articleId: number;
  title: string;
  slug: string;
  donations: number;
  memberships: number;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  signups: number;
}

export interface ConversionCounts {
  donations: number;
  memberships: number;
  amount: number;
  currency: string;
  signups: number;
}

/** Conversions by first and last touch (`unrecorded`: no touches came with it). */
export interface SourceConversions extends ConversionCounts {
  medium: string;
  source: string;
  campaign: string;
}

export interface Attribution {
  firstTouch: SourceConversions[];
  lastTouch: SourceConversions[];
  prompts: Array<ConversionCounts & { prompt: string }>;
}

export interface Overview {
  period: Period;
  conversions: ArticleConversions[];
  attribution: Attribution;
  timeZone: string;
  range: DayRange;
  previousRange: DayRange;
  totals: Totals;
  previousTotals: Totals;
  series: DayFigures[];
  articles: ArticleFigures[];
  sources: SourceFigures[];
  devices: DimensionFigures[];
  countries: DimensionFigures[];
  authors: TaxonomyFigures[];
  tags: TaxonomyFigures[];
}

export interface Realtime {
  since: string;
  views: number;
  visitors: number;
  pages: Array<{ path: string; views: number; visitors: number }>;
}

export interface AnalyticsSettings {
  enabled: boolean;
  rawDays: number;
}
