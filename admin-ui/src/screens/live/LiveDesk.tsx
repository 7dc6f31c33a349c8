import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../api';
import { atLeast, useUser } from '../../session';
import { useSite } from '../../site';
import { Link } from '../../router';
import type { Article } from '../../types';
import { Alert, ScreenTitle, useLoad } from '../../ui';
import { CoverageControl } from './CoverageControl';
import { appendPage, type Feed, mergeNewestPage, putUpdate, removeUpdate } from './feed';
import { loadDesk } from './live-api';
import { LiveCompose } from './LiveCompose';
import { type ItemEvents, type ItemRights, LiveUpdateItem } from './LiveUpdateItem';
import type { Coverage, LiveDeskAnswer } from './types';
import { useDeskPresence } from './useDeskPresence';
import './live.css';

/** Other editors' posts show up within this long. */
const pollEveryMs = 4_000;

/** The live desk of one article (route /articles/:id/live). */
export default function LiveDesk({ id }: { id: number }) {
  const loaded = useLoad(
    () =>
      Promise.all([api<{ article: Article }>('GET', `/api/admin/articles/${id}`), loadDesk(id)]),
    [id],
  );
  if (loaded.error) return <Alert error={loaded.error} />;
  if (!loaded.data)
    return (
      <p className="loading" role="status">
        Loading the live desk…
      </p>
    );
  return <Desk article={loaded.data[0].article} initial={loaded.data[1]} />;
}

const sameCoverage = (a: Coverage | null, b: Coverage | null) =>
  a?.state === b?.state && a?.started_at === b?.started_at && a?.ended_at === b?.ended_at;

function Desk({ article, initial }: { article: Article; initial: LiveDeskAnswer }) {
  const user = useUser();
  const { site } = useSite();
  const [coverage, setCoverage] = useState(initial.coverage);
  const [feed, setFeed] = useState<Feed>({
    updates: initial.updates,
    nextBefore: initial.next_before,
  });
  const [pollError, setPollError] = useState<unknown>(null);
  const [earlierError, setEarlierError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const presence = useDeskPresence(article.id, coverage !== null);
  const { adoptPresent } = presence;
  const feedHeading = useRef<HTMLHeadingElement>(null);
  const feedRef = useRef(feed);
  feedRef.current = feed;
  // Bumped by every change made on this desk: a poll answer older than it is dropped, so a
  // post, edit or delete never flickers back.
  const localChanges = useRef(0);

  const announce = useCallback((message: string) => {
    // Cleared first so the same words twice are read out twice.
    setAnnouncement('');
    setTimeout(() => setAnnouncement(message), 50);
  }, []);

  const refresh = useCallback(async () => {
    const started = localChanges.current;
    try {
      const answer = await loadDesk(article.id);
      if (localChanges.current !== started) return;
      const known = new Set(feedRef.current.updates.map((u) => u.id));
      const arrived = answer.updates.filter(
        (u) => !known.has(u.id) && u.created_by !== user.id,
      ).length;
      setFeed((current) => mergeNewestPage(current, answer.updates, answer.next_before));
      setCoverage((current) =>
        sameCoverage(current, answer.coverage) ? current : answer.coverage,
      );
      adoptPresent(answer.present);
      setPollError(null);
      if (arrived > 0)
        announce(
          arrived === 1 ? 'A new update from the desk.' : `${arrived} new updates from the desk.`,
        );
    } catch (error) {
      setPollError(error);
    }
  }, [article.id, user.id, adoptPresent, announce]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (!document.hidden) void refresh();
    }, pollEveryMs);
    return () => clearInterval(timer);
  }, [refresh]);

  async function loadEarlier() {
    if (feed.nextBefore === null) return;
    setEarlierError(null);
    try {
      const answer = await loadDesk(article.id, feed.nextBefore);
      setFeed((current) => appendPage(current, answer.updates, answer.next_before));
    } catch (error) {
      setEarlierError(error);
    }
  }

  const events = useMemo<ItemEvents>(
    () => ({
      onChanged: (update) => {
        localChanges.current += 1;
        setFeed((current) => putUpdate(current, update));
      },
      onDeleted: (updateId) => {
        localChanges.current += 1;
        setFeed((current) => removeUpdate(current, updateId));
        // Its buttons are gone: continue from the feed's heading, not the top of the page.
        requestAnimationFrame(() => feedHeading.current?.focus());
      },
      onStale: () => {
        localChanges.current += 1;
        void refresh();
      },
      announce,
    }),
    [refresh, announce],
  );

  const isEditor = atLeast(user.role, 'editor');
  const canPublish = atLeast(user.role, 'author');
  const ownsArticle = article.created_by === user.id;
  const canRunCoverage = isEditor || (user.role === 'author' && ownsArticle);
  const composeRights = useMemo(
    () => ({ publish: canPublish, pin: canRunCoverage, push: isEditor }),
    [canPublish, canRunCoverage, isEditor],
  );
  // Two shared objects, so memoised items keep the same props between polls.
  const rights = useMemo<Record<'any' | 'none', ItemRights>>(
    () => ({
      any: { change: true, pin: composeRights.pin },
      none: { change: false, pin: composeRights.pin },
    }),
    [composeRights.pin],
  );
  const rightsFor = (createdBy: number | null) =>
    isEditor || (canPublish && createdBy === user.id) ? rights.any : rights.none;

  const onPosted = useCallback((update: Parameters<ItemEvents['onChanged']>[0]) => {
    localChanges.current += 1;
    setFeed((current) => putUpdate(current, update));
  }, []);

  const others = presence.present.filter((m) => m.user_id !== user.id);
  const typing = others.filter((m) => m.typing).map((m) => m.name);

  return (
    <div className="live-desk">
      <div className="screen-head">
        <ScreenTitle title={`Live desk: ${article.title}`}>
          Live desk <span className="live-desk-article">{article.title}</span>
        </ScreenTitle>
        <div className="row wrap">
          <Link className="button" to={`/articles/${article.id}/edit`}>
            Edit the article
          </Link>
          <a className="button" href={article.url} target="_blank" rel="noopener">
            View the page<span className="visually-hidden"> (opens a new tab)</span>
          </a>
        </div>
      </div>
      <section className="live-coverage" aria-label="Coverage">
        <CoverageControl
          articleId={article.id}
          state={coverage?.state ?? null}
          canChange={canRunCoverage}
          deskLink={false}
          onChanged={setCoverage}
        />
      </section>
      {coverage ? (
        <div className="live-presence">
          <p>
            On the desk: You
            {others.length > 0 ? `, ${others.map((m) => m.name).join(', ')}` : ''}
          </p>
          {typing.length > 0 ? (
            <p className="live-typing">
              {typing.join(', ')} {typing.length === 1 ? 'is' : 'are'} typing…
            </p>
          ) : null}
        </div>
      ) : null}
      {coverage ? (
        <LiveCompose
          articleId={article.id}
          initialDraft={initial.drafts[0]}
          rights={composeRights}
          ended={coverage.state === 'ended'}
          onPosted={onPosted}
          setTyping={presence.setTyping}
        />
      ) : (
        <p>Start the live coverage to post updates.</p>
      )}
      <section className="live-feed" aria-labelledby="live-feed-title">
        <h2 id="live-feed-title" ref={feedHeading} tabIndex={-1}>
          Posted updates
        </h2>
        {pollError ? (
          <p className="alert">Could not refresh the feed; trying again in a few seconds.</p>
        ) : null}
        {feed.updates.length === 0 ? (
          <p>No updates yet.</p>
        ) : (
          <ol className="live-list">
            {feed.updates.map((update) => (
              <LiveUpdateItem
                key={update.id}
                update={update}
                rights={rightsFor(update.created_by)}
                timeZone={site.timeZone}
                events={events}
              />
            ))}
          </ol>
        )}
        <Alert error={earlierError} />
        {feed.nextBefore !== null ? (
          <button type="button" className="live-earlier" onClick={() => void loadEarlier()}>
            Load earlier updates
          </button>
        ) : null}
      </section>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}
