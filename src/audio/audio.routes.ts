import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../platform/app-services.js';
import { registerAudioFileRoutes } from './audio-file.routes.js';
import { registerBriefingSlot } from './briefing-player.js';
import { registerFullAudioRoutes } from './full-audio.routes.js';
import { registerListenRoutes } from './listen.routes.js';
import { registerLiveSummarySlot } from './live-summary-player.js';
import { registerAudioPlayerSlot } from './player.js';
import { registerPodcastRoutes } from './podcast.routes.js';

/**
 * The public audio routes (`/audio/<hash>.mp3`, `/audio/beacon`, `/podcast.xml`,
 * `/podcast/briefing.xml`), a gated article's entitlement-checked `/audio/full/<id>/<hash>.mp3`, and the
 * player in the article page's audio slot (and the live page's key-events summary, the home page's daily briefing).
 */
export function registerAudioRoutes(app: FastifyInstance, services: AppServices): void {
  registerAudioPlayerSlot();
  registerLiveSummarySlot();
  registerBriefingSlot();
  registerAudioFileRoutes(app, services);
  registerFullAudioRoutes(app, services);
  registerListenRoutes(app, services);
  registerPodcastRoutes(app, services);
}
