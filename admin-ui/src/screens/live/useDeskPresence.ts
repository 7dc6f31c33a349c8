import { useCallback, useEffect, useRef, useState } from 'react';
import { leaveDesk, reportPresence } from './live-api';
import type { DeskMember } from './types';

// The server forgets someone silent for 20 s and a "typing" report after 8 s
// (src/content/live/live-desk-presence.ts): a heartbeat every 5 s keeps both alive.
const heartbeatMs = 5_000;

const samePresence = (a: DeskMember[], b: DeskMember[]) =>
  a.length === b.length &&
  a.every((m, i) => m.user_id === b[i]?.user_id && m.typing === b[i]?.typing);

/**
 * Who is on the live desk: reports this person (and whether they are typing) every few seconds
 * and at once when typing starts or stops; leaves the desk on unmount.
 */
export function useDeskPresence(articleId: number, active: boolean) {
  const [present, setPresent] = useState<DeskMember[]>([]);
  const typing = useRef(false);

  /** Takes a fresh list (from a heartbeat or the feed poll), re-rendering only on a change. */
  const adoptPresent = useCallback((next: DeskMember[]) => {
    setPresent((current) => (samePresence(current, next) ? current : next));
  }, []);

  const beat = useCallback(() => {
    reportPresence(articleId, typing.current).then(adoptPresent, () => undefined);
  }, [articleId, adoptPresent]);

  useEffect(() => {
    if (!active) return;
    beat();
    const timer = setInterval(beat, heartbeatMs);
    return () => {
      clearInterval(timer);
      leaveDesk(articleId).catch(() => undefined);
    };
  }, [active, articleId, beat]);

  const setTyping = useCallback(
    (value: boolean) => {
      if (typing.current === value) return;
      typing.current = value;
      if (active) beat();
    },
    [active, beat],
  );

  return { present, adoptPresent, setTyping };
}
