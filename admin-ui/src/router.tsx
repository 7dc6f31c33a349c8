import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from 'react';

// A small history-API router: the app has a dozen screens, not enough to need a library.

export const basePath = '/admin';

/** Goes to an app path such as `/articles/3/edit` (without the /admin prefix). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = `${basePath}${to}`;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The current app path (without /admin) and query, updated on navigation. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const read = () => ({
    path: location.pathname.slice(basePath.length).replace(/\/$/, '') || '/',
    search: new URLSearchParams(location.search),
  });
  const [state, setState] = useState(read);
  useEffect(() => {
    const update = () => setState(read());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return state;
}

/** An in-app link: a real <a href> (so it works with the keyboard and new tabs) without reloads. */
export function Link({
  to,
  ...props
}: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    props.onClick?.(event);
    if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.shiftKey || event.button)
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a {...props} href={`${basePath}${to}`} onClick={onClick} />;
}

/** Matches `/articles/:id/edit`-style patterns; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/:(\w+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}$`,
  );
  const found = regex.exec(path);
  if (!found) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? '')]));
}
