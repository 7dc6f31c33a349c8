import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { type MutableRefObject, useEffect, useMemo } from 'react';
import { documentExtensions } from '../../editor/schema-extensions';
import { Toolbar } from '../editor/Toolbar';

/**
 * The issue's body in the same TipTap editor and schema as articles, so the server validates
 * and renders it with the article document code.
 */
export function IssueBody({
  initialDoc,
  editable,
  editorRef,
  onChange,
}: {
  initialDoc: unknown;
  editable: boolean;
  editorRef: MutableRefObject<Editor | null>;
  onChange: () => void;
}) {
  const extensions = useMemo(() => documentExtensions(), []);
  const editor = useEditor({
    extensions,
    content: initialDoc as Record<string, unknown>,
    editable,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        'aria-label': 'Issue body',
        'aria-multiline': 'true',
        role: 'textbox',
        class: 'prose',
      },
    },
  });
  editorRef.current = editor;
  useEffect(() => {
    editor.setEditable(editable);
  }, [editor, editable]);
  useEffect(() => {
    editor.on('update', onChange);
    return () => {
      editor.off('update', onChange);
    };
  }, [editor, onChange]);
  return (
    <div className="body-editor">
      {editable ? <Toolbar editor={editor} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}
