import { useState } from 'react';
import { api } from '../../api';
import type { Article } from '../../types';
import { Alert, useLoad } from '../../ui';
import { ArticleEditor } from './ArticleEditor';

/** Loads one article and (re)mounts the editor on it: after a restore or a conflict reload. */
export default function EditorScreen({ id }: { id: number }) {
  const [generation, setGeneration] = useState(0);
  const loaded = useLoad(() => api<{ article: Article }>('GET', `/api/admin/articles/${id}`), [id]);
  if (loaded.error) return <Alert error={loaded.error} />;
  if (!loaded.data)
    return (
      <p className="loading" role="status">
        Loading the article…
      </p>
    );
  return (
    <ArticleEditor
      key={`${loaded.data.article.version}-${generation}`}
      initial={loaded.data.article}
      onReplace={(article) => {
        loaded.setData({ article });
        setGeneration((g) => g + 1);
      }}
      onReload={loaded.reload}
    />
  );
}
