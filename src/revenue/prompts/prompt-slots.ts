import { html } from '../../platform/http/html.js';
import { registerSlotRenderer, setSlotParagraph, type SlotContext } from '../../site/slots.js';
import { renderGate } from './prompt-gate.js';
import { renderAfterBodyPrompt, renderBanner, renderInlinePrompt } from './prompt-render.js';
import { supportScript } from './prompt-script.js';
import { supportState } from './support-state.js';
import { renderSoftWalls } from './wall-render.js';

let registered = false;

function promptContext(context: SlotContext) {
  return { language: context.language, articleId: context.articleId, path: context.path };
}

/**
 * Fills the support slots: inside the article (after paragraph N from the settings), after
 * the body (with the soft walls, on public articles), and the banner below the masthead on every page (with the early gate script).
 * Renders synchronously from the in-memory settings: no query per page view.
 */
export function registerSupportPromptSlots(): void {
  if (registered) return;
  registered = true;
  setSlotParagraph('support-prompt-inline', () => supportState().prompts.inline.afterParagraph);
  registerSlotRenderer('support-prompt-inline', (context) => {
    const { prompts, offers } = supportState();
    return context.page === 'article'
      ? renderInlinePrompt(prompts, offers, promptContext(context))
      : undefined;
  });
  registerSlotRenderer('support-prompt', (context) => {
    const { prompts, offers } = supportState();
    return renderAfterBodyPrompt(prompts, offers, promptContext(context));
  });
  // After the after-body prompt, hidden: support-walls.js moves a wall into the body.
  registerSlotRenderer('support-prompt', (context) => {
    const { prompts, offers } = supportState();
    return context.page === 'article' && context.openArticle === true
      ? renderSoftWalls(prompts, offers, promptContext(context))
      : undefined;
  });
  registerSlotRenderer('support-banner', (context) => {
    const { prompts, offers } = supportState();
    // The support page is itself the ask (and the checkout pages live under it).
    const onSupportPages = (context.path ?? '').startsWith('/support/');
    const banner = onSupportPages
      ? undefined
      : renderBanner(prompts, offers, promptContext(context));
    return html`${renderGate(prompts, supportScript().path)}${banner ?? ''}`;
  });
}
