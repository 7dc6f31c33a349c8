/* global __MASTHEAD_MESSAGES__ */
// Shows "Edit post" to signed-in staff. The page HTML is the same for everyone (and cached);
// only this script, seeing the non-secret masthead_staff cookie, adds the link. Its text is
// in the page's language (assets.ts fills in the catalogs' words).
(function () {
  if (!/(?:^|;\s*)masthead_staff=1(?:;|$)/.test(document.cookie)) return;
  var article = document.querySelector('[data-article-id]');
  if (!article) return;
  var messages = __MASTHEAD_MESSAGES__;
  var lang = (document.documentElement.getAttribute('lang') || 'en').toLowerCase().split('-')[0];
  var link = document.createElement('a');
  link.className = 'edit-link';
  link.href =
    '/admin/articles/' + encodeURIComponent(article.getAttribute('data-article-id')) + '/edit';
  link.textContent = (messages[lang] || messages.en)['layout.editPost'];
  article.insertBefore(link, article.firstChild);
})();
