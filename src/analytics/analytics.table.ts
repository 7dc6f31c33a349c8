import type { Generated } from 'kysely';

// Reader analytics (migration 2026120705-analytics). `day` is the newsroom's local date of
// the event (its time zone setting); `hour` is a UTC hour "YYYY-MM-DDTHH".

export type AnalyticsEventType =
  | 'view'
  | 'engage'
  | 'scroll'
  | 'click'
  | 'play'
  | 'form-view'
  | 'form-submit'
  | 'prompt-view'
  | 'prompt-click';

export interface AnalyticsEventTable {
  id: Generated<number>;
  at: string;
  day: string;
  type: AnalyticsEventType;
  path: string;
  /** 0 when the page is not an article. */
  article_id: number;
  /** A hash of (the day's salt, site, address, user agent): the same only within one day. */
  visitor: string;
  /** 1 on the visitor's first view of the day on the site. */
  new_visitor: number;
  /** 1 on the visitor's first view of the day of this page. */
  new_page_visitor: number;
  medium: string;
  source: string;
  campaign: string;
  device: string;
  country: string;
  /** Seconds (engage), depth (scroll); 0 otherwise. */
  value: number;
  /** The link's host (click) or the form/prompt's name. */
  target: string;
}

interface PageMeasureColumns {
  views: number;
  visitors: number;
  engaged_seconds: number;
  scroll25: number;
  scroll50: number;
  scroll75: number;
  scroll100: number;
  clicks_out: number;
  clicks_in: number;
  plays: number;
  form_views: number;
  form_submits: number;
  prompt_views: number;
  prompt_clicks: number;
}

export type PageMeasure = keyof PageMeasureColumns;

export interface AnalyticsPageDayTable extends PageMeasureColumns {
  day: string;
  path: string;
  article_id: number;
}

export interface AnalyticsSourceDayTable {
  day: string;
  medium: string;
  source: string;
  campaign: string;
  views: number;
  visitors: number;
}

export interface AnalyticsDimensionDayTable {
  day: string;
  /** 'device' or 'country'. */
  dimension: string;
  value: string;
  views: number;
  visitors: number;
}

export interface AnalyticsHourTable {
  hour: string;
  views: number;
  visitors: number;
  engaged_seconds: number;
  plays: number;
}

export interface AnalyticsSaltTable {
  day: string;
  salt: string;
}

export interface AnalyticsVisitorDayTable {
  day: string;
  visitor: string;
  /** '' for the site, else the page path. */
  scope: string;
}

/** Where a checkout or a newsletter signup came from (migration 2026120706-attribution). */
export interface AnalyticsTouchTable {
  kind: 'checkout' | 'signup';
  /** checkouts.id, or consent_records.id as text. */
  ref: string;
  article_id: number | null;
  /** The support prompt (placement) of a checkout; '' for signups and the support page. */
  prompt: Generated<string>;
  /** A signup form's location (a page path, `article:ID` or a slot); '' for checkouts. */
  location: Generated<string>;
  first_medium: Generated<string>;
  first_source: Generated<string>;
  first_campaign: Generated<string>;
  first_path: Generated<string>;
  first_at: Generated<string>;
  last_medium: Generated<string>;
  last_source: Generated<string>;
  last_campaign: Generated<string>;
  last_path: Generated<string>;
  last_at: Generated<string>;
  created_at: string;
}

declare module '../platform/db/database-schema.js' {
  interface Database {
    analytics_events: AnalyticsEventTable;
    analytics_page_days: AnalyticsPageDayTable;
    analytics_source_days: AnalyticsSourceDayTable;
    analytics_dimension_days: AnalyticsDimensionDayTable;
    analytics_hours: AnalyticsHourTable;
    analytics_salts: AnalyticsSaltTable;
    analytics_visitor_days: AnalyticsVisitorDayTable;
    analytics_touches: AnalyticsTouchTable;
  }
}
