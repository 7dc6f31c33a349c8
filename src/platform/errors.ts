/** An error a person can act on, with the HTTP status the API answers with. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
  }
}

/** 422 with per-field messages. */
export function validationError(fields: Record<string, string[]>, message?: string): AppError {
  const summary = Object.entries(fields)
    .map(([field, messages]) => `${field === '_' ? 'request' : field}: ${messages.join('; ')}`)
    .join('. ');
  return new AppError(
    422,
    'validation_failed',
    message ?? `Please correct these fields — ${summary}.`,
    fields,
  );
}

export const notFound = (what: string): AppError =>
  new AppError(404, 'not_found', `${what} was not found.`);
export const forbidden = (message = 'You do not have permission to do that.'): AppError =>
  new AppError(403, 'forbidden', message);
export const conflict = (message: string, code = 'conflict'): AppError =>
  new AppError(409, code, message);
