import { getSchema } from '@tiptap/core';
import { DOMSerializer, Node as PmNode } from '@tiptap/pm/model';
import { memo, useLayoutEffect, useRef } from 'react';
import { documentExtensions } from '../../editor/schema-extensions';

// The feed draws each update's body with the editor's own schema and renderers (DOM nodes, no
// HTML strings), so it looks as it did in the compose box. Built once for the whole feed.
const schema = getSchema(documentExtensions());
const serializer = DOMSerializer.fromSchema(schema);

/** An update's body, read-only. Re-drawn only when the document object changes. */
export const UpdateBody = memo(function UpdateBody({ doc }: { doc: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    try {
      const node = PmNode.fromJSON(schema, doc as Record<string, unknown>);
      element.replaceChildren(serializer.serializeFragment(node.content));
    } catch {
      element.textContent = 'This update’s body could not be shown.';
    }
  }, [doc]);
  return <div ref={ref} className="live-body" />;
});

/** The plain text of a stored document (for history), or '' when it does not fit the schema. */
export function documentText(doc: unknown): string {
  try {
    const node = PmNode.fromJSON(schema, doc as Record<string, unknown>);
    return node.textBetween(0, node.content.size, '\n\n', ' ');
  } catch {
    return '';
  }
}

/** When an update appeared (or will): the time, with the date unless it is today. */
export function formatUpdateTime(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  const day = (d: Date) =>
    new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone }).format(d);
  const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone }).format(date);
  return day(date) === day(new Date()) ? time : `${day(date)}, ${time}`;
}
