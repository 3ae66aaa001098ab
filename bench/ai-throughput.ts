import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { parseTaxonomyCsv } from '../batch/ingest/load-taxonomy.ts';
import { memoryLogger } from '../batch/log.ts';
import { realClock } from '../batch/ai/clock.ts';
import { offlineAnswerer } from '../batch/ai/offline-provider.ts';
import { createOpenAiProvider } from '../batch/ai/openai-provider.ts';
import { RateLimiter } from '../batch/ai/rate-limiter.ts';
import { ResultCache } from '../batch/ai/result-cache.ts';
import { aiJob, createScheduler, type AiJob } from '../batch/ai/scheduler.ts';
import { mulberry32 } from '../batch/seeded-random.ts';
import { startFakeLlm } from '../tests/fake-llm/server.ts';

export interface AiBenchResult {
  notes: number;
  limit_rpm: number;
  time_compression: number;
  llm_throughput_ratio: number;
  /** Including the start-up and the tail: the conservative figure. */
  llm_throughput_ratio_whole_run: number;
  llm_lost_records: number;
  llm_wrong_records: number;
  first_run_calls: number;
  rerun_calls: number;
  rerun_call_fraction: number;
  injected_429: number;
  injected_500: number;
  seconds: number;
}

/** The sample's interview notes and evaluation comments, varied deterministically up to `n` distinct texts. */
export function benchNotes(n: number): string[] {
  const notes = Papa.parse<string[]>(iconv.decode(readFileSync('data/sample/career_interviews.csv'), 'cp932'), { skipEmptyLines: true }).data.slice(1).map((r) => r[5] ?? '');
  const comments = Papa.parse<string[]>(readFileSync('data/sample/evaluations.csv', 'utf8'), { skipEmptyLines: true }).data.slice(1).map((r) => r[5] ?? '');
  const base = [...notes, ...comments].filter((t) => t.trim().length > 0);
  return Array.from({ length: n }, (_, i) => `${base[i % base.length]}（記録${i + 1}）`);
}

/**
 * `notes` skill-tagging calls through the real openai SDK to our fake server under a binding requests
 * limit (time-compressed), with 5% injected 429s and 1% 500s: steady-state throughput as a fraction of the
 * limit, records lost, and a rerun with 1% of the notes changed, whose calls should be ~1% of the first.
 */
export async function benchAiThroughput(opts: { notes: number; rpm: number; timeCompression: number; cacheDir: string; concurrency?: number }): Promise<AiBenchResult> {
  const taxonomy = parseTaxonomyCsv(readFileSync('data/taxonomy/skills.csv', 'utf8'), 'skills.csv');
  const answer = offlineAnswerer(taxonomy);
  const texts = benchNotes(opts.notes);
  const windowMs = 60_000 / opts.timeCompression;
  const limitPerSecond = (opts.rpm * opts.timeCompression) / 60;

  async function run(list: string[]) {
    const fake = await startFakeLlm({ answer, rpm: opts.rpm, timeCompression: opts.timeCompression, faults: { rate429: 0.05, rate500: 0.01 }, seed: 42 });
    try {
      const provider = createOpenAiProvider({ apiKey: 'bench', baseURL: fake.url, model: 'fake-llm', timeoutMs: 10_000, maxCompletionTokens: 400, structuredOutput: 'json_schema', taxonomy, log: memoryLogger() });
      const doneAt: number[] = [];
      const scheduler = createScheduler({
        provider, cache: new ResultCache(opts.cacheDir), clock: realClock, random: mulberry32(9),
        limiter: new RateLimiter({ rpm: opts.rpm, tpm: 1e12, clock: realClock, windowMs }),
        concurrency: opts.concurrency ?? 64, maxAttempts: 8, maxCompletionTokens: 400, circuitBreakerFailures: 1000,
        tokenCap: null, costCapUsd: null, pricePerMillion: { input: 0, output: 0 },
        onProgress: () => doneAt.push(performance.now()),
      });
      const jobs: Array<AiJob<'skill_tags'>> = list.map((text) => aiJob('skill_tags', 'openai/fake-llm', { text }));
      const t0 = performance.now();
      const results = await scheduler.run(jobs);
      const seconds = (performance.now() - t0) / 1000;
      const wrong = results.filter((r, i) => r.status === 'done' && JSON.stringify(r.output) !== JSON.stringify(answer('skill_tags', { text: list[i]! }))).length;
      return { results, seconds, wrong, stats: scheduler.stats, fake: fake.stats(), doneAt };
    } finally {
      await fake.close();
    }
  }

  const first = await run(texts);
  // Steady state: whole limit windows from the 10th percentile of completions on, so the start-up burst a
  // sliding window allows and the tail are left out, and window edges do not alias the count.
  const sorted = [...first.doneAt].sort((a, b) => a - b);
  const from = sorted[Math.floor(sorted.length * 0.1)]!;
  const windows = Math.max(1, Math.floor((sorted[Math.floor(sorted.length * 0.9)]! - from) / windowMs));
  const until = from + windows * windowMs;
  const steady = sorted.filter((t) => t >= from && t < until).length / ((until - from) / 1000);
  const whole = texts.length / first.seconds;
  const changed = texts.map((t, i) => (i % 100 === 0 ? `${t} 追記あり。` : t));
  const rerun = await run(changed);
  return {
    notes: texts.length,
    limit_rpm: opts.rpm,
    time_compression: opts.timeCompression,
    llm_throughput_ratio: Math.round((steady / limitPerSecond) * 1000) / 1000,
    llm_throughput_ratio_whole_run: Math.round((whole / limitPerSecond) * 1000) / 1000,
    llm_lost_records: first.results.filter((r) => r.status !== 'done').length + rerun.results.filter((r) => r.status !== 'done').length,
    llm_wrong_records: first.wrong + rerun.wrong,
    first_run_calls: first.stats.calls,
    rerun_calls: rerun.stats.calls,
    rerun_call_fraction: Math.round((rerun.stats.calls / first.stats.calls) * 10000) / 10000,
    injected_429: first.fake.status429,
    injected_500: first.fake.status500,
    seconds: Math.round(first.seconds * 10) / 10,
  };
}
