/** Waits for a condition checked against real systems (a log row, a published event). */

/** Polls `check` (sync or async) every 100 ms until it returns a truthy value, and returns it. */
export async function eventually<T>(what: string, check: () => Promise<T | null | undefined | false> | T | null | undefined | false, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
