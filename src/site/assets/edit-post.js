// Shows "Edit post" to signed-in staff. The page HTML is the same for everyone (and cached);
// only this script, seeing the non-secret masthead_staff cookie, adds the link.
(function () {
  if (!/(?:^|;\s*)masthead_staff=1(?:;|$)/.test(document.cookie)) return;
  var article = document.querySelector('[data-article-id]');
  if (!article) return;
  var link = document.createElement('a');
  link.className = 'edit-link';
  link.href = '/admin/articles/' + encodeURIComponent(article.getAttribute('data-article-id')) + '/edit';
  link.textContent = 'Edit post';
  article.insertBefore(link, article.firstChild);
})();
