// Web push alerts (src/push/): the opt-in buttons, their states, the account page's section.

export const pushEn = {
  'push.breaking.button': 'Get breaking news alerts',
  'push.breaking.on': 'Breaking news alerts are on.',
  'push.breaking.off': 'Turn off breaking news alerts',
  'push.live.button': 'Follow this live coverage',
  'push.live.on': 'You will get an alert for major updates to this coverage.',
  'push.live.off': 'Stop following',
  'push.working': 'One moment…',
  'push.denied':
    'Notifications are blocked for this site. You can allow them in your browser’s site settings.',
  'push.failed': 'Alerts could not be turned on. Please try again later.',
  'push.stopped': 'Alerts are off.',
  'push.account.title': 'Alerts on this device',
  'push.account.none': 'This browser gets no alerts from us.',
  'push.account.breaking': 'Breaking news',
  'push.account.live': 'Live coverage you follow: {count}',
  'push.account.unsubscribe': 'Turn off every alert on this device',
} as const satisfies Record<string, string>;

/** The push catalog's shape: every other language must have exactly these keys. */
export type PushCatalog = { readonly [key in keyof typeof pushEn]: string };
