import { type FormEvent, useState } from 'react';
import { api } from '../../api';
import { navigate } from '../../router';
import type { Article } from '../../types';
import { Alert, Field, ScreenTitle } from '../../ui';

/** Starts a draft from a headline, then opens the editor on it. */
export default function NewArticle() {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const answer = await api<{ article: Article }>('POST', '/api/admin/articles', {
        title,
        doc: { type: 'doc', content: [{ type: 'paragraph' }] },
      });
      navigate(`/articles/${answer.article.id}/edit`, { replace: true });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <ScreenTitle title="New article">New article</ScreenTitle>
      <form className="stack narrow" onSubmit={(e) => void submit(e)}>
        <Field label="Headline">
          {(props) => (
            <input {...props} required value={title} onChange={(e) => setTitle(e.target.value)} />
          )}
        </Field>
        <Alert error={error} />
        <button type="submit" className="primary">
          Start writing
        </button>
      </form>
    </>
  );
}
