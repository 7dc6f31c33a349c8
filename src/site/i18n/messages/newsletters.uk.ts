import type { newslettersEn } from './newsletters.en.js';

// Ukrainian wording of the newsletter forms, pages and emails (same keys as English).

export const newslettersUk: { readonly [key in keyof typeof newslettersEn]: string } = {
  'newsletters.title': 'Розсилки',
  'newsletters.none': 'Поки що немає розсилок, на які можна підписатися.',
  'newsletters.backHome': 'Повернутися на головну',
  'newsletters.form.title': 'Підписатися',
  'newsletters.form.articleTitle': 'Отримуйте нашу розсилку',
  'newsletters.form.lead': 'Новини від редакції — у вашій поштовій скриньці.',
  'newsletters.form.legend': "Поля, позначені зірочкою (*), обов'язкові.",
  'newsletters.form.choose': 'Оберіть розсилки',
  'newsletters.form.email': 'Адреса електронної пошти',
  'newsletters.form.name': "Ваше ім'я (необов'язково)",
  'newsletters.form.trap': 'Залиште це поле порожнім',
  'newsletters.form.submit': 'Підписатися',
  'newsletters.form.consent':
    'Підписуючись, ви погоджуєтеся отримувати обрані розсилки електронною поштою. Спершу ми надішлемо лист для підтвердження; у кожному листі є посилання, щоб відписатися одним натисканням. Ми нікому не передаємо вашу адресу.',
  'newsletters.form.sending': 'Надсилаємо…',
  'newsletters.form.thanks': 'Дякуємо.',
  'newsletters.form.failed': 'Щось пішло не так. Спробуйте ще раз.',
  'newsletters.form.offline': 'Не вдалося з’єднатися з мережею. Спробуйте ще раз.',
  'newsletters.signup.accepted':
    'Дякуємо. Ми надіслали вам лист для підтвердження: відкрийте його й підтвердьте підписку, щоб почати отримувати розсилку.',
  'newsletters.signup.checkInbox': 'Перевірте пошту',
  'newsletters.signup.notSubscribed': 'Підписку не оформлено',
  'newsletters.signup.foreignForm': 'Цю форму можна надіслати лише з наших сторінок.',
  'newsletters.signup.tooMany':
    'Забагато підписок із вашої мережі. Спробуйте ще раз за кілька хвилин.',
  'newsletters.signup.chooseOne': 'Оберіть принаймні одну розсилку.',
  'newsletters.signup.checkForm': 'Перевірте, будь ласка, форму.',
  'newsletters.email.empty': 'Введіть адресу електронної пошти.',
  'newsletters.email.tooLong': 'Ця адреса електронної пошти задовга.',
  'newsletters.email.whitespace':
    'Адреса електронної пошти не може містити пробілів чи розривів рядка.',
  'newsletters.email.shape': 'Введіть адресу у форматі name@example.org.',
  'newsletters.email.localTooLong': 'Частина перед @ задовга (щонайбільше 64 символи).',
  'newsletters.email.localDots':
    'Частина перед @ не може починатися чи закінчуватися крапкою або мати дві крапки поспіль.',
  'newsletters.email.localCharacter': 'Частина перед @ містить недозволений символ.',
  'newsletters.email.ipDomain': 'Після @ вкажіть доменне ім’я, а не IP-адресу.',
  'newsletters.email.domainInvalid': 'Домен після @ не є дійсним доменним ім’ям.',
  'newsletters.email.domainTooLong': 'Домен після @ задовгий.',
  'newsletters.email.domainDot': 'Домен після @ має містити крапку, наприклад example.org.',
  'newsletters.link.invalidTitle': 'Посилання недійсне',
  'newsletters.link.invalid':
    'Це посилання недійсне. Скористайтеся посиланням з останнього листа від нас.',
  'newsletters.link.expiredTitle': 'Термін дії посилання минув',
  'newsletters.link.expired':
    'Термін дії цього посилання для підтвердження минув. Підпишіться ще раз, щоб отримати нове.',
  'newsletters.link.usedTitle': 'Вже підтверджено',
  'newsletters.link.used': 'Це посилання вже використано: вашу підписку підтверджено.',
  'newsletters.tooManyRequests': 'Забагато запитів. Спробуйте ще раз за кілька хвилин.',
  'newsletters.confirm.title': 'Підтвердьте підписку',
  'newsletters.confirm.text':
    'Натисніть кнопку, щоб підтвердити, що хочете отримувати нашу розсилку на цю адресу.',
  'newsletters.confirm.button': 'Підтвердити підписку',
  'newsletters.confirm.doneTitle': 'Підписку підтверджено',
  'newsletters.confirm.done':
    'Дякуємо — ви підписалися. Перший лист надійде з найближчим випуском.',
  'newsletters.preferences.title': 'Ваші розсилки',
  'newsletters.preferences.for': 'Підписки для {email}.',
  'newsletters.preferences.saved': 'Ваш вибір збережено.',
  'newsletters.preferences.legend': 'Надсилати мені',
  'newsletters.preferences.save': 'Зберегти вибір',
  'newsletters.preferences.unsubscribeAll': 'Відписатися від усіх',
  'newsletters.unsubscribe.title': 'Відписатися',
  'newsletters.unsubscribe.text': 'Натисніть кнопку, щоб більше не отримувати цю розсилку.',
  'newsletters.unsubscribe.button': 'Відписатися',
  'newsletters.unsubscribe.instead': 'Натомість оберіть, які розсилки отримувати',
  'newsletters.unsubscribe.doneTitle': 'Ви відписалися',
  'newsletters.unsubscribe.done': 'Ви відписалися. Ми більше не надсилатимемо вам цю розсилку.',
  'newsletters.unsubscribe.allDone':
    'Ви відписалися від усіх наших розсилок. Ми більше не надсилатимемо вам листів.',
  'newsletters.mail.hello': 'Вітаємо!',
  'newsletters.mail.helloName': 'Вітаємо, {name}!',
  'newsletters.mail.ourNewsletters': 'наші розсилки',
  'newsletters.mail.confirmSubject': 'Підтвердьте підписку: {names}',
  'newsletters.mail.confirmAsked':
    'Хтось (сподіваємося, що ви) попросив надсилати на цю адресу {names} від {site}.',
  'newsletters.mail.confirmHow':
    'Щоб підтвердити, відкрийте це посилання й натисніть «Підтвердити підписку»:',
  'newsletters.mail.confirmIgnore':
    'Посилання діє 7 днів. Якщо ви не просили про це, просто проігноруйте лист: підписку не буде оформлено.',
  'newsletters.mail.manage': 'Керувати підписками: {url}',
  'newsletters.issue.readStory': 'Читати матеріал',
  'newsletters.issue.why': 'Ви отримуєте «{newsletter}», бо підписалися на цю розсилку.',
  'newsletters.issue.manage': 'Керувати розсилками',
  'newsletters.issue.unsubscribe': 'Відписатися',
} as const;
