import type { Editor } from '@tiptap/core';
import { type FormEvent, useCallback, useRef, useState } from 'react';
import { api } from '../../api';
import { Link, navigate } from '../../router';
import { Alert, Field, ScreenTitle, useLoad } from '../../ui';
import { type DigestItem, DigestPicker } from './DigestPicker';
import { IssueBody } from './IssueBody';
import { IssuePreview } from './IssuePreview';
import { SendControls } from './SendControls';
import { SendProgress } from './SendProgress';
import { IssueStats } from './IssueStats';
import type { Issue, IssueStatus, Newsletter } from './types';
import './newsletters.css';

const emptyDoc = { type: 'doc', content: [{ type: 'paragraph' }] };

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Loads an issue (or nothing, for a new one) and the newsletters, then shows the composer. */
export default function IssueScreen({ id }: { id?: number }) {
  const loaded = useLoad(async () => {
    const [{ newsletters }, issue] = await Promise.all([
      api<{ newsletters: Newsletter[] }>('GET', '/api/admin/newsletters'),
      id === undefined
        ? Promise.resolve(undefined)
        : api<{ issue: Issue }>('GET', `/api/admin/newsletter-issues/${id}`).then((a) => a.issue),
    ]);
    const ids = issue?.content_kind === 'digest' ? parseJson<number[]>(issue.article_ids, []) : [];
    // Titles for the digest list; an article deleted since shows as its number.
    const digest = await Promise.all(
      ids.map((articleId) =>
        api<{ article: { title: string } }>('GET', `/api/admin/articles/${articleId}`).then(
          (a) => ({ id: articleId, title: a.article.title }),
          () => ({ id: articleId, title: `Article ${articleId} (not found)` }),
        ),
      ),
    );
    return { newsletters, issue, digest };
  }, [id]);
  if (loaded.error) return <Alert error={loaded.error} />;
  if (!loaded.data)
    return (
      <p className="loading" role="status">
        Loading the issue…
      </p>
    );
  return <IssueComposer {...loaded.data} />;
}

function IssueComposer({
  newsletters,
  issue,
  digest: initialDigest,
}: {
  newsletters: Newsletter[];
  issue: Issue | undefined;
  digest: DigestItem[];
}) {
  const [newsletterId, setNewsletterId] = useState(issue?.newsletter_id ?? newsletters[0]?.id ?? 0);
  const [subject, setSubject] = useState(issue?.subject ?? '');
  const [preheader, setPreheader] = useState(issue?.preheader ?? '');
  const [kind, setKind] = useState<'document' | 'digest'>(issue?.content_kind ?? 'document');
  const [digest, setDigest] = useState(initialDigest);
  const [status, setStatus] = useState<IssueStatus>(issue?.status ?? 'draft');
  const [dirty, setDirty] = useState(issue === undefined);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const editorRef = useRef<Editor | null>(null);
  const editable = status === 'draft' || status === 'scheduled';
  const markDirty = useCallback(() => setDirty(true), []);
  const onStatus = useCallback((s: IssueStatus) => setStatus(s), []);

  /** Saves when there are changes; true when the issue on the server matches the screen. */
  const save = async (): Promise<boolean> => {
    if (!dirty && issue) return true;
    setError(null);
    setNotice('');
    const content =
      kind === 'digest'
        ? { article_ids: digest.map((d) => d.id) }
        : { doc: editorRef.current?.getJSON() ?? emptyDoc };
    try {
      if (!issue) {
        const answer = await api<{ issue: Issue }>('POST', '/api/admin/newsletter-issues', {
          newsletter_id: newsletterId,
          subject,
          preheader,
          ...content,
        });
        navigate(`/newsletters/issues/${answer.issue.id}`, { replace: true });
        return false;
      }
      await api('PATCH', `/api/admin/newsletter-issues/${issue.id}`, {
        subject,
        preheader,
        ...content,
      });
      setDirty(false);
      setNotice('Saved.');
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await save();
    setBusy(false);
  };

  const title = issue ? `Issue: ${issue.subject}` : 'New issue';
  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setDirty(true);
    };

  if (newsletters.length === 0)
    return (
      <>
        <ScreenTitle title="New issue">New issue</ScreenTitle>
        <p>
          Create a newsletter first: <Link to="/newsletters">Newsletters</Link>.
        </p>
      </>
    );

  return (
    <>
      <ScreenTitle title={title}>{title}</ScreenTitle>
      <p>
        <Link to="/newsletters/issues">All issues</Link>
      </p>
      {!editable ? (
        <p className="hint">This issue is {status}; its content can no longer be changed.</p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} aria-label="Compose the issue">
        <Field label="Newsletter" hint={issue ? 'An issue stays with its newsletter.' : undefined}>
          {(p) => (
            <select
              {...p}
              value={newsletterId}
              disabled={issue !== undefined}
              onChange={(e) => change(setNewsletterId)(Number(e.target.value))}
            >
              {newsletters.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Subject">
          {(p) => (
            <input
              {...p}
              required
              maxLength={200}
              readOnly={!editable}
              value={subject}
              onChange={(e) => change(setSubject)(e.target.value)}
            />
          )}
        </Field>
        <Field label="Preheader" hint="The short line inboxes show after the subject.">
          {(p) => (
            <input
              {...p}
              maxLength={300}
              readOnly={!editable}
              value={preheader}
              onChange={(e) => change(setPreheader)(e.target.value)}
            />
          )}
        </Field>
        <fieldset disabled={!editable}>
          <legend>Content</legend>
          <label className="choice">
            <input
              type="radio"
              name="kind"
              checked={kind === 'document'}
              onChange={() => change(setKind)('document')}
            />{' '}
            Written here
          </label>{' '}
          <label className="choice">
            <input
              type="radio"
              name="kind"
              checked={kind === 'digest'}
              onChange={() => change(setKind)('digest')}
            />{' '}
            A digest of articles
          </label>
        </fieldset>
        {/* The editor stays mounted while the digest is shown, so switching back keeps the text. */}
        <div hidden={kind !== 'document'}>
          <IssueBody
            initialDoc={
              issue?.content_kind === 'document' ? parseJson(issue.doc, emptyDoc) : emptyDoc
            }
            editable={editable}
            editorRef={editorRef}
            onChange={markDirty}
          />
        </div>
        {kind === 'digest' ? (
          <DigestPicker items={digest} editable={editable} onChange={change(setDigest)} />
        ) : null}
        <Alert error={error} />
        {notice ? <p role="status">{notice}</p> : null}
        {editable ? (
          <p>
            <button type="submit" disabled={busy}>
              {issue ? 'Save issue' : 'Create issue'}
            </button>{' '}
            {issue && dirty ? <span className="hint">Unsaved changes</span> : null}
          </p>
        ) : null}
      </form>
      {issue ? (
        <>
          <IssuePreview issueId={issue.id} beforeLoad={save} />
          <SendControls issueId={issue.id} status={status} beforeSend={save} onStatus={onStatus} />
          {status !== 'draft' ? (
            <SendProgress issueId={issue.id} status={status} onStatus={onStatus} />
          ) : null}
          {status === 'sending' ||
          status === 'paused' ||
          status === 'sent' ||
          status === 'cancelled' ? (
            <IssueStats issueId={issue.id} status={status} />
          ) : null}
        </>
      ) : null}
    </>
  );
}
