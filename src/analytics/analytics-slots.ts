import { html } from '../platform/http/html.js';
import { registerSlotRenderer } from '../site/slots.js';
import { analyticsScript } from './analytics-assets.js';
import { currentAnalyticsSettings } from './analytics-settings.js';

let registered = false;

/**
 * Puts the beacon's script on every page while analytics is on (from the in-memory settings:
 * no query per page). The tag is the same for every reader, so pages stay cached.
 */
export function registerAnalyticsSlot(): void {
  if (registered) return;
  registered = true;
  registerSlotRenderer('analytics', () =>
    currentAnalyticsSettings().enabled
      ? html`<script src="${analyticsScript().path}" defer></script>`
      : undefined,
  );
}
