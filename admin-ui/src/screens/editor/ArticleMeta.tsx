import { useState } from 'react';
import { api } from '../../api';
import type { AuthorRef, TagRef } from '../../types';
import { Field, useLoad } from '../../ui';
import { AccessFields, type AccessValues } from './AccessFields';
import { MediaPicker } from './MediaPicker';
import { NameList } from './NameList';

export interface MetaValues extends AccessValues {
  slug: string;
  language: string;
  authors: string[];
  tags: string[];
  featured_image_url: string | null;
  /** Set when the featured image is picked from (or removed via) the library in this session. */
  featured_media_id?: number | null;
  featured_image_alt: string;
  featured_image_caption: string;
}

/** Bylines, tags, slug, language and featured image. */
export function ArticleMeta({
  values,
  effectiveAccess,
  onChange,
}: {
  values: MetaValues;
  effectiveAccess?: string | undefined;
  onChange: (patch: Partial<MetaValues>) => void;
}) {
  const [picking, setPicking] = useState(false);
  const options = useLoad(
    () =>
      Promise.all([
        api<{ authors: AuthorRef[] }>('GET', '/api/admin/authors'),
        api<{ tags: TagRef[] }>('GET', '/api/admin/tags'),
      ]),
    [],
  );
  return (
    <section className="meta-panel" aria-labelledby="meta-title">
      <h2 id="meta-title">Details</h2>
      <NameList
        label="Authors and desks (in byline order)"
        itemLabel="author or desk"
        ordered
        names={values.authors}
        suggestions={options.data?.[0].authors.map((a) => a.name) ?? []}
        onChange={(authors) => onChange({ authors })}
      />
      <NameList
        label="Tags"
        itemLabel="tag"
        ordered={false}
        names={values.tags}
        suggestions={options.data?.[1].tags.map((t) => t.name) ?? []}
        onChange={(tags) => onChange({ tags })}
      />
      <Field label="Slug" hint="The last part of the address. Old slugs keep redirecting.">
        {(props) => (
          <input
            {...props}
            value={values.slug}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            onChange={(e) => onChange({ slug: e.target.value })}
          />
        )}
      </Field>
      <Field label="Language" hint="A code such as en or uk.">
        {(props) => (
          <input
            {...props}
            value={values.language}
            pattern="[a-z]{2,3}"
            maxLength={3}
            onChange={(e) => onChange({ language: e.target.value })}
          />
        )}
      </Field>
      <AccessFields values={values} effective={effectiveAccess} onChange={onChange} />
      <fieldset className="featured">
        <legend>Featured image</legend>
        {values.featured_image_url ? (
          <>
            <img src={values.featured_image_url} alt="" className="preview" />
            <p>Alt text: {values.featured_image_alt || <strong>missing</strong>}</p>
            <button
              type="button"
              onClick={() =>
                onChange({
                  featured_image_url: null,
                  featured_media_id: null,
                  featured_image_alt: '',
                  featured_image_caption: '',
                })
              }
            >
              Remove featured image
            </button>
          </>
        ) : null}
        <button type="button" onClick={() => setPicking(true)}>
          {values.featured_image_url ? 'Change featured image' : 'Choose featured image'}
        </button>
      </fieldset>
      {picking ? (
        <MediaPicker
          title="Featured image"
          onClose={() => setPicking(false)}
          onChoose={({ media, alt, caption }) => {
            onChange({
              featured_image_url: media.url,
              featured_media_id: media.id,
              featured_image_alt: alt,
              featured_image_caption: caption,
            });
            setPicking(false);
          }}
        />
      ) : null}
    </section>
  );
}
