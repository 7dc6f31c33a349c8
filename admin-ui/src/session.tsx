import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, ApiError, setCsrfToken } from './api';

export type Role = 'contributor' | 'author' | 'editor' | 'admin';
export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  totp_enabled?: boolean;
}
export interface SignInAnswer {
  user: StaffUser;
  csrfToken: string;
}

const rank: Record<Role, number> = { contributor: 0, author: 1, editor: 2, admin: 3 };

/** Whether `role` is at least `needed` (contributor < author < editor < admin). */
export function atLeast(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && rank[role] >= rank[needed];
}

interface SessionValue {
  /** undefined while loading; null when signed out. */
  user: StaffUser | null | undefined;
  signedIn(answer: SignInAnswer): void;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<StaffUser | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      const me = await api<{ user: StaffUser | null; csrfToken: string | null }>(
        'GET',
        '/api/admin/whoami',
      );
      setCsrfToken(me.csrfToken);
      setUser(me.user);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403))
        setUser(null);
      else throw error;
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setUser(null));
  }, [refresh]);

  const signedIn = useCallback((answer: SignInAnswer) => {
    setCsrfToken(answer.csrfToken);
    setUser(answer.user);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api('DELETE', '/api/admin/session');
    } finally {
      setCsrfToken(null);
      setUser(null);
    }
  }, []);

  return (
    <SessionContext.Provider value={{ user, signedIn, signOut, refresh }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user (screens behind sign-in only). */
export function useUser(): StaffUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser while signed out');
  return user;
}
