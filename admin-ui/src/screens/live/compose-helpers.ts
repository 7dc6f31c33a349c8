import type { KeyboardEvent } from 'react';
import { errorMessage } from '../../api';
import type { DraftStatus } from './useLiveDraft';

// Small pieces of the compose box and the inline editor.

/** The byline field's names; empty means the person posting. */
export const bylineNames = (text: string, poster: string) => {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return names.length > 0 ? names : [poster];
};

/** Ctrl+Enter, or Cmd+Enter on a Mac. */
export const isPostShortcut = (event: KeyboardEvent) =>
  event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey;

export function draftLine(status: DraftStatus): string {
  switch (status.kind) {
    case 'empty':
      return '';
    case 'unsaved':
      return 'Draft not saved yet';
    case 'saving':
      return 'Saving draft…';
    case 'saved':
      return `Draft saved ${new Date(status.at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;
    case 'error':
      return `Draft not saved: ${errorMessage(status.error)}`;
  }
}
