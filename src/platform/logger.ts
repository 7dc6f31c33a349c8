import { pino, type Logger } from 'pino';

export type { Logger };

/** The process logger (JSON lines on stdout). Secrets are redacted wherever they might appear. */
export function createLogger(level: string, name = 'masthead'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        'password',
        '*.password',
        'token',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}
