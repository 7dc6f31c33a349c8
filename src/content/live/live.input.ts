import { z } from 'zod';

// What a client may send to the live desk's API.

const name = z.string().trim().min(1, 'must not be empty').max(120, 'at most 120 characters');

export const coverageStateSchema = z.object({ state: z.enum(['live', 'ended']) }).strict();

export const liveUpdateCreateSchema = z
  .object({
    headline: z.string().trim().max(200, 'must be at most 200 characters').default(''),
    doc: z.unknown().optional(),
    html: z.string().max(500_000, 'the update is too long').optional(),
    status: z.enum(['draft', 'published', 'scheduled']).default('draft'),
    /** For a scheduled update: newsroom wall-clock time, e.g. "2026-12-07T18:30". */
    published_at: z.string().trim().max(40).nullable().optional(),
    key_event: z.boolean().default(false),
    pinned: z.boolean().default(false),
    push: z.boolean().default(false),
    authors: z.array(name).max(10, 'at most 10 authors').optional(),
  })
  .strict();

export const liveUpdateEditSchema = z
  .object({
    version: z.number().int().positive(),
    headline: z.string().trim().max(200, 'must be at most 200 characters').optional(),
    doc: z.unknown().optional(),
    html: z.string().max(500_000, 'the update is too long').optional(),
    status: z.enum(['draft', 'published', 'scheduled']).optional(),
    published_at: z.string().trim().max(40).nullable().optional(),
    key_event: z.boolean().optional(),
    pinned: z.boolean().optional(),
    push: z.boolean().optional(),
    authors: z.array(name).max(10, 'at most 10 authors').optional(),
    correction: z.string().trim().max(1000, 'must be at most 1,000 characters').optional(),
  })
  .strict();

export const deskPresenceSchema = z.object({ typing: z.boolean().default(false) }).strict();

export type LiveUpdateCreateInput = z.infer<typeof liveUpdateCreateSchema>;
export type LiveUpdateEditInput = z.infer<typeof liveUpdateEditSchema>;
