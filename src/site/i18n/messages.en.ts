import { membersEn } from './messages/members.en.js';
import { pushEn } from './messages/push.en.js';
import { liveEn } from './messages/live.en.js';
import { supportEn } from './messages/support.en.js';
import { revenueEn } from './messages/revenue.en.js';
import { newslettersEn } from './messages/newsletters.en.js';
import { accessEn } from './messages/access.en.js';
import { commentsEn } from './messages/comments.en.js';

// The English catalog is the reference: its keys define `MessageKey`, and every other catalog
// is typed `MessageCatalog`, so a missing or misspelt key there is a compile error.
// Syntax (ICU-like): `{name}` inserts a value; `{n, plural, one {…} few {…} other {…}}` picks a
// branch with Intl.PluralRules for the locale, `=N {…}` an exact number, `#` the number itself.

export const englishMessages = {
  ...supportEn,
  ...membersEn,
  ...pushEn,
  ...liveEn,
  ...revenueEn,
  ...newslettersEn,
  ...accessEn,
  ...commentsEn,
  'layout.skipLink': 'Skip to content',
  'layout.searchRegion': 'Site',
  'layout.searchLabel': 'Search stories',
  'layout.searchButton': 'Search',
  'layout.sectionsNav': 'Sections',
  'layout.followUs': 'Follow us',
  'layout.copyright': '© {year} {name}',
  'layout.editPost': 'Edit post',
  'home.newsFeed': 'News Feed',
  'home.newsFeedPage': 'News Feed — page {page}',
  'home.newsFeedPageTitle': 'News Feed, page {page}',
  'home.empty': 'No stories have been published yet.',
  'home.editorsPicks': "Editors' Picks",
  'home.moreNews': 'More News',
  'article.byline': '{count, plural, other {By}}',
  'article.bylineAnd': 'and',
  'article.readingTime': '{minutes, plural, other {# min read}}',
  'article.related': 'Related',
  'article.topics': 'Topics',
  'article.translations': 'Also available',
  'article.inThisLanguage': 'In English',
  'article.relatedCard': 'Related article',
  'article.embedViewOn': 'View on {provider}',
  'article.embedFrame': '{provider} embed',
  'pagination.label': 'Pages',
  'pagination.newer': '← Newer stories',
  'pagination.older': 'Older stories →',
  'listing.empty': 'Nothing published here yet.',
  'listing.pageTitle': '{name}, page {page}',
  'error.404.title': 'Page not found',
  'error.404.text':
    'We could not find that page. It may have moved, or the address may be mistyped.',
  'error.410.title': 'This article has been removed',
  'error.410.text': 'The newsroom has taken this article off the site.',
  'error.500.title': 'Something went wrong',
  'error.500.text': 'We could not show this page just now. Please try again in a moment.',
  'error.home': 'Go to the front page',
  'audio.listen': 'Listen to this article',
  'audio.listenKeyEvents': '{minutes, plural, other {Listen to the key events (# min)}}',
  'audio.download': 'Download the audio (MP3)',
  'audio.briefing': 'The daily briefing',
  'audio.briefingFor': 'Briefing for {date}',
  'audio.briefingStories': '{count, plural, one {# story} other {# stories}}',
  'audio.briefingFeed': '{site}: the daily briefing',
  'audio.briefingFeedSummary': 'The day’s top stories, read every morning.',
  'audio.controls': 'Audio player',
  'audio.play': 'Play',
  'audio.pause': 'Pause',
  'audio.back': 'Back 15 seconds',
  'audio.forward': 'Forward 15 seconds',
  'audio.position': 'Position',
  'audio.speed': 'Speed',
  'audio.positionOf': '{position} of {duration}',
  'audio.fullForbidden':
    'The audio of the whole story is for readers whose membership opens it. Sign in or become a member at {url} (the page plays the preview’s audio to everyone).',
  'search.title': 'Search',
  'search.pageTitle': 'Search: {query}',
  'search.description': 'Search the stories of {site}.',
  'search.searchFor': 'Search for',
  'search.button': 'Search',
  'search.dates': 'Published between (optional)',
  'search.from': 'From',
  'search.to': 'To',
  'search.topic': 'Topic',
  'search.author': 'Author',
  'search.page': 'Page',
  'search.removeFilter': 'Remove this filter',
  'search.resultPages': 'Result pages',
  'search.previous': '← Previous results',
  'search.next': 'More results →',
  'search.pageOf': 'Page {page} of {pageCount}',
  'search.correct': 'Please correct the search:',
  'search.symbolsOnly': 'Type a word to search for — symbols alone find nothing.',
  'search.prompt': 'Type what you are looking for and press Search.',
  'search.noResults': 'No results for “{query}”. Try fewer or different words.',
  'search.results': '{count, plural, one {# result} other {# results}} for “{query}”',
  'search.pastLast': 'This page is past the last result.',
  'search.firstPage': 'Back to the first page',
  'feed.scopeDescription': 'The latest from {subject} at {site}.',
} as const satisfies Record<string, string>;

/** Every message the public site shows a reader. */
export type MessageKey = keyof typeof englishMessages;

/** A complete catalog: one message for every key, no more. */
export type MessageCatalog = { readonly [key in MessageKey]: string };
