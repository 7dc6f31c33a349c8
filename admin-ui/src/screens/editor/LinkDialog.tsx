import { type FormEvent, useState } from 'react';
import { ArticleSearch } from '../../article-search';
import { Dialog } from '../../dialog';
import { Alert, Field } from '../../ui';

export interface LinkChoice {
  href: string;
  articleId: number | null;
  /** Text to insert when nothing is selected. */
  text?: string;
}

/** Link to one of the newsroom's articles (an internal link with its id) or to a web address. */
export function LinkDialog({
  initialHref,
  onChoose,
  onRemove,
  onClose,
}: {
  initialHref: string;
  onChoose: (link: LinkChoice) => void;
  onRemove: (() => void) | null;
  onClose: () => void;
}) {
  const [href, setHref] = useState(initialHref);
  const [error, setError] = useState('');

  function submitUrl(event: FormEvent) {
    event.preventDefault();
    const value = href.trim();
    if (!/^(https?:\/\/|mailto:|tel:|\/|#)/i.test(value)) {
      setError('Enter a web address starting with https://, or pick an article above.');
      return;
    }
    onChoose({ href: value, articleId: null });
  }

  return (
    <Dialog title="Insert link" onClose={onClose}>
      <ArticleSearch
        label="Search our articles"
        actionLabel="Link to this article"
        onPick={(article) =>
          onChoose({ href: `/${article.slug}/`, articleId: article.id, text: article.title })
        }
      />
      <form onSubmit={submitUrl} className="stack">
        <Field label="Or a web address">
          {(props) => (
            <input
              {...props}
              type="text"
              inputMode="url"
              placeholder="https://"
              value={href}
              onChange={(e) => setHref(e.target.value)}
            />
          )}
        </Field>
        <Alert>{error || null}</Alert>
        <div className="row">
          <button type="submit">Link to this address</button>
          {onRemove ? (
            <button type="button" onClick={onRemove}>
              Remove link
            </button>
          ) : null}
        </div>
      </form>
    </Dialog>
  );
}
