import type { ChainedCommands, Editor } from '@tiptap/core';
import { NodeSelection, TextSelection } from '@tiptap/pm/state';
import { useEditorState } from '@tiptap/react';
import { type FormEvent, useEffect, useState } from 'react';
import { findEmbedProvider } from '../../../../src/content/document/embed-providers';
import { ArticleSearch } from '../../article-search';
import { Dialog } from '../../dialog';
import { Alert, Field } from '../../ui';
import { LinkDialog } from './LinkDialog';
import { MediaPicker } from './MediaPicker';

type Open = null | 'link' | 'image' | 'embed' | 'related';

/**
 * Inserts an image, embed or card and puts the cursor in the paragraph below it (adding one
 * at the end): left selected, the next keystroke would replace what was just inserted.
 */
function insertBlock(chain: ChainedCommands, node: { type: string; attrs: object }) {
  return chain.insertContent(node).command(({ tr }) => {
    const paragraph = tr.doc.type.schema.nodes.paragraph;
    if (!(tr.selection instanceof NodeSelection) || !paragraph) return true;
    const after = tr.selection.to;
    if (!tr.doc.resolve(after).nodeAfter?.isTextblock) tr.insert(after, paragraph.create());
    tr.setSelection(TextSelection.create(tr.doc, after + 1));
    return true;
  });
}

function ToolButton({
  label,
  pressed,
  onClick,
  shortcut,
}: {
  label: string;
  pressed?: boolean;
  onClick: () => void;
  shortcut?: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-keyshortcuts={shortcut}
      onMouseDown={(e) => e.preventDefault() /* keep the editor's selection */}
      onClick={onClick}
    >
      {label}
    </button>
  );
}

/** The body toolbar: every command is a labelled button reachable with Tab. */
export function Toolbar({ editor }: { editor: Editor }) {
  const [open, setOpen] = useState<Open>(null);
  const [embedUrl, setEmbedUrl] = useState('');
  const [embedError, setEmbedError] = useState('');
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      pull: e.isActive('pullQuote'),
      link: e.isActive('link'),
      href: (e.getAttributes('link').href as string | undefined) ?? '',
    }),
  });
  const chain = () => editor.chain().focus();

  // Ctrl/Cmd+K opens the link dialog from inside the body, as in most editors.
  useEffect(() => {
    const dom = editor.view.dom;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen('link');
      }
    };
    dom.addEventListener('keydown', onKey);
    return () => dom.removeEventListener('keydown', onKey);
  }, [editor]);
  const close = () => setOpen(null);

  function insertEmbed(event: FormEvent) {
    event.preventDefault();
    const url = embedUrl.trim();
    const provider = findEmbedProvider(url);
    if (!provider) {
      setEmbedError(
        'That address is not from an allowed provider (YouTube, Vimeo, X, Instagram, Facebook, TikTok, SoundCloud, Spotify, Datawrapper, Flourish) or is not https.',
      );
      return;
    }
    insertBlock(chain(), { type: 'embed', attrs: { provider: provider.id, url } }).run();
    setEmbedUrl('');
    setEmbedError('');
    close();
  }

  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      <ToolButton
        label="Heading 2"
        pressed={state.h2}
        shortcut="Control+Alt+2"
        onClick={() => chain().toggleHeading({ level: 2 }).run()}
      />
      <ToolButton
        label="Heading 3"
        pressed={state.h3}
        shortcut="Control+Alt+3"
        onClick={() => chain().toggleHeading({ level: 3 }).run()}
      />
      <ToolButton
        label="Bold"
        pressed={state.bold}
        shortcut="Control+B"
        onClick={() => chain().toggleBold().run()}
      />
      <ToolButton
        label="Italic"
        pressed={state.italic}
        shortcut="Control+I"
        onClick={() => chain().toggleItalic().run()}
      />
      <ToolButton
        label="Bulleted list"
        pressed={state.bullet}
        onClick={() => chain().toggleBulletList().run()}
      />
      <ToolButton
        label="Numbered list"
        pressed={state.ordered}
        onClick={() => chain().toggleOrderedList().run()}
      />
      <ToolButton
        label="Link"
        pressed={state.link}
        shortcut="Control+K"
        onClick={() => setOpen('link')}
      />
      <ToolButton
        label="Quote"
        pressed={state.quote}
        onClick={() => chain().toggleBlockquote().run()}
      />
      <ToolButton
        label="Pull quote"
        pressed={state.pull}
        onClick={() =>
          state.pull ? chain().setParagraph().run() : chain().setNode('pullQuote').run()
        }
      />
      <ToolButton label="Image" onClick={() => setOpen('image')} />
      <ToolButton label="Divider" onClick={() => chain().setHorizontalRule().run()} />
      <ToolButton
        label="Preview ends here"
        onClick={() => chain().insertContent({ type: 'previewBreak' }).run()}
      />
      <ToolButton label="Embed" onClick={() => setOpen('embed')} />
      <ToolButton label="Related article" onClick={() => setOpen('related')} />

      {open === 'link' ? (
        <LinkDialog
          initialHref={state.href}
          onClose={close}
          onRemove={
            state.link
              ? () => {
                  chain().extendMarkRange('link').unsetLink().run();
                  close();
                }
              : null
          }
          onChoose={(link) => {
            const { empty } = editor.state.selection;
            if (empty && !state.link) {
              // Nothing selected: insert the address (or title) as linked text.
              chain()
                .insertContent({
                  type: 'text',
                  text: link.text ?? link.href,
                  marks: [{ type: 'link', attrs: { href: link.href, articleId: link.articleId } }],
                })
                .run();
            } else
              chain()
                .extendMarkRange('link')
                .setLink({ href: link.href, articleId: link.articleId } as { href: string })
                .run();
            close();
          }}
        />
      ) : null}
      {open === 'image' ? (
        <MediaPicker
          title="Insert image"
          onClose={close}
          onChoose={({ media, alt, caption, credit }) => {
            insertBlock(chain(), {
              type: 'image',
              attrs: { src: media.url, alt, caption, credit, mediaId: media.id },
            }).run();
            close();
          }}
        />
      ) : null}
      {open === 'related' ? (
        <Dialog title="Insert related article" onClose={close}>
          <ArticleSearch
            label="Search our articles"
            actionLabel="Insert card"
            onPick={(article) => {
              insertBlock(chain(), {
                type: 'relatedArticle',
                attrs: { articleId: article.id, title: article.title },
              }).run();
              close();
            }}
          />
        </Dialog>
      ) : null}
      {open === 'embed' ? (
        <Dialog title="Embed by URL" onClose={close}>
          <form className="stack" onSubmit={insertEmbed}>
            <Field label="Address of the video, post or chart">
              {(props) => (
                <input
                  {...props}
                  type="url"
                  required
                  value={embedUrl}
                  onChange={(e) => setEmbedUrl(e.target.value)}
                />
              )}
            </Field>
            <Alert>{embedError || null}</Alert>
            <button type="submit">Embed</button>
          </form>
        </Dialog>
      ) : null}
    </div>
  );
}
