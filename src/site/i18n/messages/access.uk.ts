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
};
