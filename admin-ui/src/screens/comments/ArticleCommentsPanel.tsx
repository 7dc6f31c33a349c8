import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { Link } from '../../router';
import { atLeast, useUser } from '../../session';
import { Field, useLoad } from '../../ui';

// Who may comment on this article (editors and up): the site's rule, or an override
// (src/comments/comments-admin.routes.ts, PUT /api/admin/comments/articles/:id).

type Mode = 'off' | 'members' | 'paying';

const labels: Record<Mode, string> = {
  off: 'Off',
  members: 'Signed-in members',
  paying: 'Paying members only',
};

export function ArticleCommentsPanel({ articleId }: { articleId: number }) {
  const user = useUser();
  const allowed = atLeast(user.role, 'editor');
  const loaded = useLoad(
    () =>
      allowed
        ? Promise.all([
            api<{ mode: Mode | null }>('GET', `/api/admin/comments/articles/${articleId}`),
            api<{ settings: { mode: Mode } }>('GET', '/api/admin/comments/settings'),
          ])
        : Promise.resolve(undefined),
    [articleId, allowed],
  );
  const [status, setStatus] = useState('');
  if (!allowed || !loaded.data) return null;
  const [article, site] = loaded.data;

  async function save(value: string) {
    setStatus('Saving…');
    try {
      await api('PUT', `/api/admin/comments/articles/${articleId}`, {
        mode: value === 'site' ? null : value,
      });
      setStatus('Saved.');
      loaded.reload();
    } catch (error) {
      setStatus(errorMessage(error));
    }
  }

  return (
    <section className="panel" aria-labelledby={`comments-panel-${articleId}`}>
      <h2 id={`comments-panel-${articleId}`}>Comments</h2>
      <Field label="Who may comment on this article">
        {(props) => (
          <select
            {...props}
            value={article.mode ?? 'site'}
            onChange={(event) => void save(event.target.value)}
          >
            <option value="site">As the site ({labels[site.settings.mode]})</option>
            <option value="off">{labels.off}</option>
            <option value="members">{labels.members}</option>
            <option value="paying">{labels.paying}</option>
          </select>
        )}
      </Field>
      <p role="status">{status}</p>
      <p>
        <Link to="/comments">Moderation queue</Link>
      </p>
    </section>
  );
}
