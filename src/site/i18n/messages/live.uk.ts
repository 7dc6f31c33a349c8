import type { LiveCatalog } from './live.en.js';

// Пряме висвітлення (src/site/live/): позначка, ключові події, оновлення, скрипт стрічки.

export const liveUk: LiveCatalog = {
  'live.badge': 'Наживо',
  'live.ended': 'Пряме висвітлення завершено.',
  'live.endedAt': 'Висвітлення завершено {time}',
  'live.keyEvents': 'Ключові події',
  'live.pinned': 'Закріплено',
  'live.keyEvent': 'Ключова подія',
  'live.updates': 'Останні оновлення',
  'live.updateCount':
    '{count, plural, one {# оновлення} few {# оновлення} many {# оновлень} other {# оновлення}}',
  'live.noUpdates':
    'Оновлень поки немає. Вони з’являтимуться на цій сторінці щойно їх опублікують.',
  'live.permalink': 'Посилання на це оновлення',
  'live.correction': 'Виправлення',
  'live.edited': 'Оновлено {time}',
  'live.earlier': 'Попередні оновлення',
  'live.loadEarlier': 'Показати попередні оновлення',
  'live.latest': 'До останніх оновлень',
  'live.newUpdates':
    '{count, plural, one {# нове оновлення} few {# нові оновлення} many {# нових оновлень} other {# нового оновлення}}',
  'live.showNew': 'Показати',
  'live.announceNew':
    '{count, plural, one {Опубліковано # нове оновлення} few {Опубліковано # нові оновлення} many {Опубліковано # нових оновлень} other {Опубліковано # нового оновлення}}',
  'live.updateFrom': 'Оновлення: {title}',
  'live.allUpdates': 'Усі оновлення цього висвітлення',
  'live.feedTitle': '{title}: оновлення наживо',
  'live.homeLatest': 'Останнє: {headline}',
};
