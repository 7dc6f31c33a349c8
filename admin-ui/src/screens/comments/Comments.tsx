import { useState } from 'react';
import { api, errorMessage, query } from '../../api';
import { useSession, atLeast } from '../../session';
import { useSite } from '../../site';
import { Alert, formatDate, ScreenTitle, useLoad } from '../../ui';

// The comments moderation queue (src/comments/comments-admin.routes.ts): held comments (first
// comment, keyword, links, reports), reported ones still shown, and hidden ones. Editors and
// admins approve, hide or ban the reader; admins also change who may comment.

type QueueStatus = 'held' | 'reported' | 'hidden';

interface QueuedComment {
  id: number;
  article: { id: number; title: string; slug: string };
  parentId: number | null;
  author: string;
  text: string;
  status: string;
  holdReason: string | null;
  reports: number;
  readerBanned: boolean;
  createdAt: string;
}

interface CommentSettings {
  mode: 'off' | 'members' | 'paying';
  firstCommentModeration: boolean;
  heldKeywords: string[];
  maxLinks: number;
  reportsToHold: number;
}

const reasons: Record<string, string> = {
  'first-comment': "Reader's first comment",
  keyword: 'Held keyword',
  link: 'Too many links',
  reports: 'Reported by readers',
};

const tabs: Array<{ status: QueueStatus; label: string }> = [
  { status: 'held', label: 'Waiting for review' },
  { status: 'reported', label: 'Reported' },
  { status: 'hidden', label: 'Hidden' },
];

export default function Comments() {
  const { site } = useSite();
  const { user } = useSession();
  const [status, setStatus] = useState<QueueStatus>('held');
  const [notice, setNotice] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const queue = useLoad(
    () => api<{ comments: QueuedComment[] }>('GET', `/api/admin/comments${query({ status })}`),
    [status],
  );

  async function act(comment: QueuedComment, action: 'approve' | 'hide' | 'ban') {
    setActionError(null);
    try {
      if (action === 'ban')
        await api('POST', `/api/admin/comments/${comment.id}/ban`, {
          banned: !comment.readerBanned,
        });
      else await api('POST', `/api/admin/comments/${comment.id}/${action}`);
      setNotice(
        action === 'approve'
          ? `Approved the comment by ${comment.author}.`
          : action === 'hide'
            ? `Hid the comment by ${comment.author}.`
            : comment.readerBanned
              ? `${comment.author} may comment again.`
              : `${comment.author} can no longer comment.`,
      );
      queue.reload();
    } catch (error) {
      setActionError(error);
    }
  }

  return (
    <>
      <ScreenTitle title="Comments">Comments</ScreenTitle>
      <div role="tablist" aria-label="Queue" className="tabs">
        {tabs.map((tab) => (
          <button
            key={tab.status}
            type="button"
            role="tab"
            aria-selected={status === tab.status}
            onClick={() => setStatus(tab.status)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <p role="status">{notice}</p>
      <Alert error={queue.error} />
      <Alert error={actionError} />
      <ul className="entity-list">
        {queue.data?.comments.map((c) => (
          <li key={c.id}>
            <article aria-labelledby={`comment-${c.id}-title`}>
              <h2 id={`comment-${c.id}-title`} className="hint">
                {c.author} on{' '}
                <a href={`/comments/${c.article.slug}/#comment-${c.id}`}>{c.article.title}</a> ·{' '}
                {formatDate(c.createdAt, site.timeZone)}
                {c.parentId !== null ? ' · reply' : ''}
                {c.holdReason ? ` · ${reasons[c.holdReason] ?? c.holdReason}` : ''}
                {c.reports > 0 ? ` · ${c.reports} report${c.reports === 1 ? '' : 's'}` : ''}
                {c.readerBanned ? ' · reader banned' : ''}
              </h2>
              <p style={{ whiteSpace: 'pre-wrap' }}>{c.text}</p>
              <p>
                {c.status !== 'published' || c.reports > 0 ? (
                  <button type="button" onClick={() => void act(c, 'approve')}>
                    Approve
                  </button>
                ) : null}{' '}
                {c.status !== 'hidden' ? (
                  <button type="button" onClick={() => void act(c, 'hide')}>
                    Hide
                  </button>
                ) : null}{' '}
                <button type="button" onClick={() => void act(c, 'ban')}>
                  {c.readerBanned ? 'Unban reader' : 'Ban reader'}
                </button>
              </p>
            </article>
          </li>
        ))}
        {queue.data?.comments.length === 0 ? <li>Nothing here.</li> : null}
      </ul>
      {user && atLeast(user.role, 'admin') ? <CommentSettingsForm /> : null}
    </>
  );
}

function CommentSettingsForm() {
  const settings = useLoad(
    () => api<{ settings: CommentSettings }>('GET', '/api/admin/comments/settings'),
    [],
  );
  const [saved, setSaved] = useState('');
  const [error, setError] = useState('');
  if (!settings.data) return <Alert error={settings.error} />;
  const current = settings.data.settings;

  async function save(form: HTMLFormElement) {
    const data = new FormData(form);
    setError('');
    try {
      await api('PATCH', '/api/admin/comments/settings', {
        mode: data.get('mode'),
        firstCommentModeration: data.get('firstCommentModeration') === 'on',
        heldKeywords: String(data.get('heldKeywords') ?? '')
          .split('\n')
          .map((word) => word.trim())
          .filter(Boolean),
        maxLinks: Number(data.get('maxLinks')),
        reportsToHold: Number(data.get('reportsToHold')),
      });
      setSaved('Saved.');
      settings.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="panel" aria-labelledby="comment-settings-title">
      <h2 id="comment-settings-title">Who may comment</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save(event.currentTarget);
        }}
      >
        <label htmlFor="comments-mode">Comments on articles</label>
        <select id="comments-mode" name="mode" defaultValue={current.mode}>
          <option value="off">Off</option>
          <option value="members">Signed-in members (free or paying)</option>
          <option value="paying">Paying members only</option>
        </select>
        <label>
          <input
            type="checkbox"
            name="firstCommentModeration"
            defaultChecked={current.firstCommentModeration}
          />{' '}
          Hold a reader's comments until one is approved
        </label>
        <label htmlFor="comments-keywords">Hold comments with these words (one per line)</label>
        <textarea
          id="comments-keywords"
          name="heldKeywords"
          defaultValue={current.heldKeywords.join('\n')}
        />
        <label htmlFor="comments-links">Hold comments with more links than</label>
        <input
          id="comments-links"
          name="maxLinks"
          type="number"
          min={0}
          max={20}
          defaultValue={current.maxLinks}
        />
        <label htmlFor="comments-reports">Hold a comment after this many reports</label>
        <input
          id="comments-reports"
          name="reportsToHold"
          type="number"
          min={1}
          max={100}
          defaultValue={current.reportsToHold}
        />
        <button type="submit">Save</button>
        <p role="status">{saved}</p>
        {error ? <p role="alert">{error}</p> : null}
      </form>
    </section>
  );
}
