import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../platform/app-services.js';

// Every reader-revenue route module, registered from app.ts in one call. Add a line per module.

export async function registerRevenueRoutes(
  app: FastifyInstance,
  services: AppServices,
): Promise<void> {
  void app;
  void services;
}
