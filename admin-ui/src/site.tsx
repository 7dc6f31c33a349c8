import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { api } from './api';
import { useSession } from './session';

/** The site settings the admin needs everywhere (GET /api/admin/settings). */
export interface SiteSettings {
  name: string;
  timeZone: string;
  language: string;
  [key: string]: unknown;
}

const fallback: SiteSettings = { name: 'Masthead', timeZone: 'UTC', language: 'en' };
const SiteContext = createContext<{ site: SiteSettings; setSite(s: SiteSettings): void }>({
  site: fallback,
  setSite: () => undefined,
});

export function SiteProvider({ children }: { children: ReactNode }) {
  const [site, setSite] = useState<SiteSettings>(fallback);
  const { user } = useSession();
  const userId = user?.id;
  useEffect(() => {
    if (userId === undefined) return;
    api<{ settings: SiteSettings }>('GET', '/api/admin/settings').then(
      (answer) => setSite({ ...fallback, ...answer.settings }),
      // Without the settings API the app still works, with UTC times.
      () => undefined,
    );
  }, [userId]);
  return <SiteContext.Provider value={{ site, setSite }}>{children}</SiteContext.Provider>;
}

export function useSite() {
  return useContext(SiteContext);
}
