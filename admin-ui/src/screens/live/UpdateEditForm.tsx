import type { JSONContent } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api';
import { documentExtensions } from '../../editor/schema-extensions';
import { useSite } from '../../site';
import { Alert, Field } from '../../ui';
import { utcToZoned } from '../../zone-time';
import type { DocumentJson } from '../../../../src/content/document/document-schema';
import { Toolbar } from '../editor/Toolbar';
import { editUpdate } from './live-api';
import { isPostShortcut } from './compose-helpers';
import type { LiveUpdate, LiveUpdateFields } from './types';

/**
 * Edits one posted update in place. The save carries the version the form was opened on, so
 * someone else's save in between is a 409, shown as such, never silently overwritten.
 */
export function UpdateEditForm({
  update,
  onSaved,
  onCancel,
  onStale,
}: {
  update: LiveUpdate;
  onSaved: (update: LiveUpdate) => void;
  onCancel: () => void;
  onStale: () => void;
}) {
  const { site } = useSite();
  const [baseVersion] = useState(update.version);
  const [headline, setHeadline] = useState(update.headline);
  const [correction, setCorrection] = useState(update.correction);
  const [when, setWhen] = useState(
    update.status === 'scheduled' && update.published_at
      ? utcToZoned(update.published_at, site.timeZone)
      : '',
  );
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const extensions = useMemo(() => documentExtensions(), []);
  const editor = useEditor({
    extensions,
    content: update.doc as JSONContent,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        'aria-label': 'Update text',
        'aria-multiline': 'true',
        role: 'textbox',
        class: 'prose live-compose-body',
      },
    },
  });

  // The person asked to edit: put them in the text.
  useEffect(() => {
    editor.commands.focus('end');
  }, [editor]);

  async function save() {
    if (saving) return;
    setSaving(true);
    setError(null);
    const fields: LiveUpdateFields = {
      headline,
      doc: editor.getJSON() as DocumentJson,
      correction,
      ...(update.status === 'scheduled' && when ? { published_at: when } : {}),
    };
    try {
      onSaved(await editUpdate(update.id, baseVersion, fields));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setConflict(true);
        onStale();
      } else setError(err);
    } finally {
      setSaving(false);
    }
  }

  function onKeyDownCapture(event: KeyboardEvent) {
    if (!isPostShortcut(event)) return;
    event.preventDefault();
    event.stopPropagation();
    void save();
  }

  return (
    <form
      className="live-edit stack"
      aria-label="Edit update"
      onKeyDownCapture={onKeyDownCapture}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {conflict ? (
        <div className="conflict" role="alert">
          <p>
            <strong>Someone else changed this update while you were editing it.</strong> Your
            changes were not saved and nothing was overwritten. Cancel to see their version (the
            feed has been reloaded), then edit again; copy your text first if you need it.
          </p>
          <details>
            <summary>Show my text</summary>
            <textarea
              readOnly
              rows={5}
              aria-label="Your unsaved text"
              value={`${headline}\n\n${editor.getText()}`}
            />
          </details>
        </div>
      ) : null}
      <Field label="Headline (optional)">
        {(props) => (
          <input
            {...props}
            value={headline}
            maxLength={200}
            onChange={(e) => setHeadline(e.target.value)}
          />
        )}
      </Field>
      <div className="body-editor">
        <Toolbar editor={editor} />
        <EditorContent editor={editor} />
      </div>
      {update.status === 'scheduled' ? (
        <Field label={`Scheduled for (${site.timeZone})`}>
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
      <Field
        label="Correction note"
        hint="Shown to readers with the update, e.g. “An earlier version gave the wrong time.”"
      >
        {(props) => (
          <textarea
            {...props}
            rows={2}
            maxLength={1000}
            value={correction}
            onChange={(e) => setCorrection(e.target.value)}
          />
        )}
      </Field>
      <Alert error={error} />
      <div className="row wrap">
        <button
          type="submit"
          className="primary"
          disabled={conflict}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          {saving ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
