import { type FormEvent, useState } from 'react';
import { api, query } from '../api';
import { MediaUpload } from '../media-upload';
import type { Media } from '../types';
import { Alert, Field, Pagination, ScreenTitle, useLoad } from '../ui';

const limit = 24;

function MediaItem({ media, onChanged }: { media: Media; onChanged: () => void }) {
  const [alt, setAlt] = useState(media.alt);
  const [caption, setCaption] = useState(media.caption);
  const [credit, setCredit] = useState(media.credit);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api('PATCH', `/api/admin/media/${media.id}`, { alt, caption, credit });
      setMessage('Saved.');
    } catch (err) {
      setError(err);
    }
  }
  async function remove() {
    if (!confirm(`Delete ${media.original_name}? Articles using it will lose the image.`)) return;
    try {
      await api('DELETE', `/api/admin/media/${media.id}`);
      onChanged();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <li className="media-card">
      <img
        src={media.url}
        alt={media.alt}
        loading="lazy"
        width={media.width}
        height={media.height}
      />
      <form
        className="stack"
        onSubmit={(e) => void save(e)}
        aria-label={`Details of ${media.original_name}`}
      >
        <p className="hint">
          {media.original_name} · {media.width}×{media.height}
        </p>
        <Field label="Alt text">
          {(props) => <input {...props} value={alt} onChange={(e) => setAlt(e.target.value)} />}
        </Field>
        <Field label="Caption">
          {(props) => (
            <input {...props} value={caption} onChange={(e) => setCaption(e.target.value)} />
          )}
        </Field>
        <Field label="Credit">
          {(props) => (
            <input {...props} value={credit} onChange={(e) => setCredit(e.target.value)} />
          )}
        </Field>
        <Alert error={error} />
        {message ? <p role="status">{message}</p> : null}
        <div className="row">
          <button type="submit">
            Save<span className="visually-hidden"> {media.original_name}</span>
          </button>
          <button type="button" onClick={() => void remove()}>
            Delete<span className="visually-hidden"> {media.original_name}</span>
          </button>
        </div>
      </form>
    </li>
  );
}

export default function MediaLibrary() {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useLoad(
    () =>
      api<{ media: Media[]; total: number }>('GET', `/api/admin/media${query({ q, page, limit })}`),
    [q, page],
  );
  return (
    <>
      <ScreenTitle title="Media">Media library</ScreenTitle>
      <details className="panel" open>
        <summary>Upload an image</summary>
        <MediaUpload onUploaded={() => list.reload()} />
      </details>
      <Field label="Search images">
        {(props) => (
          <input
            {...props}
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
          />
        )}
      </Field>
      <Alert error={list.error} />
      <ul className="media-library">
        {list.data?.media.map((m) => (
          <MediaItem key={m.id} media={m} onChanged={list.reload} />
        ))}
      </ul>
      {list.data?.media.length === 0 ? <p>No images yet.</p> : null}
      {list.data ? (
        <Pagination page={page} total={list.data.total} limit={limit} onPage={setPage} />
      ) : null}
    </>
  );
}
