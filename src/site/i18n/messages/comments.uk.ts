import type { commentsEn } from './comments.en.js';

// Коментарі учасників (src/comments/).

export const commentsUk: { readonly [key in keyof typeof commentsEn]: string } = {
  'comments.link': 'Коментарі',
  'comments.linkCount':
    '{count, plural, =0 {Ще немає коментарів} one {# коментар} few {# коментарі} many {# коментарів} other {# коментаря}}',
  'comments.read': 'Читати коментарі',
  'comments.title': 'Коментарі: {title}',
  'comments.backToArticle': 'Повернутися до матеріалу',
  'comments.none': 'Ще немає коментарів.',
  'comments.closed': 'Коментарі до цього матеріалу закрито.',
  'comments.deleted': 'Коментар видалено',
  'comments.hidden': 'Коментар прибрали модератори',
  'comments.held':
    'Очікує перевірки: лише ви бачите цей коментар, доки модератор його не схвалить.',
  'comments.edited': 'змінено',
  'comments.reply': 'Відповісти',
  'comments.replyTo': 'Відповідь для {name}',
  'comments.replies': 'Відповіді',
  'comments.edit': 'Змінити',
  'comments.delete': 'Видалити',
  'comments.report': 'Поскаржитися',
  'comments.save': 'Зберегти',
  'comments.cancel': 'Скасувати',
  'comments.form.title': 'Додати коментар',
  'comments.form.body': 'Ваш коментар',
  'comments.form.hint':
    'Звичайний текст. Залишайте порожній рядок між абзацами; почніть рядок із >, щоб процитувати. Посилання дозволені.',
  'comments.form.name': 'Ім’я, що показується біля ваших коментарів',
  'comments.form.post': 'Опублікувати коментар',
  'comments.form.error': 'Ваш коментар не опубліковано:',
  'comments.signIn': 'Увійдіть, щоб долучитися до розмови.',
  'comments.signInLink': 'Увійти',
  'comments.payingOnly': 'Коментувати цей матеріал можуть учасники, які підтримують нас фінансово.',
  'comments.becomeMember': 'Стати учасником',
  'comments.banned': 'Ваш обліковий запис більше не може коментувати на цьому сайті.',
  'comments.posted': 'Дякуємо: ваш коментар опубліковано.',
  'comments.postedHeld': 'Дякуємо: ваш коментар з’явиться, щойно модератор його схвалить.',
  'comments.saved': 'Зміни збережено.',
  'comments.removed': 'Ваш коментар видалено.',
  'comments.reported': 'Дякуємо: модератори перевірять цей коментар.',
  'comments.confirmDelete': 'Видалити цей коментар? Це не можна скасувати.',
  'comments.error.notFound': 'Такого коментаря чи матеріалу не знайдено.',
  'comments.error.closed': 'Коментарі до цього матеріалу закрито.',
  'comments.error.signIn': 'Увійдіть, щоб коментувати.',
  'comments.error.payingOnly':
    'Коментувати цей матеріал можуть лише учасники, які підтримують нас фінансово.',
  'comments.error.banned': 'Ваш обліковий запис більше не може коментувати на цьому сайті.',
  'comments.error.empty': 'Напишіть щось, перш ніж публікувати.',
  'comments.error.tooLong': 'Коментар задовгий (щонайбільше 5000 символів).',
  'comments.error.name':
    'Укажіть ім’я, що показуватиметься біля ваших коментарів (від 1 до 60 символів).',
  'comments.error.replyDepth':
    'Відповідати можна лише на коментар верхнього рівня, що показаний на сторінці.',
  'comments.error.notYours': 'Змінювати можна лише власні коментарі.',
  'comments.error.editWindow': 'Коментар можна змінити лише протягом 15 хвилин після публікації.',
  'comments.error.gone': 'Цей коментар прибрано.',
  'comments.error.ownReport': 'Не можна скаржитися на власний коментар.',
  'comments.error.tooMany':
    'Ви публікуєте надто часто. Зачекайте кілька хвилин і спробуйте ще раз.',
  'comments.error.forbidden':
    'Ця форма застаріла або надіслана з іншого сайту. Оновіть сторінку й спробуйте ще раз.',
  'comments.mail.subject': '{name} відповідає на ваш коментар до «{title}»',
  'comments.mail.text': '{name} відповідає на ваш коментар до «{title}»:',
  'comments.mail.read': 'Читати розмову:',
  'comments.mail.optOut': 'Більше не надсилати листів про відповіді на ваші коментарі:',
  'comments.optOut.title': 'Листів про відповіді більше не буде',
  'comments.optOut.text': 'Ми більше не надсилатимемо вам листів про відповіді на ваші коментарі.',
  'comments.optOut.ask':
    'Натисніть кнопку, щоб більше не отримувати листів про відповіді на ваші коментарі.',
  'comments.optOut.button': 'Не надсилати листів про відповіді',
  'comments.optOut.invalid': 'Це посилання недійсне. Скористайтеся посиланням з останнього листа.',
};
