import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api';
import type { Article } from '../../types';

export type SaveStatus =
  | { kind: 'saved'; at: string }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'error'; error: unknown }
  | { kind: 'conflict' };

const autosaveEveryMs = 3000;

/**
 * Saves the article with optimistic concurrency: every PATCH carries the version it was based
 * on; a 409 stops all saving and shows the conflict, so nothing is ever silently overwritten.
 * Saves are serialised, run every few seconds while there are changes, and on demand (blur,
 * workflow buttons).
 */
export function useArticleSaver(initial: Article, collect: () => Record<string, unknown>) {
  const version = useRef(initial.version);
  const dirty = useRef(false);
  const failed = useRef(false);
  const conflict = useRef(false);
  const inFlight = useRef<Promise<Article | null> | null>(null);
  const collectRef = useRef(collect);
  collectRef.current = collect;
  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved', at: initial.updated_at });

  const markDirty = useCallback(() => {
    failed.current = false;
    if (dirty.current || conflict.current) return;
    dirty.current = true;
    setStatus({ kind: 'unsaved' });
  }, []);

  const save = useCallback(async (): Promise<Article | null> => {
    while (inFlight.current) await inFlight.current;
    if (!dirty.current || conflict.current) return null;
    dirty.current = false;
    setStatus({ kind: 'saving' });
    const request = api<{ article: Article }>('PATCH', `/api/admin/articles/${initial.id}`, {
      ...collectRef.current(),
      version: version.current,
    }).then(
      ({ article }) => {
        version.current = article.version;
        if (!dirty.current) setStatus({ kind: 'saved', at: new Date().toISOString() });
        return article;
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 409) {
          conflict.current = true;
          setStatus({ kind: 'conflict' });
        } else {
          // Keep the changes; retry after the next edit or an explicit save, not in a loop.
          dirty.current = true;
          failed.current = true;
          setStatus({ kind: 'error', error });
        }
        return null;
      },
    );
    inFlight.current = request;
    try {
      return await request;
    } finally {
      inFlight.current = null;
    }
  }, [initial.id]);

  /** An explicit save (button): retries even after an error. */
  const saveNow = useCallback(async () => {
    failed.current = false;
    return save();
  }, [save]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (dirty.current && !failed.current) void save();
    }, autosaveEveryMs);
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      clearInterval(timer);
      window.removeEventListener('beforeunload', warn);
    };
  }, [save]);

  /** After a workflow action or restore the server's version moves on. */
  const adopt = useCallback((article: Article) => {
    version.current = article.version;
  }, []);

  return { status, markDirty, save, saveNow, adopt, version, isDirty: () => dirty.current };
}
