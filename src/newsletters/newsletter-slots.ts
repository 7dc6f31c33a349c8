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
  registerSlotRenderer('newsletter-signup', (context) =>
    renderSignupForm({
      idPrefix: 'nl-article',
      location: context.articleId === undefined ? 'article' : `article:${context.articleId}`,
      newsletters: publicNewsletters(),
      title: 'Get our newsletter',
      scriptPath: signupScript().path,
    }),
  );
  registerSlotRenderer('home-newsletter-signup', () =>
    renderSignupForm({
      idPrefix: 'nl-home',
      location: 'home',
      newsletters: publicNewsletters(),
      title: 'Newsletters',
      scriptPath: signupScript().path,
    }),
  );
}
