import type { JSONContent } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { documentExtensions } from '../../editor/schema-extensions';
import { useUser } from '../../session';
import { useSite } from '../../site';
import { Alert, Field } from '../../ui';
import { Toolbar } from '../editor/Toolbar';
import type { DocumentJson } from '../../../../src/content/document/document-schema';
import { formatUpdateTime } from './UpdateBody';
import type { LiveUpdate, LiveUpdateFields } from './types';
import { bylineNames, draftLine, isPostShortcut } from './compose-helpers';
import { DraftAlreadyPostedError, useLiveDraft } from './useLiveDraft';

/** Typing stops counting as "typing" for the others after this long without a keystroke. */
const typingIdleMs = 4_000;

export interface ComposeRights {
  publish: boolean;
  pin: boolean;
  push: boolean;
}

/**
 * The always-open compose box: the article editor's schema and toolbar, the reporter's text
 * kept as their server-side draft, posted with Ctrl/Cmd+Enter. Typing re-renders nothing here
 * (the editor does not re-render per transaction; drafts and typing reports use refs).
 */
export function LiveCompose({
  articleId,
  initialDraft,
  rights,
  ended,
  onPosted,
  setTyping,
}: {
  articleId: number;
  initialDraft: LiveUpdate | undefined;
  rights: ComposeRights;
  ended: boolean;
  onPosted: (update: LiveUpdate) => void;
  setTyping: (typing: boolean) => void;
}) {
  const { site } = useSite();
  const user = useUser();
  const hintId = useId();
  const extensions = useMemo(() => documentExtensions(), []);
  const [headline, setHeadline] = useState(initialDraft?.headline ?? '');
  // The byline stays from one update to the next: a desk often posts for one correspondent.
  const [byline, setByline] = useState(() => {
    const names = initialDraft?.authors.map((a) => a.name) ?? [];
    return names.length === 1 && names[0] === user.name ? '' : names.join(', ');
  });
  const [keyEvent, setKeyEvent] = useState(initialDraft?.key_event ?? false);
  const [pinned, setPinned] = useState(initialDraft?.pinned ?? false);
  const [push, setPush] = useState(initialDraft?.push ?? false);
  const [when, setWhen] = useState('');
  const [posting, setPosting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');

  const editor = useEditor({
    extensions,
    content: (initialDraft?.doc ?? null) as JSONContent | null,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        'aria-label': 'Update text',
        'aria-multiline': 'true',
        'aria-describedby': hintId,
        role: 'textbox',
        class: 'prose live-compose-body',
      },
    },
  });

  const fields = useRef({ headline, byline, keyEvent, pinned, push });
  fields.current = { headline, byline, keyEvent, pinned, push };
  const collect = useCallback((): LiveUpdateFields => {
    const f = fields.current;
    return {
      headline: f.headline,
      authors: bylineNames(f.byline, user.name),
      doc: editor.getJSON() as DocumentJson,
      key_event: f.keyEvent,
      // Flags the person may not set would make the server refuse the whole draft.
      ...(rights.pin ? { pinned: f.pinned } : {}),
      ...(rights.push ? { push: f.push } : {}),
    };
  }, [editor, rights.pin, rights.push, user.name]);
  const draft = useLiveDraft(articleId, initialDraft, collect);
  const { markDirty } = draft;

  // Every edit: save the draft soon, and tell the desk we are typing until we pause.
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const typed = useCallback(() => {
    markDirty();
    setTyping(true);
    clearTimeout(idle.current);
    idle.current = setTimeout(() => setTyping(false), typingIdleMs);
  }, [markDirty, setTyping]);
  useEffect(() => {
    editor.on('update', typed);
    return () => {
      editor.off('update', typed);
      clearTimeout(idle.current);
    };
  }, [editor, typed]);

  const change =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      markDirty();
    };

  async function post() {
    if (posting) return;
    setError(null);
    setAnnouncement('');
    if (editor.isEmpty && headline.trim() === '') {
      setError('Write the update (or add an image) before posting it.');
      editor.commands.focus();
      return;
    }
    const scheduled = when !== '';
    const body: LiveUpdateFields = {
      ...collect(),
      status: scheduled ? 'scheduled' : 'published',
      ...(scheduled ? { published_at: when } : {}),
      ...(rights.pin ? { pinned } : {}),
      ...(rights.push ? { push } : {}),
    };
    // Clear at once so the next update can be typed while this one is sent; put it back if
    // the server refuses it.
    const posted = editor.getJSON();
    const reset = { headline, keyEvent, pinned, push, when };
    editor.commands.clearContent(false);
    setHeadline('');
    setKeyEvent(false);
    setPinned(false);
    setPush(false);
    setWhen('');
    clearTimeout(idle.current);
    setTyping(false);
    setPosting(true);
    try {
      const update = await draft.post(body);
      onPosted(update);
      setAnnouncement(
        update.status === 'scheduled'
          ? `Scheduled for ${formatUpdateTime(update.published_at, site.timeZone)}.`
          : `Posted at ${formatUpdateTime(update.published_at, site.timeZone)}.`,
      );
    } catch (err) {
      if (err instanceof DraftAlreadyPostedError) {
        setError('This draft was already posted from another window; it is in the feed below.');
        return;
      }
      setError(err);
      if (editor.isEmpty) editor.commands.setContent(posted, { emitUpdate: true });
      else editor.commands.insertContentAt(0, posted.content ?? []);
      setHeadline((h) => h || reset.headline);
      setKeyEvent(reset.keyEvent);
      setPinned(reset.pinned);
      setPush(reset.push);
      setWhen(reset.when);
    } finally {
      setPosting(false);
    }
  }

  function onKeyDownCapture(event: KeyboardEvent) {
    // Captured before ProseMirror, whose Mod-Enter would insert a line break.
    if (!isPostShortcut(event)) return;
    event.preventDefault();
    event.stopPropagation();
    void post();
  }

  const scheduled = when !== '';
  return (
    <section
      className="live-compose"
      aria-labelledby="live-compose-title"
      onKeyDownCapture={onKeyDownCapture}
    >
      <h2 id="live-compose-title">New update</h2>
      {ended ? (
        <p className="hint">
          This coverage has ended. Updates you post still appear on its archived page.
        </p>
      ) : null}
      <Field label="Headline (optional)">
        {(props) => (
          <input
            {...props}
            className="live-headline"
            value={headline}
            maxLength={200}
            onChange={(e) => change(setHeadline)(e.target.value)}
          />
        )}
      </Field>
      <div className="body-editor">
        <Toolbar editor={editor} />
        <EditorContent editor={editor} />
      </div>
      <p className="hint" id={hintId}>
        Ctrl+Enter (⌘+Enter on a Mac) posts the update. What you type is kept as your draft.
        {rights.publish ? '' : ' As a contributor you write drafts; an author or editor publishes.'}
      </p>
      <Field label="Byline (optional)" hint="Names separated by commas. Empty: you.">
        {(props) => (
          <input
            {...props}
            className="live-byline-input"
            value={byline}
            onChange={(e) => change(setByline)(e.target.value)}
          />
        )}
      </Field>
      <fieldset className="live-options">
        <legend>Options</legend>
        <label>
          <input
            type="checkbox"
            checked={keyEvent}
            onChange={(e) => change(setKeyEvent)(e.target.checked)}
          />
          Key event
        </label>
        {rights.pin ? (
          <label>
            <input
              type="checkbox"
              checked={pinned}
              onChange={(e) => change(setPinned)(e.target.checked)}
            />
            Pin
          </label>
        ) : null}
        {rights.push ? (
          <label>
            <input
              type="checkbox"
              checked={push}
              onChange={(e) => change(setPush)(e.target.checked)}
            />
            Send push alert
          </label>
        ) : null}
      </fieldset>
      <div className="live-compose-actions">
        {rights.publish ? (
          <Field label={`Schedule for (${site.timeZone})`} hint="Leave empty to post now.">
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={when}
                onChange={(e) => setWhen(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        <button
          type="button"
          className="primary live-post"
          aria-keyshortcuts="Control+Enter Meta+Enter"
          aria-disabled={posting}
          onClick={() => {
            void post().then(() => editor.commands.focus());
          }}
        >
          {scheduled ? 'Schedule update' : 'Post update'}
        </button>
      </div>
      <p className="save-status live-draft-status" aria-live="off">
        {draftLine(draft.status)}
      </p>
      <Alert error={error} />
      <p role="status" className="live-posted">
        {announcement}
      </p>
    </section>
  );
}
