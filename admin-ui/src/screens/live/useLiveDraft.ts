import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api';
import { createUpdate, editUpdate, loadDesk } from './live-api';
import type { LiveUpdate, LiveUpdateFields } from './types';

export type DraftStatus =
  | { kind: 'empty' }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'error'; error: unknown };

const saveAfterMs = 1_000;

/** Thrown when the draft in the box was posted from another window meanwhile. */
export class DraftAlreadyPostedError extends Error {}

/**
 * Keeps the compose box as the reporter's own draft update on the server: saved a second
 * after typing pauses (one request at a time), restored on reload, and published by the same
 * PATCH when posted, so the text is never lost between the two.
 */
export function useLiveDraft(
  articleId: number,
  initial: LiveUpdate | undefined,
  collect: () => LiveUpdateFields,
) {
  const draft = useRef<{ id: number; version: number } | null>(
    initial ? { id: initial.id, version: initial.version } : null,
  );
  const dirty = useRef(false);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const collectRef = useRef(collect);
  collectRef.current = collect;
  const [status, setStatus] = useState<DraftStatus>(
    initial ? { kind: 'saved', at: initial.updated_at } : { kind: 'empty' },
  );

  /** Runs saves one after another, so versions never race. */
  const serially = useCallback(<T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.current.then(task, task);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const send = useCallback(
    async (fields: LiveUpdateFields, publishing: boolean): Promise<LiveUpdate> => {
      const current = draft.current;
      if (!current) {
        const created = await createUpdate(articleId, { status: 'draft', ...fields });
        draft.current = { id: created.id, version: created.version };
        return created;
      }
      try {
        const saved = await editUpdate(current.id, current.version, fields);
        draft.current = { id: saved.id, version: saved.version };
        return saved;
      } catch (error) {
        if (!(error instanceof ApiError) || (error.status !== 409 && error.status !== 404))
          throw error;
        // The draft moved on in another window of the same person (or was posted or deleted
        // there). The text in this box is what the reporter sees now, so it wins.
        const fresh = (await loadDesk(articleId)).drafts.find((d) => d.id === current.id);
        if (!fresh) {
          draft.current = null;
          if (publishing) throw new DraftAlreadyPostedError();
          return send(fields, publishing);
        }
        const saved = await editUpdate(fresh.id, fresh.version, fields);
        draft.current = { id: saved.id, version: saved.version };
        return saved;
      }
    },
    [articleId],
  );

  const saveDraft = useCallback(
    () =>
      serially(async () => {
        if (!dirty.current) return;
        dirty.current = false;
        setStatus({ kind: 'saving' });
        try {
          await send({ ...collectRef.current(), status: 'draft' }, false);
          if (!dirty.current) setStatus({ kind: 'saved', at: new Date().toISOString() });
        } catch (error) {
          dirty.current = true;
          setStatus({ kind: 'error', error });
        }
      }),
    [serially, send],
  );

  /** Called on every edit: cheap (no render unless the status line changes). */
  const markDirty = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveDraft(), saveAfterMs);
    if (dirty.current) return;
    dirty.current = true;
    setStatus((s) => (s.kind === 'unsaved' ? s : { kind: 'unsaved' }));
  }, [saveDraft]);

  /**
   * Publishes (or schedules) `fields`, collected by the caller when the reporter pressed Post
   * (the box may already hold the next update by the time the queue gets here): the draft
   * itself is published when there is one.
   */
  const post = useCallback(
    (fields: LiveUpdateFields) => {
      clearTimeout(timer.current);
      const wasDirty = dirty.current;
      dirty.current = false;
      return serially(async () => {
        try {
          const update = await send(fields, true);
          draft.current = null;
          setStatus(dirty.current ? { kind: 'unsaved' } : { kind: 'empty' });
          return update;
        } catch (error) {
          dirty.current ||= wasDirty;
          throw error;
        }
      });
    },
    [serially, send],
  );

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      clearTimeout(timer.current);
      // Leaving the desk inside the app: keep what was typed.
      if (dirty.current) void saveDraft();
    };
  }, [saveDraft]);

  return { status, markDirty, post, saveDraft };
}
