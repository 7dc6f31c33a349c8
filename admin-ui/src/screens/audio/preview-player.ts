import { useEffect, useRef } from 'react';
import { apiBlob } from '../../api';

/** What to say, and optionally with which engine and voice ('' = the default). */
export interface PreviewRequest {
  text: string;
  language: string;
  engine?: string;
  voice?: string;
}

/** Plays MP3 previews from blob URLs, one at a time, freeing each URL once replaced. */
export function usePreviewPlayer() {
  const audio = useRef<HTMLAudioElement | null>(null);
  const url = useRef<string | null>(null);
  useEffect(
    () => () => {
      audio.current?.pause();
      if (url.current) URL.revokeObjectURL(url.current);
    },
    [],
  );
  return async (request: PreviewRequest) => {
    // The preview takes a plain language code: "en-GB" is spoken as "en".
    const blob = await apiBlob('/api/admin/audio/lexicon/preview', {
      ...request,
      language: request.language.split('-')[0] ?? 'en',
    });
    audio.current?.pause();
    if (url.current) URL.revokeObjectURL(url.current);
    url.current = URL.createObjectURL(blob);
    audio.current = new Audio(url.current);
    await audio.current.play();
  };
}
