// Live coverage pages (src/site/live/): the badge, key events, updates, the live script.

export const liveEn = {
  'live.badge': 'Live',
  'live.ended': 'This live coverage has ended.',
  'live.endedAt': 'Coverage ended {time}',
  'live.keyEvents': 'Key events',
  'live.pinned': 'Pinned',
  'live.keyEvent': 'Key event',
  'live.updates': 'Latest updates',
  'live.updateCount': '{count, plural, one {# update} other {# updates}}',
  'live.noUpdates': 'No updates yet. This page will show them as they are posted.',
  'live.permalink': 'Link to this update',
  'live.correction': 'Correction',
  'live.edited': 'Updated {time}',
  'live.earlier': 'Earlier updates',
  'live.loadEarlier': 'Load earlier updates',
  'live.latest': 'Back to the latest updates',
  'live.newUpdates': '{count, plural, one {# new update} other {# new updates}}',
  'live.showNew': 'Show',
  'live.announceNew': '{count, plural, one {# new update posted} other {# new updates posted}}',
  'live.updateFrom': 'Update from {title}',
  'live.allUpdates': 'All updates of this coverage',
  'live.feedTitle': '{title}: live updates',
  'live.homeLatest': 'Latest: {headline}',
} as const;

export type LiveCatalog = { readonly [key in keyof typeof liveEn]: string };
