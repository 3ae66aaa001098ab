/**
 * Requests and tokens per (compressed) minute as one sliding window of real milliseconds.
 * Only admitted requests are recorded: a rejected request costs nothing.
 */
export interface RateDecision {
  ok: boolean;
  /** Which limit refused the request (requests is checked first); null when admitted. */
  limit: 'requests' | 'tokens' | null;
  /** Real ms until the request would fit in both windows (0 when admitted). */
  waitMs: number;
  /** The request alone is larger than tpm: no wait helps. */
  tooLarge: boolean;
}

export interface RateSnapshot {
  requestsUsed: number;
  tokensUsed: number;
  /** Real ms until the window is empty again (the limits back to their initial state). */
  resetMs: number;
}

export class RateWindow {
  private readonly entries: Array<{ at: number; tokens: number }> = [];
  private readonly rpm: number | undefined;
  private readonly tpm: number | undefined;
  readonly windowMs: number;

  constructor(opts: { rpm: number | undefined; tpm: number | undefined; windowMs: number }) {
    this.rpm = opts.rpm;
    this.tpm = opts.tpm;
    this.windowMs = opts.windowMs;
  }

  /** Would a request of `tokens` fit now? Records nothing. */
  check(now: number, tokens: number): RateDecision {
    this.expire(now);
    const count = this.entries.length;
    let waitRequests = 0;
    if (this.rpm !== undefined && count + 1 > this.rpm) {
      // After the entries 0..k expire, count-k-1 remain; one more fits when count-k-1+1 <= rpm.
      const k = count - this.rpm;
      waitRequests = this.entries[k]!.at + this.windowMs - now;
    }
    let waitTokens = 0;
    let tooLarge = false;
    if (this.tpm !== undefined) {
      if (tokens > this.tpm) tooLarge = true;
      else {
        let used = this.used();
        if (used + tokens > this.tpm) {
          for (const e of this.entries) {
            used -= e.tokens;
            if (used + tokens <= this.tpm) {
              waitTokens = e.at + this.windowMs - now;
              break;
            }
          }
        }
      }
    }
    if (tooLarge) return { ok: false, limit: 'tokens', waitMs: this.windowMs, tooLarge: true };
    if (waitRequests > 0) return { ok: false, limit: 'requests', waitMs: Math.max(waitRequests, waitTokens), tooLarge: false };
    if (waitTokens > 0) return { ok: false, limit: 'tokens', waitMs: waitTokens, tooLarge: false };
    return { ok: true, limit: null, waitMs: 0, tooLarge: false };
  }

  record(now: number, tokens: number): void {
    this.expire(now);
    this.entries.push({ at: now, tokens });
  }

  snapshot(now: number): RateSnapshot {
    this.expire(now);
    const last = this.entries[this.entries.length - 1];
    return {
      requestsUsed: this.entries.length,
      tokensUsed: this.used(),
      resetMs: last ? Math.max(0, last.at + this.windowMs - now) : 0,
    };
  }

  private used(): number {
    let n = 0;
    for (const e of this.entries) n += e.tokens;
    return n;
  }

  private expire(now: number): void {
    while (this.entries.length > 0 && this.entries[0]!.at + this.windowMs <= now) this.entries.shift();
  }
}

/**
 * A duration the way OpenAI's x-ratelimit-reset-* headers write it, which is Go's `time.Duration` format on
 * whole milliseconds: `0s`, `20ms`, `999ms`, `1s`, `1.5s`, `59.999s`, `1m1s`, `6m0s`, `1h0m0s`, `1h2m3.456s`.
 * The value is first rounded up to a whole millisecond (a client that waits that long is never early), so
 * 999.4 ms is `1s`, never `0.999s` or `1000ms`.
 */
export function formatDuration(ms: number): string {
  const whole = Math.ceil(ms);
  if (!(whole > 0)) return '0s';
  if (whole < 1000) return `${whole}ms`;
  const h = Math.floor(whole / 3_600_000);
  const m = Math.floor((whole % 3_600_000) / 60_000);
  const rest = whole % 60_000;
  const seconds = `${Math.floor(rest / 1000)}${rest % 1000 ? `.${String(rest % 1000).padStart(3, '0').replace(/0+$/, '')}` : ''}s`;
  if (h > 0) return `${h}h${m}m${seconds}`;
  if (m > 0) return `${m}m${seconds}`;
  return seconds;
}
