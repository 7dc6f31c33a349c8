// Heavy libraries that the first page does not need (MJML, mail parsing and sending, image
// processing, Stripe, password hashing, MP3 encoding) are imported on first use, so a web
// process starts and answers its first reader without loading them. A failed import is not
// remembered: the next use tries again.

/** Returns a loader that imports the module once, on first call, and then reuses it. */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
