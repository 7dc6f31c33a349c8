import { ArticleSearch } from '../../article-search';
import { moved } from '../../ui';

export interface DigestItem {
  id: number;
  title: string;
}

/** The articles of a digest issue, in order: add by search, reorder with buttons, remove. */
export function DigestPicker({
  items,
  editable,
  onChange,
}: {
  items: DigestItem[];
  editable: boolean;
  onChange: (items: DigestItem[]) => void;
}) {
  return (
    <section aria-labelledby="digest-title">
      <h2 id="digest-title">Articles in this digest</h2>
      <ol className="ordered-items">
        {items.map((item, index) => (
          <li key={item.id}>
            <span>{item.title}</span>
            {editable ? (
              <>
                <button
                  type="button"
                  disabled={index === 0}
                  onClick={() => onChange(moved(items, index, -1))}
                >
                  Move up<span className="visually-hidden">: {item.title}</span>
                </button>
                <button
                  type="button"
                  disabled={index === items.length - 1}
                  onClick={() => onChange(moved(items, index, 1))}
                >
                  Move down<span className="visually-hidden">: {item.title}</span>
                </button>
                <button
                  type="button"
                  onClick={() => onChange(items.filter((x) => x.id !== item.id))}
                >
                  Remove<span className="visually-hidden">: {item.title}</span>
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {items.length === 0 ? <p>No articles yet: search below and add some.</p> : null}
      {editable ? (
        <ArticleSearch
          label="Find articles to add"
          actionLabel="Add"
          exclude={items.map((i) => i.id)}
          onPick={(article) => onChange([...items, { id: article.id, title: article.title }])}
        />
      ) : null}
    </section>
  );
}
