import { useState } from 'react';
import { api } from '../../api';
import { atLeast, useUser } from '../../session';
import { useSite } from '../../site';
import type { Article } from '../../types';
import { Alert, Field, formatDate } from '../../ui';
import { utcToZoned, zonedToUtc } from '../../zone-time';

/**
 * Workflow buttons by role: contributors save and submit for review; authors publish (their
 * own — the server checks); editors and admins do everything. Dates are in the newsroom's zone.
 */
export function Workflow({
  article,
  saveFirst,
  submit,
  onChanged,
}: {
  article: Article;
  saveFirst: () => Promise<unknown>;
  submit: () => Promise<void>;
  onChanged: (article: Article) => void;
}) {
  const user = useUser();
  const { site } = useSite();
  const [when, setWhen] = useState(
    article.published_at ? utcToZoned(article.published_at, site.timeZone) : '',
  );
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const canPublish = atLeast(user.role, 'author');

  async function act(action: 'publish' | 'unpublish' | 'schedule' | 'submit') {
    setError(null);
    setMessage('');
    try {
      await saveFirst();
      if (action === 'submit') {
        await submit();
        setMessage('Submitted for review.');
        return;
      }
      let body: Record<string, string> = {};
      if (action === 'schedule') {
        const at = zonedToUtc(when, site.timeZone);
        if (!at) throw new Error('Choose the date and time to publish first.');
        body = { published_at: at };
      }
      const answer = await api<{ article: Article }>(
        'POST',
        `/api/admin/articles/${article.id}/${action}`,
        body,
      );
      onChanged(answer.article);
      setMessage(
        action === 'publish'
          ? 'Published.'
          : action === 'schedule'
            ? `Scheduled for ${formatDate(answer.article.published_at, site.timeZone)}.`
            : 'Unpublished.',
      );
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="workflow" aria-labelledby="workflow-title">
      <h2 id="workflow-title">Publishing</h2>
      <p>
        Status: <strong className={`status status-${article.status}`}>{article.status}</strong>
        {article.published_at ? <> · {formatDate(article.published_at, site.timeZone)}</> : null}
      </p>
      <div className="row wrap">
        {!canPublish && article.status === 'draft' ? (
          <button type="button" className="primary" onClick={() => void act('submit')}>
            Submit for review
          </button>
        ) : null}
        {canPublish && article.status !== 'published' ? (
          <button type="button" className="primary" onClick={() => void act('publish')}>
            Publish now
          </button>
        ) : null}
        {canPublish && article.status === 'published' ? (
          <button type="button" onClick={() => void act('unpublish')}>
            Unpublish
          </button>
        ) : null}
      </div>
      {canPublish ? (
        <div className="row wrap schedule">
          <Field label={`Publication date and time (${site.timeZone})`}>
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={when}
                onChange={(e) => setWhen(e.target.value)}
              />
            )}
          </Field>
          <button type="button" onClick={() => void act('schedule')}>
            Schedule
          </button>
        </div>
      ) : null}
      <Alert error={error} />
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
