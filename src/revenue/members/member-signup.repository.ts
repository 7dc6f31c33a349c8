import type { Executor } from '../../platform/db/database.js';

// Where a free member registered from: written once, by the sign-in request that made the
// account, so revenue and analytics can say which prompt (a soft wall) brought registrations.

/** Prompts whose links may carry a registration's attribution to the sign-in form. */
export const signupPrompts = ['registration-wall', 'wall'] as const;

export interface SignupAttribution {
  prompt: (typeof signupPrompts)[number];
  articleId: number | null;
  page: string;
}

/** Reads the attribution from the sign-in link's query or form; anything else is dropped. */
export function readSignupAttribution(
  fields: Record<string, unknown>,
): SignupAttribution | undefined {
  const prompt = signupPrompts.find((known) => known === fields.prompt);
  if (!prompt) return undefined;
  const id = typeof fields.article_id === 'string' ? fields.article_id : '';
  const page = typeof fields.page === 'string' ? fields.page : '';
  return {
    prompt,
    articleId: /^[1-9]\d{0,9}$/.test(id) ? Number(id) : null,
    page: /^\/(?!\/)[^\s\\]{0,200}$/.test(page) ? page : '',
  };
}

/** Records where a new member registered from (a second call for the member changes nothing). */
export async function recordMemberSignup(
  executor: Executor,
  memberId: number,
  attribution: SignupAttribution,
  now: string,
): Promise<void> {
  await executor
    .insertInto('member_signups')
    .values({
      member_id: memberId,
      prompt: attribution.prompt,
      article_id: attribution.articleId,
      page: attribution.page,
      created_at: now,
    })
    .onConflict((oc) => oc.column('member_id').doNothing())
    .execute();
}
