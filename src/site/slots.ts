import type { Executor } from '../platform/db/database.js';
import type { SafeHtml } from '../platform/http/html.js';
import { html } from '../platform/http/html.js';

// Named places on public pages that later features fill (audio player, support prompts,
// newsletter signup) without editing the pages themselves. The features (audio/, revenue/,
// newsletters/) import this file to register; the site never imports them.

/** An article's narration as the page needs it (audio/ provides it: `registerArticleAudio`). */
export interface ArticleAudio {
  file: string;
  durationMs: number;
  /** Where each paragraph starts in the audio, for highlighting while it plays. */
  paragraphs: ReadonlyArray<{ index: number; startMs: number }>;
  /** The URL path the page plays (absent: the public `/audio/<file>`). */
  src?: string;
  /**
   * A gated article's narration of its whole body, for its full variant only (ADR 0026): `src`
   * is a route that checks the reader's entitlement; the preview's page plays `file`.
   */
  full?: Omit<ArticleAudio, 'full'> & { src: string };
}

type ArticleAudioSource = (
  executor: Executor,
  articleId: number,
) => Promise<ArticleAudio | undefined>;

let articleAudioSource: ArticleAudioSource | undefined;

/** Lets the narration feature tell article pages which audio an article has. */
export function registerArticleAudio(source: ArticleAudioSource): void {
  articleAudioSource = source;
}

/** The article's narration, loaded with the page's other queries (none without a source). */
export function loadArticleAudio(
  executor: Executor,
  articleId: number,
): Promise<ArticleAudio | undefined> {
  return articleAudioSource ? articleAudioSource(executor, articleId) : Promise.resolve(undefined);
}

/** A live coverage's spoken summary of its key events (audio/ provides it: `registerLiveSummaryAudio`). */
export interface LiveSummaryAudio {
  file: string;
  durationMs: number;
  /** How many key events it speaks (the newest ones). */
  keyEvents: number;
  /** When it was made (ISO, UTC). */
  madeAt: string;
}

type LiveSummaryAudioSource = (
  executor: Executor,
  articleId: number,
) => Promise<LiveSummaryAudio | undefined>;

let liveSummaryAudioSource: LiveSummaryAudioSource | undefined;

/** Lets the narration feature tell live pages which key-events summary a coverage has. */
export function registerLiveSummaryAudio(source: LiveSummaryAudioSource): void {
  liveSummaryAudioSource = source;
}

/** The coverage's key-events summary audio, loaded with the live page's queries (none without a source). */
export function loadLiveSummaryAudio(
  executor: Executor,
  articleId: number,
): Promise<LiveSummaryAudio | undefined> {
  return liveSummaryAudioSource
    ? liveSummaryAudioSource(executor, articleId)
    : Promise.resolve(undefined);
}

/** The newest daily audio briefing in the site's language (audio/ provides it: `registerHomeBriefing`). */
export interface HomeBriefingAudio {
  file: string;
  durationMs: number;
  /** The newsroom-local date it is the briefing of (YYYY-MM-DD). */
  localDate: string;
  stories: number;
  language: string;
}

type HomeBriefingSource = (executor: Executor) => Promise<HomeBriefingAudio | undefined>;

let homeBriefingSource: HomeBriefingSource | undefined;

/** Lets the audio feature tell the home page which briefing to play. */
export function registerHomeBriefing(source: HomeBriefingSource): void {
  homeBriefingSource = source;
}

/** The briefing for the home page, loaded with its queries (none without a source). */
export function loadHomeBriefing(executor: Executor): Promise<HomeBriefingAudio | undefined> {
  return homeBriefingSource ? homeBriefingSource(executor) : Promise.resolve(undefined);
}

export type SlotName =
  | 'audio-player'
  /** On the home page: the player of the daily audio briefing (audio/ fills it). */
  | 'home-briefing'
  | 'support-prompt-inline'
  | 'support-prompt'
  | 'support-banner'
  | 'newsletter-signup'
  | 'home-newsletter-signup'
  /** On a live coverage: the spoken summary of its key events (audio/ fills it). */
  | 'live-summary-audio'
  /** On a live coverage: "Follow this live coverage" (push/ fills it). */
  | 'live-follow'
  /** In every page's footer: "Get breaking news alerts" (push/ fills it). */
  | 'push-alerts'
  /** At the end of every page's body: the reading-statistics beacon (analytics/ fills it). */
  | 'analytics'
  /** After an article: the link to its comments page (comments/ fills it). */
  | 'comments'
  /** At the end of every page's body: the comment-count script (comments/ fills it). */
  | 'comment-counts';

export interface SlotContext {
  /** `other`: a slot rendered by the layout on every page. */
  page: 'article' | 'home' | 'listing' | 'other';
  articleId?: number;
  language: string;
  /** The page's path ("/some-story/"), for attribution and per-page choices. */
  path?: string;
  /** An article anyone may read in full (public, not live coverage): soft walls go only there. */
  openArticle?: boolean;
  /** The article's AI narration, when it has audio (loaded with the page's batched queries). */
  narration?: ArticleAudio;
  /** The disclosure line shown with the audio (a site setting). */
  audioDisclosure?: string;
  /** True on the page of a live coverage that is still live (follow buttons, live audio). */
  liveCoverage?: boolean;
  /** A live coverage's key-events summary audio (`loadLiveSummaryAudio`), for `live-summary-audio`. */
  liveSummary?: LiveSummaryAudio | undefined;
  /** The home page's daily briefing (`loadHomeBriefing`), for `home-briefing`. */
  briefing?: HomeBriefingAudio | undefined;
}

type SlotRenderer = (context: SlotContext) => SafeHtml | undefined;

const renderers = new Map<SlotName, SlotRenderer[]>();

/** Adds a renderer to a slot; slots render every registered renderer in order. */
export function registerSlotRenderer(name: SlotName, renderer: SlotRenderer): void {
  renderers.set(name, [...(renderers.get(name) ?? []), renderer]);
}

const paragraphPositions = new Map<SlotName, () => number>();

/** Lets the feature filling an in-body slot choose its paragraph (e.g. from its settings). */
export function setSlotParagraph(name: SlotName, paragraph: () => number): void {
  paragraphPositions.set(name, paragraph);
}

/** The paragraph an in-body slot goes after: the feature's choice, else `fallback`. */
export function slotParagraph(name: SlotName, fallback: number): number {
  return paragraphPositions.get(name)?.() ?? fallback;
}

/** The slot's markup: a marked container, empty (and invisible) until a feature fills it. */
export function renderSlot(name: SlotName, context: SlotContext): SafeHtml {
  const parts = (renderers.get(name) ?? [])
    .map((render) => render(context))
    .filter((part) => part !== undefined);
  if (parts.length === 0) return html`<div data-slot="${name}" hidden></div>`;
  return html`<div data-slot="${name}">${parts}</div>`;
}

/** A line a feature adds to every story card (comments/: the card's comment count). */
type CardAddon = (story: { id: number; slug: string }, locale: string) => SafeHtml | undefined;

const cardAddons: CardAddon[] = [];

/** Lets a feature add a line to every story card on listings. */
export function registerCardAddon(addon: CardAddon): void {
  cardAddons.push(addon);
}

/** What the features add to one card (nothing when none registered). */
export function renderCardAddons(story: { id: number; slug: string }, locale: string): SafeHtml {
  return html`${cardAddons.map((addon) => addon(story, locale)).filter((part) => part !== undefined)}`;
}
