import type { ArticleCreateInput } from '../../content/article.input.js';
import { buildArticle } from '../../test-support/test-app.js';
import type { DatabaseHandle, Executor } from '../../platform/db/database.js';
import { createEventBus } from '../../platform/events/domain-events.js';
import { findOrCreateMember } from '../../revenue/member.repository.js';
import { insertSubscription } from '../../revenue/members/test-fixtures/subscriptions.js';

// Small factories for the comments' tests (STYLE.md §12).

let counter = 0;

/** A published article (no domain subscribers: the comments do not need them). */
export function buildCommentArticle(
  database: DatabaseHandle,
  overrides: Partial<ArticleCreateInput> = {},
) {
  counter += 1;
  return buildArticle(
    database,
    { title: `Commented story ${counter}`, ...overrides },
    createEventBus(),
  );
}

/** A member with an active paid membership (the `paying` comment mode lets them in). */
export async function buildPayingMember(db: Executor, email: string) {
  const now = new Date().toISOString();
  const member = await findOrCreateMember(db, email, now);
  await insertSubscription(db, member.id);
  return member;
}
