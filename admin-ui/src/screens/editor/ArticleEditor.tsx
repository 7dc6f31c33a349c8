import { Node as PmNode } from '@tiptap/pm/model';
import { EditorContent, useEditor } from '@tiptap/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { countWords, readingMinutes } from '../../../../src/content/document/document-to-text';
import { api } from '../../api';
import { documentExtensions } from '../../editor/schema-extensions';
import { useUser } from '../../session';
import type { Article, Editing } from '../../types';
import { Field, ScreenTitle } from '../../ui';
import { ArticleMeta, type MetaValues } from './ArticleMeta';
import { ArticleStatsPanel } from './ArticleStatsPanel';
import { ArticleCommentsPanel } from '../comments/ArticleCommentsPanel';
import { LiveCoveragePanel } from './LiveCoveragePanel';
import { NarrationPanel } from './NarrationPanel';
import { Revisions } from './Revisions';
import { SaveStatusLine } from './SaveStatusLine';
import { Toolbar } from './Toolbar';
import { useArticleSaver } from './useArticleSaver';
import { Workflow } from './Workflow';

const presenceEveryMs = 15_000;

export function ArticleEditor({
  initial,
  onReplace,
  onReload,
}: {
  initial: Article;
  onReplace: (article: Article) => void;
  onReload: () => void;
}) {
  const user = useUser();
  const [article, setArticle] = useState(initial);
  const [title, setTitle] = useState(initial.title);
  const [excerpt, setExcerpt] = useState(initial.excerpt ?? '');
  const [meta, setMeta] = useState<MetaValues>({
    slug: initial.slug,
    language: initial.language,
    authors: initial.authors.map((a) => a.name),
    tags: initial.tags.map((t) => t.name),
    featured_image_url: initial.featured_image_url,
    featured_image_alt: initial.featured_image_alt ?? '',
    featured_image_caption: initial.featured_image_caption ?? '',
    access_level: initial.access_level ?? 'default',
    access_tiers: initial.access_tiers ?? [],
    preview_paragraphs: initial.preview_paragraphs ?? null,
  });
  const [stats, setStats] = useState({
    words: initial.word_count,
    minutes: initial.reading_minutes,
  });
  const [others, setOthers] = useState<Editing[]>(initial.editing ?? []);
  const extensions = useMemo(() => documentExtensions(), []);

  const editor = useEditor({
    extensions,
    content: initial.doc,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        'aria-label': 'Article body',
        'aria-multiline': 'true',
        role: 'textbox',
        class: 'prose',
      },
    },
  });

  const fields = useRef({ title, excerpt, meta });
  fields.current = { title, excerpt, meta };
  const collect = useCallback(() => {
    const { title: t, excerpt: x, meta: m } = fields.current;
    const { featured_media_id: mediaId, ...rest } = m;
    return {
      title: t,
      excerpt: x,
      ...rest,
      ...(mediaId !== undefined ? { featured_media_id: mediaId } : {}),
      doc: editor.getJSON(),
    };
  }, [editor]);
  const saver = useArticleSaver(initial, collect);
  const { markDirty, save } = saver;

  const docText = useCallback(
    (doc: unknown) => {
      try {
        const node = PmNode.fromJSON(editor.schema, doc as Record<string, unknown>);
        return node.textBetween(0, node.content.size, '\n\n', ' ');
      } catch {
        return '';
      }
    },
    [editor],
  );
  const bodyText = useCallback(
    () => editor.state.doc.textBetween(0, editor.state.doc.content.size, '\n\n', ' '),
    [editor],
  );

  // Word count and reading time: recounted shortly after typing pauses, not on every keystroke.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      markDirty();
      clearTimeout(timer);
      timer = setTimeout(() => {
        const words = countWords(`${fields.current.title} ${bodyText()}`);
        setStats({ words, minutes: readingMinutes(words) });
      }, 250);
    };
    const onBlur = () => void save();
    editor.on('update', onUpdate);
    editor.on('blur', onBlur);
    return () => {
      clearTimeout(timer);
      editor.off('update', onUpdate);
      editor.off('blur', onBlur);
    };
  }, [editor, markDirty, save, bodyText]);

  // Presence: tell others we are here every 15 s; show who else is.
  useEffect(() => {
    const beat = () =>
      api<{ editing: Editing[] } | undefined>(
        'POST',
        `/api/admin/articles/${initial.id}/presence`,
      ).then(
        (answer) => answer && setOthers(answer.editing.filter((e) => e.user_id !== user.id)),
        () => undefined,
      );
    void beat();
    const timer = setInterval(beat, presenceEveryMs);
    return () => {
      clearInterval(timer);
      void api('DELETE', `/api/admin/articles/${initial.id}/presence`).catch(() => undefined);
    };
  }, [initial.id, user.id]);

  const change =
    <T,>(set: (v: T) => void) =>
    (value: T) => {
      set(value);
      saver.markDirty();
    };

  async function preview() {
    await saver.saveNow();
    window.open(`/admin/preview/${initial.id}`, '_blank', 'noopener');
  }

  const allText = () => `${title}\n\n${excerpt}\n\n${bodyText()}`;

  return (
    <div
      className="editor-screen"
      onBlur={(e) => {
        if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)
          void saver.save();
      }}
    >
      <div className="screen-head">
        <ScreenTitle title={`Edit: ${title}`}>Edit article</ScreenTitle>
        <SaveStatusLine
          status={saver.status}
          onSave={() => void saver.saveNow()}
          onReload={onReload}
          yourText={allText}
        />
      </div>
      {others.length > 0 ? (
        <p className="badge editing" role="status">
          {others.map((o) => o.name).join(', ')} {others.length === 1 ? 'is' : 'are'} also editing
          this article.
        </p>
      ) : null}
      <div className="editor-layout">
        <div className="editor-main">
          <Field label="Headline">
            {(props) => (
              <textarea
                {...props}
                className="title-input"
                rows={2}
                value={title}
                onChange={(e) => change(setTitle)(e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Standfirst"
            hint="One or two sentences shown under the headline and in lists."
          >
            {(props) => (
              <textarea
                {...props}
                rows={3}
                value={excerpt}
                onChange={(e) => change(setExcerpt)(e.target.value)}
              />
            )}
          </Field>
          <div className="body-editor">
            <Toolbar editor={editor} />
            <EditorContent editor={editor} />
          </div>
          <p className="stats" aria-live="off">
            {stats.words.toLocaleString('en')} words · {stats.minutes} min read
          </p>
        </div>
        <aside className="editor-side" aria-label="Article settings">
          <div className="row wrap">
            <button type="button" onClick={() => void saver.saveNow()}>
              Save
            </button>
            <button type="button" onClick={() => void preview()}>
              Preview<span className="visually-hidden"> (opens a new tab)</span>
            </button>
          </div>
          <Workflow
            article={article}
            saveFirst={saver.saveNow}
            submit={async () => {
              const answer = await api<{ article: Article }>(
                'PATCH',
                `/api/admin/articles/${initial.id}`,
                {
                  status: 'submitted',
                  version: saver.version.current,
                },
              );
              saver.adopt(answer.article);
              setArticle(answer.article);
            }}
            onChanged={(updated) => {
              saver.adopt(updated);
              setArticle(updated);
            }}
          />
          <LiveCoveragePanel article={initial} />
          <NarrationPanel articleId={initial.id} articleStatus={article.status} />
          <ArticleStatsPanel articleId={initial.id} articleStatus={article.status} />
          <ArticleCommentsPanel articleId={initial.id} />
          <ArticleMeta
            values={meta}
            effectiveAccess={article.effective_access_level}
            onChange={(patch) => change(setMeta)({ ...meta, ...patch })}
          />
          <Revisions
            articleId={initial.id}
            currentText={allText}
            docText={docText}
            currentVersion={() => saver.version.current}
            beforeRestore={saver.saveNow}
            onRestored={onReplace}
          />
        </aside>
      </div>
    </div>
  );
}
