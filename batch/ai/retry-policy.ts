/**
 * How long to wait before attempt `attempt + 1`: what the provider said (retry-after-ms, Retry-After), or
 * exponential backoff with full jitter — `random` is passed in so the schedule is reproducible in tests.
 */
export function backoffMs(attempt: number, opts: { baseMs?: number; maxMs?: number; retryAfterMs?: number | null; random: () => number }): number {
  if (opts.retryAfterMs != null && opts.retryAfterMs >= 0) return opts.retryAfterMs;
  const base = opts.baseMs ?? 500;
  const cap = opts.maxMs ?? 30_000;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (opts.random() * ceiling) / 2);
}

/** Reads `retry-after-ms` (milliseconds) or `retry-after` (seconds or an HTTP date) from response headers. */
export function retryAfterFromHeaders(headers: { get(name: string): string | null } | undefined, nowMs = Date.now()): number | null {
  if (!headers) return null;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
