import type { AlertDraft } from './types';

// Roughly how a desktop browser shows the notification: the site's name and address, the title
// in bold, the text cut at a few lines, and the image when there is one. Browsers differ (and
// phones cut the text sooner), so the hint says so.

function hostOf(url: string): string {
  try {
    return new URL(url, location.origin).host;
  } catch {
    return location.host;
  }
}

export function NotificationPreview({ draft, siteName }: { draft: AlertDraft; siteName: string }) {
  return (
    <figure className="push-preview" aria-labelledby="push-preview-caption">
      <div className="push-preview__card">
        <p className="push-preview__source">
          {siteName} · {hostOf(draft.url || '/')}
        </p>
        <p className="push-preview__title">{draft.title || 'Title of the alert'}</p>
        <p className="push-preview__body">
          {draft.body || 'The text readers see under the title.'}
        </p>
        {draft.imageUrl ? (
          <img className="push-preview__image" src={draft.imageUrl} alt="" />
        ) : null}
      </div>
      <figcaption id="push-preview-caption" className="hint">
        Preview. Each browser draws notifications its own way; phones show less of the text.
      </figcaption>
    </figure>
  );
}
