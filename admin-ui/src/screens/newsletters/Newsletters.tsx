import { type FormEvent, useState } from 'react';
import { api } from '../../api';
import { Alert, Field, ScreenTitle, useLoad } from '../../ui';
import { useSite } from '../../site';
import { NewsletterAutomation } from './NewsletterAutomation';
import { NewsletterTabs } from './NewsletterTabs';
import { SubscriberGrowth } from './SubscriberGrowth';
import type { Newsletter } from './types';
import './newsletters.css';

type Draft = Pick<
  Newsletter,
  | 'name'
  | 'slug'
  | 'description'
  | 'sender_name'
  | 'sender_email'
  | 'reply_to'
  | 'visibility'
  | 'signup_default'
  | 'digest_enabled'
  | 'digest_time'
  | 'digest_days'
  | 'track_clicks'
  | 'track_opens'
>;

const empty: Draft = {
  name: '',
  slug: '',
  description: '',
  sender_name: '',
  sender_email: '',
  reply_to: '',
  visibility: 'public',
  signup_default: false,
  digest_enabled: false,
  digest_time: '07:00',
  digest_days: [],
  track_clicks: false,
  track_opens: false,
};

/** Newsletters: the list, and one form to create a newsletter or change the chosen one. */
export default function Newsletters() {
  const list = useLoad(
    () => api<{ newsletters: Newsletter[] }>('GET', '/api/admin/newsletters'),
    [],
  );
  const [editing, setEditing] = useState<Newsletter | null>(null);
  const [draft, setDraft] = useState<Draft>(empty);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const { site } = useSite();

  const edit = (newsletter: Newsletter | null) => {
    setEditing(newsletter);
    setDraft(newsletter ? { ...empty, ...pick(newsletter) } : empty);
    setError(null);
    setNotice('');
  };
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const body = { ...draft, slug: draft.slug.trim() || undefined };
      const answer = editing
        ? await api<{ newsletter: Newsletter }>(
            'PATCH',
            `/api/admin/newsletters/${editing.id}`,
            body,
          )
        : await api<{ newsletter: Newsletter }>('POST', '/api/admin/newsletters', body);
      setNotice(`Saved “${answer.newsletter.name}”.`);
      setEditing(answer.newsletter);
      setDraft(pick(answer.newsletter));
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (newsletter: Newsletter) => {
    if (!confirm(`Delete the newsletter “${newsletter.name}” and its subscriptions?`)) return;
    try {
      await api('DELETE', `/api/admin/newsletters/${newsletter.id}`);
      if (editing?.id === newsletter.id) edit(null);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <ScreenTitle title="Newsletters">Newsletters</ScreenTitle>
      <NewsletterTabs />
      <Alert error={list.error} />
      <ul className="entity-list">
        {list.data?.newsletters.map((n) => (
          <li key={n.id}>
            <strong>{n.name}</strong> <span className="mono">{n.slug}</span> ·{' '}
            {n.visibility === 'public' ? 'public' : 'private'}
            {n.signup_default ? ' · ticked on signup forms' : ''}
            <div className="row wrap">
              <button type="button" onClick={() => edit(n)}>
                Edit<span className="visually-hidden"> {n.name}</span>
              </button>
              <button type="button" onClick={() => void remove(n)}>
                Delete<span className="visually-hidden"> {n.name}</span>
              </button>
            </div>
          </li>
        ))}
        {list.data?.newsletters.length === 0 ? <li>No newsletters yet.</li> : null}
      </ul>
      {list.data && list.data.newsletters.length > 0 ? (
        <SubscriberGrowth newsletters={list.data.newsletters} />
      ) : null}
      <form className="panel narrow" onSubmit={(e) => void submit(e)} aria-labelledby="nl-form">
        <h2 id="nl-form">{editing ? `Edit “${editing.name}”` : 'New newsletter'}</h2>
        <Field label="Name">
          {(p) => (
            <input
              {...p}
              required
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </Field>
        <Field label="Slug" hint="Used in links and CSV imports; made from the name when empty.">
          {(p) => <input {...p} value={draft.slug} onChange={(e) => set('slug', e.target.value)} />}
        </Field>
        <Field label="Description">
          {(p) => (
            <textarea
              {...p}
              rows={3}
              value={draft.description}
              onChange={(e) => set('description', e.target.value)}
            />
          )}
        </Field>
        <Field label="Sender name">
          {(p) => (
            <input
              {...p}
              value={draft.sender_name}
              onChange={(e) => set('sender_name', e.target.value)}
            />
          )}
        </Field>
        <Field label="Sender address" hint="Empty: the site's mail sender.">
          {(p) => (
            <input
              {...p}
              type="email"
              value={draft.sender_email}
              onChange={(e) => set('sender_email', e.target.value)}
            />
          )}
        </Field>
        <Field label="Reply-to address">
          {(p) => (
            <input
              {...p}
              type="email"
              value={draft.reply_to}
              onChange={(e) => set('reply_to', e.target.value)}
            />
          )}
        </Field>
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.visibility === 'public'}
              onChange={(e) => set('visibility', e.target.checked ? 'public' : 'private')}
            />{' '}
            Public (offered on signup forms and the preferences page)
          </label>
        </div>
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.signup_default}
              onChange={(e) => set('signup_default', e.target.checked)}
            />{' '}
            Ticked by default on signup forms
          </label>
        </div>
        <NewsletterAutomation
          value={draft}
          timeZone={site.timeZone}
          onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
        />
        <Alert error={error} />
        {notice ? <p role="status">{notice}</p> : null}
        <div className="row wrap">
          <button type="submit" disabled={busy}>
            {editing ? 'Save newsletter' : 'Create newsletter'}
          </button>
          {editing ? (
            <button type="button" onClick={() => edit(null)}>
              New newsletter instead
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}

function pick(n: Newsletter): Draft {
  return {
    name: n.name,
    slug: n.slug,
    description: n.description,
    sender_name: n.sender_name,
    sender_email: n.sender_email,
    reply_to: n.reply_to,
    visibility: n.visibility,
    signup_default: n.signup_default,
    digest_enabled: n.digest_enabled,
    digest_time: n.digest_time,
    digest_days: n.digest_days,
    track_clicks: n.track_clicks,
    track_opens: n.track_opens,
  };
}
