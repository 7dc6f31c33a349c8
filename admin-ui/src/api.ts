// The admin API client: JSON in and out, the CSRF token on every write, and errors that carry
// the server's message (written for people) so screens can show it as is.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from sign-in or whoami). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: { error?: string; code?: string; message?: string; fields?: Record<string, string[]> } =
    {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON (a proxy error page, say): fall back to the status text below
  }
  const message =
    body.message ??
    (response.status === 413
      ? 'The file or request is too large.'
      : `The server answered ${response.status} ${response.statusText}.`);
  return new ApiError(response.status, body.code ?? body.error ?? 'error', message, body.fields);
}

/** Calls the admin API; resolves with the parsed JSON (undefined for 204) or throws ApiError. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'Could not reach the server. Check your connection.');
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204 || response.status === 202) return undefined as T;
  return (await response.json()) as T;
}

/** A message for any thrown value, with field errors appended. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = Object.entries(error.fields).map(
      ([field, problems]) => `${field}: ${problems.join(', ')}`,
    );
    return fields.length > 0 ? `${error.message} (${fields.join('; ')})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Builds a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** POSTs JSON (with the CSRF token) and resolves with the answer's body as a Blob (audio, say). */
export async function apiBlob(path: string, body: unknown): Promise<Blob> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'Could not reach the server. Check your connection.');
  }
  if (!response.ok) throw await errorFrom(response);
  return response.blob();
}
