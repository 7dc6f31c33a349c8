import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api';
import { ArticleSearch } from '../article-search';
import type { Article } from '../types';
import { Alert, Field, moved, ScreenTitle, useLoad } from '../ui';

interface Collection {
  id: number;
  name: string;
  slug: string;
  description: string;
  article_ids: number[];
}
type Item = { id: number; title: string };

/** One curated list: search-and-add, Move up / Move down, Remove, then Save. */
function CollectionEditor({
  collection,
  onSaved,
}: {
  collection: Collection;
  onSaved: () => void;
}) {
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    Promise.all(
      collection.article_ids.map((id) =>
        api<{ article: Article }>('GET', `/api/admin/articles/${id}`).then(
          ({ article }) => ({ id, title: article.title }),
          () => ({ id, title: `Article ${id}` }),
        ),
      ),
    ).then(setItems, setError);
  }, [collection]);

  async function save() {
    if (!items) return;
    setError(null);
    try {
      await api('PATCH', `/api/admin/collections/${collection.id}`, {
        article_ids: items.map((i) => i.id),
      });
      setMessage(`${collection.name} saved.`);
      onSaved();
    } catch (err) {
      setError(err);
    }
  }

  const change = (next: Item[]) => {
    setItems(next);
    setMessage('');
  };

  return (
    <section aria-labelledby={`collection-${collection.id}`} className="panel">
      <h2 id={`collection-${collection.id}`}>{collection.name}</h2>
      {collection.description ? <p>{collection.description}</p> : null}
      {items === null ? <p role="status">Loading…</p> : null}
      <ol className="ordered-items">
        {items?.map((item, index) => (
          <li key={item.id}>
            <span>{item.title}</span>
            <button
              type="button"
              disabled={index === 0}
              onClick={() => change(moved(items, index, -1))}
            >
              Move up<span className="visually-hidden"> {item.title}</span>
            </button>
            <button
              type="button"
              disabled={index === items.length - 1}
              onClick={() => change(moved(items, index, 1))}
            >
              Move down<span className="visually-hidden"> {item.title}</span>
            </button>
            <button type="button" onClick={() => change(items.filter((i) => i.id !== item.id))}>
              Remove<span className="visually-hidden"> {item.title}</span>
            </button>
          </li>
        ))}
      </ol>
      <ArticleSearch
        label={`Find articles to add to ${collection.name}`}
        actionLabel="Add"
        exclude={items?.map((i) => i.id) ?? []}
        onPick={(article) => change([...(items ?? []), { id: article.id, title: article.title }])}
      />
      <Alert error={error} />
      {message ? <p role="status">{message}</p> : null}
      <button type="button" className="primary" onClick={() => void save()}>
        Save {collection.name}
      </button>
    </section>
  );
}

export default function Collections() {
  const list = useLoad(
    () => api<{ collections: Collection[] }>('GET', '/api/admin/collections'),
    [],
  );
  const [selected, setSelected] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const answer = await api<{ collection: Collection }>('POST', '/api/admin/collections', {
        name,
      });
      setName('');
      setSelected(answer.collection.id);
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  const current = list.data?.collections.find((c) => c.id === selected);
  return (
    <>
      <ScreenTitle title="Collections">Collections</ScreenTitle>
      <Alert error={list.error} />
      <ul className="chips">
        {list.data?.collections.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              aria-pressed={c.id === selected}
              onClick={() => setSelected(c.id)}
            >
              {c.name} ({c.article_ids.length})
            </button>
          </li>
        ))}
      </ul>
      {current ? (
        <CollectionEditor key={current.id} collection={current} onSaved={list.reload} />
      ) : null}
      <form className="stack narrow" onSubmit={(e) => void create(e)}>
        <h2>New collection</h2>
        <Field label="Name">
          {(props) => (
            <input {...props} required value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Alert error={error} />
        <button type="submit">Create collection</button>
      </form>
    </>
  );
}
