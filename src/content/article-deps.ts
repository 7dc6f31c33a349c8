import type { AppServices } from '../platform/app-services.js';
import type { ArticleDeps } from './article.service.js';

/** The article rules' dependencies for this request: clock, newsroom zone, own hosts. */
export async function articleDepsFor(services: AppServices): Promise<ArticleDeps> {
  const settings = await services.settings.get();
  return {
    now: services.now,
    timeZone: settings.timeZone,
    internalHosts: [new URL(services.config.baseUrl).host],
  };
}
