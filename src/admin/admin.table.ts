import type { Generated, Selectable } from 'kysely';

import type { StaffRole } from '../platform/http/staff-access.js';

export type { StaffRole };
export const staffRoles = ['contributor', 'author', 'editor', 'admin'] as const;

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string;
  role: StaffRole;
  created_at: string;
  updated_at: string;
  disabled_at: string | null;
}

export interface SessionTable {
  /** sha256 of the cookie value: a leaked table does not yield usable cookies. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string;
  user_agent: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  role: StaffRole;
  /** sha256 of the token; the token itself is printed once and never stored. */
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;

export interface PasswordResetTable {
  id: Generated<number>;
  user_id: number;
  /** sha256 of the emailed token. */
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface InvitationTable {
  id: Generated<number>;
  email: string;
  role: StaffRole;
  name: string;
  /** sha256 of the emailed token. */
  token_hash: string;
  invited_by: number | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}

export interface UserTotpTable {
  user_id: number;
  secret: string | null;
  pending_secret: string | null;
  enabled_at: string | null;
  last_used_step: number | null;
  updated_at: string;
}

export type PasswordResetRow = Selectable<PasswordResetTable>;
export type InvitationRow = Selectable<InvitationTable>;
export type UserTotpRow = Selectable<UserTotpTable>;

declare module '../platform/db/database-schema.js' {
  interface Database {
    users: UserTable;
    sessions: SessionTable;
    api_tokens: ApiTokenTable;
    password_resets: PasswordResetTable;
    invitations: InvitationTable;
    user_totp: UserTotpTable;
  }
}
