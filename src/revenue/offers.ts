import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { patchJsonSetting, readJsonSetting } from '../platform/settings/json-setting.js';
import { formatMoney, isKnownCurrency, minorDigits } from './money.js';

// What readers can pay for: membership tiers, one-time and recurring donations, and the
// optional "cover the processing fee". Stored as one JSON settings row ('revenue-offers');
// every amount is integer minor units of `currency`.

const minor = z.number().int().positive().max(100_000_000);

const tierSchema = z.object({
  /** Stable id used in URLs, metadata and attribution (a-z, 0-9, -). */
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and dashes'),
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().max(300).default(''),
  monthly: minor,
  yearly: minor,
  enabled: z.boolean().default(true),
});

export const offersSchema = z
  .object({
    currency: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .refine(isKnownCurrency, 'is not a known ISO 4217 currency code (USD, EUR, UAH, GBP …)')
      .default('USD'),
    tiers: z
      .array(tierSchema)
      .max(6)
      .default([
        {
          id: 'member',
          name: 'Member',
          description: 'Keep independent reporting free for everyone.',
          monthly: 500,
          yearly: 5000,
          enabled: true,
        },
        {
          id: 'patron',
          name: 'Patron',
          description: 'Fund a reporter’s week on the ground.',
          monthly: 1500,
          yearly: 15000,
          enabled: true,
        },
      ]),
    donation: z
      .object({
        enabled: z.boolean().default(true),
        /** Preset buttons. */
        presets: z.array(minor).max(6).default([500, 1000, 2500]),
        allowCustom: z.boolean().default(true),
        /** Smallest accepted amount: at least one unit of the currency (checked below). */
        minimum: minor.default(100),
        maximum: minor.default(1_000_000),
      })
      .prefault({}),
    recurringDonation: z
      .object({
        enabled: z.boolean().default(true),
        presets: z.array(minor).max(6).default([300, 500, 1000]),
      })
      .prefault({}),
    coverFee: z
      .object({
        enabled: z.boolean().default(true),
        percent: z.number().min(0).max(20).default(2.9),
        fixed: z.number().int().min(0).max(10_000).default(30),
      })
      .prefault({}),
  })
  .superRefine((offers, ctx) => {
    const ids = new Set<string>();
    offers.tiers.forEach((tier, i) => {
      if (ids.has(tier.id)) {
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'id'], message: 'is used twice' });
      }
      ids.add(tier.id);
    });
    const oneUnit = 10 ** minorDigits(offers.currency);
    if (offers.donation.minimum < oneUnit) {
      ctx.addIssue({
        code: 'custom',
        path: ['donation', 'minimum'],
        message: `must be at least ${formatMoney(oneUnit, offers.currency)}`,
      });
    }
    if (offers.donation.minimum > offers.donation.maximum) {
      ctx.addIssue({
        code: 'custom',
        path: ['donation', 'minimum'],
        message: 'must not be above the maximum',
      });
    }
  });

export type Offers = z.infer<typeof offersSchema>;
export type Tier = Offers['tiers'][number];

const settingsKey = 'revenue-offers';

/** Reads the offers (defaults for anything missing or unreadable). */
export function readOffers(executor: Executor): Promise<Offers> {
  return readJsonSetting(executor, settingsKey, offersSchema);
}

/** Validates (throws a ZodError) and stores a change; returns the whole new offers. */
export function writeOffers(executor: Executor, patch: unknown): Promise<Offers> {
  return patchJsonSetting(executor, settingsKey, offersSchema, patch);
}

/** The enabled tier with this id, if any. */
export function findTier(offers: Offers, id: string): Tier | undefined {
  return offers.tiers.find((tier) => tier.enabled && tier.id === id);
}
