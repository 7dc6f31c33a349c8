import type { supportEn } from './support.en.js';

// Ukrainian wording of the reader-revenue prompts and the /support/ page (same keys as English).

export const supportUk: { readonly [key in keyof typeof supportEn]: string } = {
  'support.member': 'Стати членом клубу',
  'support.donate': 'Підтримати нас одноразово',
  'support.inline.heading': 'Підтримайте незалежну журналістику',
  'support.inline.text': 'Приєднуйтеся до нас у цій боротьбі.',
  'support.afterBody.heading': 'Свобода може коштувати дорого',
  'support.afterBody.text':
    'Незалежну журналістику оплачують її читачі. Підтримайте нас від {minimum} — це займе лише хвилину.',
  'support.banner.label': 'Підтримайте нашу редакцію',
  'support.banner.text':
    'Наша журналістика безкоштовна для читання, бо за неї платять такі читачі, як ви.',
  'support.banner.dismiss': 'Закрити',
  'support.registrationWall.heading': 'Читайте далі: зареєструйтеся безкоштовно',
  'support.registrationWall.text':
    'Зареєструйтеся за адресою електронної пошти, щоб читати далі. Це безкоштовно й займає менше хвилини.',
  'support.registrationWall.register': 'Зареєструватися безкоштовно',
  'support.registrationWall.signIn': 'Уже зареєстровані? Увійти',
  'support.donationWall.heading': 'Перш ніж читати далі',
  'support.donationWall.text':
    'Нашу журналістику можна читати безкоштовно, бо за неї платять читачі. Якщо вона важлива для вас, підтримайте її від {minimum}.',
  'support.donationWall.donate': 'Підтримати зараз',
  'support.donationWall.continue': 'Читати далі',
  'support.cards': 'Картки, які ми приймаємо',
  'support.amount': 'Сума',
  'support.otherAmount': 'Інша сума ({currency})',
  'support.amountRange': 'Від {minimum} до {maximum}.',
  'support.give': 'Підтримати',
  'support.page.title': 'Підтримайте нашу журналістику',
  'support.page.intro':
    'Незалежна журналістика коштує грошей. За неї платять такі читачі, як ви, — оберіть, що вам зручно.',
  'support.page.canceled': 'Оплату не здійснено. Ви можете спробувати ще раз будь-коли.',
  'support.membership.title': 'Стати членом клубу',
  'support.membership.intro': 'Членство поновлюється автоматично. Скасувати можна будь-коли.',
  'support.membership.billing': 'Оплата',
  'support.membership.monthly': 'Щомісяця',
  'support.membership.yearly': 'Щороку',
  'support.membership.perMonth': '{amount} на місяць',
  'support.membership.perYear': '{amount} на рік',
  'support.membership.join': 'Приєднатися: {tier}',
  'support.donation.title': 'Підтримати нас одноразово',
  'support.donation.intro': 'Одноразовий внесок будь-якої суми від {minimum}.',
  'support.donation.submit': 'Задонатити',
  'support.recurring.title': 'Підтримувати щомісяця',
  'support.recurring.intro': 'Щомісячний внесок, який можна припинити будь-коли.',
  'support.recurring.submit': 'Підтримувати щомісяця',
  'support.coverFee':
    'Додати комісію за оплату карткою ({percent}% + {fixed}), щоб редакція отримала весь мій внесок',
  'support.coverFeeAmount': 'Додається {fee}: разом {total}.',
  'support.email': 'Електронна пошта (необовʼязково)',
  'support.emailHint': 'Для квитанції. Її можна вказати й на сторінці оплати.',
  'support.secure':
    'Платежі обробляє наш платіжний провайдер: дані вашої картки ніколи не потрапляють на наші сервери.',
  'support.error': 'Щось пішло не так. Спробуйте ще раз.',
  'support.sending': 'Відкриваємо сторінку оплати…',
};
