import { type FormEvent, useState } from 'react';
import { api, query } from '../../api';
import { Dialog } from '../../dialog';
import { MediaUpload } from '../../media-upload';
import type { Media } from '../../types';
import { Alert, Field, useLoad } from '../../ui';

export interface ImageChoice {
  media: Media;
  alt: string;
  caption: string;
  credit: string;
}

/** Pick (or upload) an image from the library, then confirm its alt text, caption and credit. */
export function MediaPicker({
  title,
  onChoose,
  onClose,
}: {
  title: string;
  onChoose: (choice: ImageChoice) => void;
  onClose: () => void;
}) {
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<Media | null>(null);
  const [alt, setAlt] = useState('');
  const [caption, setCaption] = useState('');
  const [credit, setCredit] = useState('');
  const library = useLoad(
    () => api<{ media: Media[] }>('GET', `/api/admin/media${query({ q, limit: 24 })}`),
    [q],
  );

  function choose(media: Media) {
    setChosen(media);
    setAlt(media.alt);
    setCaption(media.caption);
    setCredit(media.credit);
  }

  function confirm(event: FormEvent) {
    event.preventDefault();
    if (chosen)
      onChoose({ media: chosen, alt: alt.trim(), caption: caption.trim(), credit: credit.trim() });
  }

  return (
    <Dialog title={title} onClose={onClose}>
      {chosen ? (
        <form className="stack" onSubmit={confirm}>
          <img className="preview" src={chosen.url} alt="" />
          <Field label="Alt text" hint="Required before the article can be published.">
            {(props) => (
              <input {...props} required value={alt} onChange={(e) => setAlt(e.target.value)} />
            )}
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
          <div className="row">
            <button type="submit" className="primary">
              Use this image
            </button>
            <button type="button" onClick={() => setChosen(null)}>
              Choose another
            </button>
          </div>
        </form>
      ) : (
        <>
          <h3>Upload a new image</h3>
          <MediaUpload onUploaded={choose} />
          <h3>Or choose from the library</h3>
          <Field label="Search the library">
            {(props) => (
              <input {...props} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
            )}
          </Field>
          <Alert error={library.error} />
          <ul className="media-grid">
            {library.data?.media.map((media) => (
              <li key={media.id}>
                <img src={media.url} alt="" loading="lazy" />
                <button type="button" onClick={() => choose(media)}>
                  Choose {media.alt || media.original_name}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
