/**
 * Waits until `condition()` holds, polling on the event loop. The bound is a safety net for a test that would
 * otherwise hang (minutes, far above any need), not a speed requirement: say `what` for the failure message.
 */
export async function until(condition: () => boolean | Promise<boolean>, what: string, limitMs = 90_000): Promise<void> {
  const start = performance.now();
  while (!(await condition())) {
    if (performance.now() - start > limitMs) throw new Error(`gave up waiting for ${what} after ${Math.round(limitMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
