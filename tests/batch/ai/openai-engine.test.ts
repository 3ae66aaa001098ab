import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTaxonomyCsv } from '../../../batch/ingest/load-taxonomy.ts';
import { memoryLogger } from '../../../batch/log.ts';
import { offlineAnswerer } from '../../../batch/ai/offline-provider.ts';
import { createOpenAiProvider } from '../../../batch/ai/openai-provider.ts';
import { RateLimiter } from '../../../batch/ai/rate-limiter.ts';
import { ResultCache } from '../../../batch/ai/result-cache.ts';
import { aiJob, createScheduler, type AiJob } from '../../../batch/ai/scheduler.ts';
import { mulberry32 } from '../../../batch/seeded-random.ts';
import { startFakeLlm, type FakeLlm, type FakeLlmOptions } from '../../fake-llm/server.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { virtualClock } from '../../helpers/virtual-clock.ts';

/**
 * The real openai SDK path (provider + scheduler + cache) against our fake OpenAI-compatible server on
 * 127.0.0.1, one injected fault at a time. The fake answers with the offline rules, so results are checkable.
 * The scheduler, its limiter and the fake's rate windows share one virtual clock that stands still while a call
 * is on the wire: waits are exact and instant, and what the limits admit is the same on any machine.
 */
const taxonomy = parseTaxonomyCsv(readFileSync('data/taxonomy/skills.csv', 'utf8'), 'skills.csv');
const answer = offlineAnswerer(taxonomy);
const NOTES = [
  'PLC制御のラダー改修を主導し、ライン停止をゼロにした。',
  '将来はPMとして海外案件をリードしたい。Pythonでのデータ分析にも興味がある。',
  'Excelは使ったことがない。品質管理の経験は5年。',
  'SQLで在庫データを集計し、欠品を30%削減した。',
  '英語は苦手だったが、TOEICで800点を取得した。',
  '溶接の技能検定1級を取得し、後輩を指導している。',
];

let fake: FakeLlm | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function engine(fakeOptions: Omit<FakeLlmOptions, 'answer' | 'clock'>, opts: { cacheDir?: string; maxAttempts?: number; tokenCap?: number | null; breaker?: number; structured?: 'auto' | 'json_schema' | 'json_object'; timeoutMs?: number; rpm?: number; windowMs?: number } = {}) {
  const clock = virtualClock();
  fake = await startFakeLlm({ answer, ...fakeOptions, clock });
  const log = memoryLogger();
  const sdk = createOpenAiProvider({
    // A timeout far above any loopback answer, unless the test is about timeouts.
    apiKey: 'test-key', baseURL: fake.url, model: 'fake-llm', timeoutMs: opts.timeoutMs ?? 60_000, maxCompletionTokens: 400,
    structuredOutput: opts.structured ?? 'auto', taxonomy, log,
  });
  const provider = { ...sdk, call: ((task, input) => clock.busy(() => sdk.call(task, input))) as typeof sdk.call };
  const cache = opts.cacheDir ? new ResultCache(opts.cacheDir) : null;
  const scheduler = createScheduler({
    provider, cache, clock, random: mulberry32(7),
    limiter: new RateLimiter({ rpm: opts.rpm ?? 10_000, tpm: 10_000_000, clock, windowMs: opts.windowMs ?? 60_000 }),
    concurrency: 4, maxAttempts: opts.maxAttempts ?? 6, maxCompletionTokens: 400, circuitBreakerFailures: opts.breaker ?? 50,
    tokenCap: opts.tokenCap ?? null, costCapUsd: null, pricePerMillion: { input: 0.15, output: 0.6 },
  });
  return { scheduler, log, fake, clock };
}

function jobs(notes: string[] = NOTES): Array<AiJob<'skill_tags'>> {
  return notes.map((text) => aiJob('skill_tags', 'openai/fake-llm', { text }));
}

describe('the openai provider under the scheduler', () => {
  it('gets every answer, identical to the offline rules, through the real SDK', async () => {
    const { scheduler } = await engine({});
    const results = await scheduler.run(jobs());
    expect(results.map((r) => (r.status === 'done' ? r.output : r))).toEqual(NOTES.map((text) => answer('skill_tags', { text })));
    expect(scheduler.stats).toMatchObject({ calls: 6, succeeded: 6, leftOver: 0 });
    expect(scheduler.stats.promptTokens).toBeGreaterThan(0);
  });

  it('waits as a 429 says (retry-after-ms) and loses nothing', async () => {
    const { scheduler, fake, clock } = await engine({ faults: { rate429: 0.5 }, seed: 3, timeCompression: 60 });
    const results = await scheduler.run(jobs());
    expect(results.every((r) => r.status === 'done')).toBe(true);
    expect(fake.stats().status429).toBeGreaterThan(0);
    expect(scheduler.stats.rateLimited).toBe(fake.stats().status429);
    // One wait per 429, each the injected fault's retry-after-ms (one compressed second at 60×: 17 ms).
    expect(clock.slept).toEqual(Array(fake.stats().status429).fill(17));
  });

  it('keeps within the endpoint\'s real request limit instead of hammering it', async () => {
    // The server's minute is compressed to one second: our limiter is given the same window. Four callers
    // without a limiter would collect a 429 at once; with it, the fourth call waits for the window.
    const { scheduler, fake, clock } = await engine({ rpm: 3, timeCompression: 60 }, { rpm: 3, windowMs: 1000 });
    const results = await scheduler.run(jobs());
    expect(results.every((r) => r.status === 'done')).toBe(true);
    expect(fake.stats()).toMatchObject({ ok: 6, status429: 0 });
    // Three calls at t = 0, three once the window (1 s and the limiter's 20 ms margin) let them in.
    expect(clock.now()).toBe(1020);
  });

  it('retries 500s with backoff', async () => {
    const { scheduler, fake } = await engine({ faults: { rate500: 0.4 }, seed: 5 });
    const results = await scheduler.run(jobs());
    expect(results.every((r) => r.status === 'done')).toBe(true);
    expect(fake.stats().status500).toBeGreaterThan(0);
    expect(scheduler.stats.transientErrors).toBe(fake.stats().status500);
  });

  it('retries a request that timed out', async () => {
    // The server would hang for an hour: each timeout is the client giving up after its own 1 s.
    const { scheduler, fake } = await engine({ faults: { rateTimeout: 0.3 }, seed: 2, timeoutHangMs: 3_600_000 }, { timeoutMs: 1000 });
    const results = await scheduler.run(jobs());
    expect(results.every((r) => r.status === 'done')).toBe(true);
    expect(fake.stats().timeouts).toBeGreaterThan(0);
  });

  it('rejects malformed and schema-violating answers, counts them, and asks again', async () => {
    const { scheduler, fake } = await engine({ faults: { rateMalformed: 0.25, rateSchemaViolation: 0.25 }, seed: 3 });
    const results = await scheduler.run(jobs());
    expect(results.map((r) => (r.status === 'done' ? r.output : r))).toEqual(NOTES.map((text) => answer('skill_tags', { text })));
    expect(scheduler.stats.invalidOutputs).toBe(fake.stats().malformed + fake.stats().schemaViolations);
    expect(scheduler.stats.invalidOutputs).toBeGreaterThan(0);
  });

  it('falls back to json_object when the endpoint has no json_schema support', async () => {
    const { scheduler, log, fake } = await engine({ rejectJsonSchema: true });
    const results = await scheduler.run(jobs().slice(0, 2));
    expect(results.every((r) => r.status === 'done')).toBe(true);
    expect(log.lines.some((l) => l.includes('refuses json_schema'))).toBe(true);
    expect(fake.requests().at(-1)!.response_format).toEqual({ type: 'json_object' });
  });

  it('leaves a text for the next night after max attempts, and opens the circuit when failures keep coming', async () => {
    const { scheduler } = await engine({ faults: { rate500: 1 } }, { maxAttempts: 2, breaker: 2 });
    const results = await scheduler.run(jobs());
    expect(results.every((r) => r.status === 'left_over')).toBe(true);
    expect(scheduler.stats.stoppedBecause).toContain('circuit open');
    expect(scheduler.stats.calls).toBeLessThan(12);
  });

  it('stops a run gracefully at the token cap: what is left is listed as left over', async () => {
    const { scheduler } = await engine({}, { tokenCap: 15_000 });
    const results = await scheduler.run(jobs());
    const done = results.filter((r) => r.status === 'done').length;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(NOTES.length);
    expect(results.filter((r) => r.status === 'left_over').every((r) => r.status === 'left_over' && r.reason.includes('token cap'))).toBe(true);
    expect(scheduler.stats.promptTokens + scheduler.stats.completionTokens).toBeLessThanOrEqual(15_000);
  });

  it('calls only for new or changed texts on a rerun, from the persistent cache', async () => {
    const dir = await tempDir('ai-cache');
    const first = await engine({}, { cacheDir: dir });
    await first.scheduler.run(jobs());
    expect(first.fake.stats().ok).toBe(6);
    await first.fake.close();
    fake = null;
    const changed = [...NOTES.slice(0, 5), `${NOTES[5]} 今期はリーダーも務めた。`];
    const second = await engine({}, { cacheDir: dir });
    const results = await second.scheduler.run(jobs(changed));
    expect(results.filter((r) => r.status === 'done' && r.fromCache).length).toBe(5);
    expect(second.fake.stats().requests).toBe(1);
    expect(readFileSync(join(dir, 'ai-results.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(7);
  });

  it('stops at once when the endpoint refuses (wrong URL, key or model), saying what to check', async () => {
    fake = await startFakeLlm({ answer });
    const provider = createOpenAiProvider({ apiKey: 'test-key', baseURL: `${fake.url}/no-such-path`, model: 'fake-llm', timeoutMs: 2000, maxCompletionTokens: 400, structuredOutput: 'auto', taxonomy, log: memoryLogger() });
    const call = provider.call('skill_tags', { text: 'x' });
    await expect(call).rejects.toMatchObject({ kind: 'fatal' });
    await expect(call).rejects.toThrow('check OPENAI_API_KEY, OPENAI_BASE_URL and ai.openai.model');
  });
});
