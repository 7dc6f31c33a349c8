import { localeFor, translate } from '../site/i18n/translate.js';
import { registerSlotRenderer } from '../site/slots.js';
import { publicNewsletters } from './newsletter-directory.js';
import { renderSignupForm } from './signup-form.js';
import { signupScript } from './signup-script.js';

let registered = false;

/**
 * Puts the signup form in the article (after the body) and home page slots. Slots render
 * synchronously from the in-memory newsletter list: no query per page view.
 */
export function registerNewsletterSlots(): void {
  if (registered) return;
  registered = true;
  // The slot's language is the article's (or the site's, on the home page).
  registerSlotRenderer('newsletter-signup', (context) =>
    renderSignupForm({
      idPrefix: 'nl-article',
      locale: localeFor(context.language),
      location: context.articleId === undefined ? 'article' : `article:${context.articleId}`,
      newsletters: publicNewsletters(),
      title: translate(localeFor(context.language), 'newsletters.form.articleTitle'),
      scriptPath: signupScript().path,
    }),
  );
  registerSlotRenderer('home-newsletter-signup', (context) =>
    renderSignupForm({
      idPrefix: 'nl-home',
      locale: localeFor(context.language),
      location: 'home',
      newsletters: publicNewsletters(),
      title: translate(localeFor(context.language), 'newsletters.title'),
      scriptPath: signupScript().path,
    }),
  );
}
