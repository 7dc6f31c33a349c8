import { type FormEvent, useRef, useState } from 'react';
import { api } from './api';
import type { Media } from './types';
import { Alert, Field } from './ui';

/** Uploads one image with its alt text, caption and credit; shows the server's errors as is. */
export function MediaUpload({ onUploaded }: { onUploaded: (media: Media) => void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [alt, setAlt] = useState('');
  const [caption, setCaption] = useState('');
  const [credit, setCredit] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setError(new Error('Choose an image file first.'));
      return;
    }
    const form = new FormData();
    // Text fields first: multipart parsers read them before the file stream.
    form.append('alt', alt);
    form.append('caption', caption);
    form.append('credit', credit);
    form.append('file', file);
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ media: Media }>('POST', '/api/admin/media', form);
      onUploaded(answer.media);
      setAlt('');
      setCaption('');
      setCredit('');
      if (fileRef.current) fileRef.current.value = '';
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack upload" onSubmit={(e) => void submit(e)}>
      <Field label="Image file" hint="JPEG, PNG, WebP, AVIF or GIF.">
        {(props) => (
          <input
            {...props}
            ref={fileRef}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
          />
        )}
      </Field>
      <Field
        label="Alt text"
        hint="Describe the image for people who cannot see it. Required to publish."
      >
        {(props) => <input {...props} value={alt} onChange={(e) => setAlt(e.target.value)} />}
      </Field>
      <Field label="Caption">
        {(props) => (
          <input {...props} value={caption} onChange={(e) => setCaption(e.target.value)} />
        )}
      </Field>
      <Field label="Credit">
        {(props) => <input {...props} value={credit} onChange={(e) => setCredit(e.target.value)} />}
      </Field>
      <Alert error={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Uploading…' : 'Upload image'}
      </button>
    </form>
  );
}
