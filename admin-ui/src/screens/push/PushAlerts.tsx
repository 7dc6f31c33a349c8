import { type FormEvent, useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { useSite } from '../../site';
import { Alert, Field, ScreenTitle, useLoad } from '../../ui';
import { AlertList } from './AlertList';
import { NotificationPreview } from './NotificationPreview';
import type { AlertDraft, PushAlert, PushAlertList } from './types';
import './push.css';

const empty: AlertDraft = { title: '', body: '', url: '', imageUrl: '', language: '' };

/** Breaking news alerts: compose with a preview, send after a confirmation, follow the figures. */
export default function PushAlerts() {
  const { site } = useSite();
  const list = useLoad(() => api<PushAlertList>('GET', '/api/admin/push/alerts'), []);
  const [draft, setDraft] = useState<AlertDraft>(empty);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const busy = list.data?.alerts.some((a) => a.status !== 'sent') ?? false;

  // While an alert is going out, its figures are refreshed every two seconds.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(list.reload, 2000);
    return () => clearInterval(timer);
  }, [busy]);

  const set = (field: keyof AlertDraft) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const fieldError = (name: string) =>
    error instanceof ApiError ? error.fields[name]?.join(' ') : undefined;

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setSending(true);
    setError(null);
    try {
      const { alert } = await api<{ alert: PushAlert }>('POST', '/api/admin/push/alerts', {
        title: draft.title,
        body: draft.body,
        url: draft.url,
        ...(draft.imageUrl ? { imageUrl: draft.imageUrl } : {}),
        ...(draft.language ? { language: draft.language } : {}),
      });
      setNotice(`“${alert.title}” is on its way.`);
      setDraft(empty);
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
      setConfirming(false);
    }
  }

  const breaking = list.data?.subscribers.breaking;
  return (
    <>
      <ScreenTitle title="Alerts">Breaking news alerts</ScreenTitle>
      <p>
        Web push notifications to readers who asked for them with the “Get breaking news alerts”
        button.{' '}
        {breaking !== undefined
          ? `${breaking} ${breaking === 1 ? 'browser follows' : 'browsers follow'} breaking news.`
          : ''}{' '}
        Live updates with “push” ticked alert that coverage’s followers on their own.
      </p>
      <Alert error={list.error} />
      <div className="push-compose">
        <form className="panel" onSubmit={send} aria-labelledby="push-compose-title" noValidate>
          <h2 id="push-compose-title">New alert</h2>
          <Field label="Title" hint={`${draft.title.length}/100`}>
            {(props) => (
              <input
                {...props}
                required
                maxLength={100}
                value={draft.title}
                aria-invalid={fieldError('title') ? true : undefined}
                onChange={(e) => set('title')(e.target.value)}
              />
            )}
          </Field>
          <Field label="Text" hint={fieldError('body') ?? `${draft.body.length}/300`}>
            {(props) => (
              <textarea
                {...props}
                required
                maxLength={300}
                rows={3}
                value={draft.body}
                onChange={(e) => set('body')(e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Link"
            hint={fieldError('url') ?? 'A page of this site (/story-slug/) or a full address.'}
          >
            {(props) => (
              <input
                {...props}
                required
                value={draft.url}
                onChange={(e) => set('url')(e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Image (optional)"
            hint={fieldError('imageUrl') ?? 'An image address; some browsers show it large.'}
          >
            {(props) => (
              <input
                {...props}
                value={draft.imageUrl}
                onChange={(e) => set('imageUrl')(e.target.value)}
              />
            )}
          </Field>
          <Field label="Readers" hint="Only readers who subscribed on pages in this language.">
            {(props) => (
              <select
                {...props}
                value={draft.language}
                onChange={(e) => set('language')(e.target.value)}
              >
                <option value="">Everyone</option>
                <option value="en">English pages</option>
                <option value="uk">Ukrainian pages</option>
              </select>
            )}
          </Field>
          <Alert error={error} />
          {notice ? (
            <p className="hint" role="status">
              {notice}
            </p>
          ) : null}
          {confirming ? (
            <p role="alert" className="push-confirm">
              Send this alert to {breaking ?? 'every'} {draft.language ? `${draft.language} ` : ''}
              subscribers now? It cannot be recalled.
            </p>
          ) : null}
          <div className="actions">
            <button
              type="submit"
              className="primary"
              disabled={sending || !draft.title || !draft.body || !draft.url}
            >
              {sending ? 'Sending…' : confirming ? 'Yes, send it now' : 'Send alert…'}
            </button>
            {confirming ? (
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            ) : null}
          </div>
        </form>
        <NotificationPreview draft={draft} siteName={site.name} />
      </div>
      <section aria-labelledby="push-history-title">
        <h2 id="push-history-title">Sent alerts</h2>
        {list.data ? <AlertList alerts={list.data.alerts} timeZone={site.timeZone} /> : null}
      </section>
    </>
  );
}
