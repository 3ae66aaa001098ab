import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../batch/ai/progress.ts';
import { RateLimiter } from '../../../batch/ai/rate-limiter.ts';
import { cacheKey, normalizeInput, ResultCache } from '../../../batch/ai/result-cache.ts';
import { backoffMs, retryAfterFromHeaders } from '../../../batch/ai/retry-policy.ts';
import { mulberry32 } from '../../../batch/seeded-random.ts';
import type { SchedulerStats } from '../../../batch/ai/scheduler.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { virtualClock } from '../../helpers/virtual-clock.ts';

describe('RateLimiter', () => {
  it('lets rpm requests through in a minute and makes the next one wait for the oldest to leave the window', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ rpm: 3, tpm: 1_000_000, clock, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) await limiter.acquire(10);
    expect(clock.now()).toBe(0);
    await limiter.acquire(10);
    // 60 s plus the 250 ms margin for the provider's clock starting a moment later.
    expect(clock.now()).toBe(60_250);
  });
  it('counts tokens, reconciled with the usage the provider reports', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ rpm: 100, tpm: 1_000, clock, windowMs: 60_000 });
    const a = await limiter.acquire(900);
    a.reconcile(100);
    await limiter.acquire(800);
    expect(clock.now()).toBe(0);
    await limiter.acquire(500);
    expect(clock.now()).toBeGreaterThan(0);
  });
  it('gives a slot back for a request the provider turned away', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ rpm: 1, tpm: 1_000, clock });
    (await limiter.acquire(10)).release();
    await limiter.acquire(10);
    expect(clock.now()).toBe(0);
  });
  it('holds every caller during a pause', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ rpm: 100, tpm: 100_000, clock });
    limiter.pause(5_000);
    await limiter.acquire(1);
    expect(clock.now()).toBe(5_000);
  });
});

describe('retry policy', () => {
  const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n] ?? null });
  it('prefers retry-after-ms, then Retry-After in seconds or as an HTTP date', () => {
    expect(retryAfterFromHeaders(headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1500);
    expect(retryAfterFromHeaders(headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterFromHeaders(headers({ 'retry-after': 'Sun, 22 Nov 2026 00:00:10 GMT' }), Date.parse('2026-11-22T00:00:00Z'))).toBe(10_000);
    expect(retryAfterFromHeaders(headers({}))).toBeNull();
  });
  it('backs off exponentially with jitter, capped, and waits exactly as told when told', () => {
    const random = mulberry32(1);
    const waits = [1, 2, 3, 4, 10].map((a) => backoffMs(a, { random }));
    expect(waits[0]).toBeGreaterThanOrEqual(250);
    expect(waits[0]).toBeLessThanOrEqual(500);
    expect(waits[3]).toBeGreaterThanOrEqual(2000);
    expect(waits[4]).toBeLessThanOrEqual(30_000);
    expect(backoffMs(3, { random, retryAfterMs: 1234 })).toBe(1234);
  });
});

describe('ResultCache', () => {
  it('keeps answers across processes and skips a line torn by a crash', async () => {
    const dir = await tempDir('cache');
    const a = new ResultCache(dir);
    a.put('k1', { skills: [] });
    appendFileSync(join(dir, 'ai-results.jsonl'), '{"k":"k2","v":{"ski');
    const b = new ResultCache(dir);
    expect(b.get('k1')).toEqual({ skills: [] });
    expect(b.damagedLines).toBe(1);
    b.put('k3', { ok: true });
    expect(new ResultCache(dir).get('k3')).toEqual({ ok: true });
    expect(readFileSync(join(dir, 'ai-results.jsonl'), 'utf8')).toContain('{"k":"k3"');
  });
  it('keys by task, prompt version, model and the input, folding width and spacing', () => {
    expect(normalizeInput({ text: ' ＰＬＣ  制御 ' })).toBe('{"text":"PLC 制御"}');
    expect(cacheKey('skill_tags', 'v1', 'm', { text: 'ＰＬＣ' })).toBe(cacheKey('skill_tags', 'v1', 'm', { text: 'PLC' }));
    expect(cacheKey('skill_tags', 'v2', 'm', { text: 'PLC' })).not.toBe(cacheKey('skill_tags', 'v1', 'm', { text: 'PLC' }));
  });
});

describe('progress', () => {
  const stats = { cacheHits: 1, promptTokens: 10, completionTokens: 5, costUsd: 0.0012, leftOver: 0 } as SchedulerStats;
  it('writes plain periodic lines when not on a terminal (cron logs)', () => {
    const out: string[] = [];
    let t = 0;
    const p = createProgress({ label: 'AI', total: 4, stream: { isTTY: false, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream, now: () => t, everyMs: 1000 });
    p.update(stats, 1);
    t = 500;
    p.update(stats, 2);
    t = 2000;
    p.update(stats, 4);
    expect(out).toEqual([
      'AI 1/4 (25%) · 0.0/s · ETA – · 1 cached · 15 tokens · $0.0012\n',
      'AI 4/4 (100%) · 2.0/s · ETA 0s · 1 cached · 15 tokens · $0.0012\n',
    ]);
  });
  it('redraws one bar on a terminal', () => {
    const out: string[] = [];
    const p = createProgress({ label: 'AI', total: 2, stream: { isTTY: true, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream, now: () => 1000, everyMs: 0 });
    p.update(stats, 2);
    expect(out[0]).toMatch(/^\r\[#{20}\] AI 2\/2 \(100%\)/);
    expect(out[1]).toBe('\n');
  });
});
