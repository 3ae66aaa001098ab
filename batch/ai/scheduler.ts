import pLimit from 'p-limit';
import type { TaskInput, TaskName, TaskOutput } from '../../schemas/ai-tasks.ts';
import type { Clock } from './clock.ts';
import { estimateTokens, PROMPT_VERSIONS, userPrompt } from './prompts.ts';
import { AiCallError, type AiProvider } from './provider.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { cacheKey, type ResultCache } from './result-cache.ts';
import { backoffMs } from './retry-policy.ts';

/** Retry-After at or above this pauses every caller, not just the one that got the 429. */
const GLOBAL_PAUSE_MS = 5_000;

export interface AiJob<T extends TaskName = TaskName> {
  task: T;
  /** Cache key: task, prompt version, model and normalized input. */
  key: string;
  input: TaskInput<T>;
  /** Text the prompt carries, for the token estimate before the call. */
  promptText: string;
}

/** A job for `task` on `input`, keyed for the cache by the task's prompt version and `model` (provider/model). */
export function aiJob<T extends TaskName>(task: T, model: string, input: TaskInput<T>): AiJob<T> {
  // Computed when first read: the offline runner never needs the hash or the prompt, and a million jobs
  // would spend seconds on them.
  let key: string | undefined;
  let promptText: string | undefined;
  return {
    task,
    input,
    get key() {
      return (key ??= cacheKey(task, PROMPT_VERSIONS[task], model, input));
    },
    get promptText() {
      return (promptText ??= userPrompt(input));
    },
  };
}

export interface SchedulerStats {
  jobs: number;
  cacheHits: number;
  calls: number;
  succeeded: number;
  rateLimited: number;
  transientErrors: number;
  invalidOutputs: number;
  /** Jobs left for the next night (cap reached, circuit open, attempts exhausted). */
  leftOver: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  /** Why calling stopped early, when it did. */
  stoppedBecause: string | null;
}

export interface SchedulerOptions {
  provider: AiProvider;
  cache: ResultCache | null;
  limiter: RateLimiter | null;
  clock: Clock;
  random: () => number;
  concurrency: number;
  maxAttempts: number;
  maxCompletionTokens: number;
  circuitBreakerFailures: number;
  tokenCap: number | null;
  costCapUsd: number | null;
  pricePerMillion: { input: number; output: number };
  /** Called after every finished job (progress display). */
  onProgress?: (s: SchedulerStats) => void;
}

export type JobResult<T extends TaskName> = { status: 'done'; output: TaskOutput<T>; fromCache: boolean } | { status: 'left_over'; reason: string };

/**
 * Runs AI jobs under one scheduler: cache first; then the rate limiter (requests and tokens per minute),
 * bounded concurrency, retries with exponential backoff and jitter that honour Retry-After, a circuit that
 * stops calling after too many consecutive failures, and per-run token/cost caps that stop gracefully.
 * Every paid answer is stored the moment it arrives. Jobs not done are returned as left_over, with why.
 */
export function createScheduler(opts: SchedulerOptions) {
  const stats: SchedulerStats = {
    jobs: 0, cacheHits: 0, calls: 0, succeeded: 0, rateLimited: 0, transientErrors: 0, invalidOutputs: 0, leftOver: 0,
    promptTokens: 0, completionTokens: 0, costUsd: 0, stoppedBecause: null,
  };
  const limit = pLimit(opts.concurrency);
  // The same text twice (「特になし」 in a hundred evaluation comments) is asked once: later copies wait for the first.
  const inflight = new Map<string, Promise<JobResult<TaskName>>>();
  let consecutiveFailures = 0;
  let reservedTokens = 0;
  const spentTokens = () => stats.promptTokens + stats.completionTokens;
  const costOf = (p: number, c: number) => (p * opts.pricePerMillion.input + c * opts.pricePerMillion.output) / 1_000_000;

  function wouldExceedCap(estimate: number): string | null {
    if (opts.tokenCap !== null && spentTokens() + reservedTokens + estimate > opts.tokenCap) return `the run token cap (${opts.tokenCap}) was reached`;
    if (opts.costCapUsd !== null && stats.costUsd + costOf(reservedTokens + estimate, 0) > opts.costCapUsd) return `the run cost cap ($${opts.costCapUsd}) was reached`;
    return null;
  }

  function account(usage: { promptTokens: number; completionTokens: number } | null) {
    if (!usage) return;
    stats.promptTokens += usage.promptTokens;
    stats.completionTokens += usage.completionTokens;
    stats.costUsd = costOf(stats.promptTokens, stats.completionTokens);
  }

  async function runOne<T extends TaskName>(job: AiJob<T>): Promise<JobResult<T>> {
    const cached = opts.cache?.get(job.key);
    if (cached !== undefined) {
      stats.cacheHits++;
      return { status: 'done', output: cached as TaskOutput<T>, fromCache: true };
    }
    let paced = 0;
    for (let attempt = 1; attempt <= opts.maxAttempts; attempt++) {
      if (stats.stoppedBecause) return { status: 'left_over', reason: stats.stoppedBecause };
      const estimate = estimateTokens(job.promptText) + opts.provider.promptOverheadTokens(job.task) + opts.maxCompletionTokens;
      const capped = wouldExceedCap(estimate);
      if (capped) {
        stats.stoppedBecause ??= capped;
        return { status: 'left_over', reason: capped };
      }
      reservedTokens += estimate;
      const slot = opts.limiter ? await opts.limiter.acquire(estimate) : null;
      stats.calls++;
      try {
        const answer = await opts.provider.call(job.task, job.input);
        reservedTokens -= estimate;
        slot?.reconcile(answer.usage.promptTokens + answer.usage.completionTokens);
        account(answer.usage);
        opts.cache?.put(job.key, answer.output);
        stats.succeeded++;
        consecutiveFailures = 0;
        return { status: 'done', output: answer.output, fromCache: false };
      } catch (e) {
        reservedTokens -= estimate;
        const err = e instanceof AiCallError ? e : new AiCallError('transient', (e as Error).message);
        slot?.reconcile(err.usage ? err.usage.promptTokens + err.usage.completionTokens : 0);
        account(err.usage);
        if (err.kind === 'fatal') {
          stats.stoppedBecause ??= `the provider refused: ${err.message}`;
          return { status: 'left_over', reason: stats.stoppedBecause };
        }
        if (err.kind === 'rate_limited') {
          stats.rateLimited++;
          slot?.release();
          // This request waits as told. A long wait means the account itself is out of budget: then
          // everyone waits, instead of each caller discovering it with a 429 of its own.
          const wait = backoffMs(attempt, { retryAfterMs: err.retryAfterMs, random: opts.random });
          if (wait >= GLOBAL_PAUSE_MS) opts.limiter?.pause(wait);
          await opts.clock.sleep(wait);
          // A 429 is the provider pacing us, not a failure of this text: it does not use up an attempt,
          // unless the pacing never ends.
          if (++paced <= opts.maxAttempts * 5) attempt--;
          continue;
        }
        if (err.kind === 'invalid_output') stats.invalidOutputs++;
        else stats.transientErrors++;
        if (attempt < opts.maxAttempts) await opts.clock.sleep(backoffMs(attempt, { retryAfterMs: err.retryAfterMs, random: opts.random }));
      }
    }
    consecutiveFailures++;
    if (consecutiveFailures >= opts.circuitBreakerFailures) stats.stoppedBecause ??= `the provider failed ${consecutiveFailures} texts in a row (circuit open)`;
    return { status: 'left_over', reason: `no valid answer after ${opts.maxAttempts} attempts` };
  }

  return {
    stats,
    /** Runs a batch of jobs; results come back in the order of `jobs`. */
    async run<T extends TaskName>(jobs: Array<AiJob<T>>): Promise<Array<JobResult<T>>> {
      stats.jobs += jobs.length;
      return Promise.all(
        jobs.map(async (job) => {
          const first = inflight.get(job.key);
          if (first) {
            const r = (await first) as JobResult<T>;
            if (r.status === 'done') stats.cacheHits++;
            else stats.leftOver++;
            opts.onProgress?.(stats);
            return r.status === 'done' ? { ...r, fromCache: true } : r;
          }
          const p = limit(async () => {
            const r = await runOne(job);
            if (r.status === 'left_over') stats.leftOver++;
            opts.onProgress?.(stats);
            return r;
          });
          inflight.set(job.key, p as Promise<JobResult<TaskName>>);
          try {
            return await p;
          } finally {
            inflight.delete(job.key);
          }
        }),
      );
    },
  };
}
export type Scheduler = ReturnType<typeof createScheduler>;
