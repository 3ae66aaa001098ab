import type { Clock } from './clock.ts';

/**
 * Requests and tokens per minute as two sliding one-minute windows. A caller reserves its estimated tokens
 * before a call and reconciles them with the reported usage after, so the window follows what the
 * provider counts. A 429 with Retry-After pauses every caller until then: one scheduler, not one per call.
 */
export class RateLimiter {
  private readonly requests: number[] = [];
  private readonly tokens: Array<{ at: number; n: number }> = [];
  private pausedUntil = 0;
  private readonly clock: Clock;
  private readonly rpm: number;
  private readonly tpm: number;
  private readonly windowMs: number;

  constructor(opts: { rpm: number; tpm: number; clock: Clock; windowMs?: number }) {
    this.clock = opts.clock;
    this.rpm = opts.rpm;
    this.tpm = opts.tpm;
    // A request is counted here when it leaves and by the provider when it arrives a moment later: a small
    // margin keeps our window from freeing a slot before the provider's does.
    const window = opts.windowMs ?? 60_000;
    this.windowMs = window + Math.min(250, window * 0.02);
  }

  /** Waits until one more request of `estimatedTokens` fits in both windows; returns a handle to reconcile. */
  async acquire(estimatedTokens: number): Promise<{ reconcile(actualTokens: number): void; release(): void }> {
    const n = Math.min(estimatedTokens, this.tpm);
    for (;;) {
      const now = this.clock.now();
      this.expire(now);
      const wait = Math.max(this.pausedUntil - now, this.waitForRequests(now), this.waitForTokens(now, n));
      if (wait <= 0) break;
      await this.clock.sleep(wait);
    }
    const entry = { at: this.clock.now(), n };
    this.requests.push(entry.at);
    this.tokens.push(entry);
    return {
      reconcile: (actual) => {
        entry.n = Math.max(0, actual);
      },
      // A request the provider turned away (429) did not count against its limits: give the slot back.
      release: () => {
        const i = this.tokens.indexOf(entry);
        if (i >= 0) this.tokens.splice(i, 1);
        const j = this.requests.lastIndexOf(entry.at);
        if (j >= 0) this.requests.splice(j, 1);
      },
    };
  }

  /** The provider said everyone must wait: nobody calls before `ms` from now. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  private expire(now: number): void {
    while (this.requests.length && this.requests[0]! <= now - this.windowMs) this.requests.shift();
    while (this.tokens.length && this.tokens[0]!.at <= now - this.windowMs) this.tokens.shift();
  }

  private waitForRequests(now: number): number {
    if (this.requests.length < this.rpm) return 0;
    return this.requests[this.requests.length - this.rpm]! + this.windowMs - now;
  }

  private waitForTokens(now: number, n: number): number {
    let used = this.tokens.reduce((a, t) => a + t.n, 0);
    if (used + n <= this.tpm) return 0;
    for (const t of this.tokens) {
      used -= t.n;
      if (used + n <= this.tpm) return t.at + this.windowMs - now;
    }
    return 0;
  }
}
