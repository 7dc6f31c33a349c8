import type { Generated } from 'kysely';

/** Where a member registered from (migration 2026120811-member-signups). */
export interface MemberSignupTable {
  member_id: number;
  /** The prompt whose link led to the sign-in form, e.g. `registration-wall`. */
  prompt: string;
  article_id: number | null;
  page: Generated<string>;
  created_at: string;
}

declare module '../../platform/db/database-schema.js' {
  interface Database {
    member_signups: MemberSignupTable;
  }
}
