/** How long one hub request may take before it is abandoned (and the job retried). */
export const hubTimeoutMs = 10_000;

/**
 * Tells a hub that topics changed (`hub.mode=publish`, one request per topic, form-encoded as
 * hubs expect). Each request is bounded by `timeoutMs` and by `signal`; a non-2xx answer throws
 * so the job is retried with backoff.
 */
export async function pingWebSubHub(
  hub: string,
  topics: string[],
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  for (const topic of topics) {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? hubTimeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const response = await fetch(hub, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString(),
      redirect: 'error',
      signal,
    });
    // The body is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`WebSub hub ${hub} answered ${response.status} for ${topic}`);
  }
}
