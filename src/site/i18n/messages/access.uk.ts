import type { AccessCatalog } from './access.en.js';

// Рівні доступу (ADR 0026): стіна, якою закінчується уривок закритого матеріалу.

export const accessUk: AccessCatalog = {
  'access.wall.members.title': 'Читайте далі з безкоштовним обліковим записом',
  'access.wall.members.text': 'Цей матеріал для зареєстрованих читачів. Реєстрація безкоштовна.',
  'access.wall.paid.title': 'Цей матеріал для членів, які підтримують нас',
  'access.wall.paid.text': 'Члени фінансують цю журналістику й читають усі матеріали повністю.',
  'access.wall.tiers.title': 'Цей матеріал для членів рівня {tiers}',
  'access.wall.tiers.text': 'Приєднайтеся на цьому рівні, щоб прочитати матеріал повністю.',
  'access.wall.join': 'Стати членом',
  'access.wall.signIn': 'Уже член? Увійти',
  'access.wall.label': 'Матеріал для членів',
  'access.meter.left': 'Це один із ваших безкоштовних матеріалів. Залишилося ще: {n}.',
  'access.meter.last': 'Це ваш останній безкоштовний матеріал на цей час.',
  'access.meter.spent': 'Ви вже прочитали свої безкоштовні матеріали ({total}) на цей час.',
  'access.gift.offer': 'Подарувати цей матеріал',
  'access.gift.title': 'Подарувати матеріал',
  'access.gift.explain':
    'Кожен, хто має посилання, зможе прочитати «{title}» повністю протягом {days, plural, one {# дня} other {# днів}}, усього {opens, plural, one {# раз} few {# рази} other {# разів}}.',
  'access.gift.create': 'Створити подарункове посилання',
  'access.gift.ready.title': 'Ваше подарункове посилання',
  'access.gift.ready.text':
    'Надішліть це посилання кому забажаєте. Воно відкриває «{title}» повністю до {until}, усього {opens, plural, one {# раз} few {# рази} other {# разів}}.',
  'access.gift.ready.label': 'Подарункове посилання',
  'access.gift.back': 'Повернутися до матеріалу',
  'access.gift.home': 'На головну',
  'access.gift.missing.title': 'Матеріал не знайдено',
  'access.gift.missing.text': 'Такого матеріалу немає або його не опубліковано.',
  'access.gift.free.title': 'Цей матеріал у вільному доступі',
  'access.gift.free.text': 'Його вже можуть читати всі: поділіться адресою {url}.',
  'access.gift.notYours.title': 'Подарувати матеріал можуть лише члени, яким він доступний',
  'access.gift.notYours.text': 'Ваше членство не включає цей матеріал.',
  'access.gift.limit.title': 'Забагато подарункових посилань сьогодні',
  'access.gift.limit.text':
    'Можна створити {n, plural, one {# подарункове посилання} few {# подарункові посилання} other {# подарункових посилань}} на день. Спробуйте завтра.',
  'access.gift.spent.expired':
    'Термін дії цього подарункового посилання минув. Нижче — початок матеріалу.',
  'access.gift.spent.usedUp':
    'Це подарункове посилання вже відкривали стільки разів, скільки дозволено. Нижче — початок матеріалу.',
  'access.gift.spent.invalid': 'Це подарункове посилання недійсне. Нижче — початок матеріалу.',
};
