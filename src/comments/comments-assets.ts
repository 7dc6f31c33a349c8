import { createHash } from 'node:crypto';

// The two small files of the comments: the script on (cached) article pages that asks the
// counts endpoint after load and writes the count into the comments link, and the comments
// page's stylesheet. Both are served under content-hashed paths, cached for a year.

export interface Asset {
  path: string;
  body: string;
  etag: string;
  type: string;
}

// Finds every `[data-comments-count]` link (the article's, and the story cards'), asks once
// for all their counts in the page's language, and writes each answer into its link. Links
// to closed articles with no comments are hidden; a card's line appears only with a count.
// Without JavaScript the article's link says "Read the comments" and cards show nothing.
const script = `(function () {
  var links = document.querySelectorAll('a[data-comments-count]');
  if (!links.length || !window.fetch) return;
  var ids = [];
  links.forEach(function (a) { var id = a.getAttribute('data-comments-count'); if (ids.indexOf(id) < 0) ids.push(id); });
  var lang = document.documentElement.getAttribute('lang') || 'en';
  fetch('/comments/counts.json?lang=' + encodeURIComponent(lang) + '&ids=' + ids.slice(0, 50).join(','), { credentials: 'omit' })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) {
      if (!data || !data.articles) return;
      links.forEach(function (a) {
        var entry = data.articles[a.getAttribute('data-comments-count')];
        if (!entry) return;
        var box = a.closest('[data-comments]') || a;
        if (!entry.open && entry.count === 0) { box.hidden = true; return; }
        // A card shows its line only when there is something to count.
        if (a.hasAttribute('data-comments-card')) { if (entry.count === 0) return; box.hidden = false; }
        a.textContent = entry.label;
      });
    })
    .catch(function () {});
})();
`;

const styles = `.comments{max-width:42rem;margin:0 auto;padding:1rem}
.comments ol{list-style:none;margin:0;padding:0}
.comment{margin:1.2rem 0;padding:0 0 0 .8rem;border-left:3px solid var(--rule,#d8d4cc)}
.comment--held{border-left-color:#8a5a00;background:#fff8e6}
.comment__meta{display:flex;flex-wrap:wrap;gap:.2rem .8rem;font-size:.9rem;color:var(--muted,#555)}
.comment__author{font-weight:700;color:var(--ink,#111)}
.comment__body blockquote{margin:.4rem 0;padding-left:.8rem;border-left:3px solid #999;color:var(--muted,#555)}
.comment__placeholder{font-style:italic;color:var(--muted,#555)}
.comment__replies{margin-left:1.2rem}
.comment__actions{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}
.comment__actions summary,.comment__actions button{min-height:44px;cursor:pointer}
.comments textarea{width:100%;min-height:8rem;padding:.4rem .6rem;font:inherit;border:1px solid #767b85;border-radius:.25rem}
.comments input[type=text]{min-height:44px;padding:.4rem .6rem;font:inherit;border:1px solid #767b85;border-radius:.25rem}
.comments-notice{padding:.6rem 1rem;border-left:4px solid #1a7f37;background:#e9f6ec}
`;

function asset(name: string, ext: string, body: string, type: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { path: `/comments/${name}.${hash}.${ext}`, body, etag: `"${hash}"`, type };
}

let cached: { script: Asset; styles: Asset } | undefined;

/** The article-page script and the comments page's stylesheet. */
export function commentsAssets(): { script: Asset; styles: Asset } {
  cached ??= {
    script: asset('comments', 'js', script, 'text/javascript; charset=utf-8'),
    styles: asset('comments', 'css', styles, 'text/css; charset=utf-8'),
  };
  return cached;
}
