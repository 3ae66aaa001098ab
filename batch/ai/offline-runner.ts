import { Worker } from 'node:worker_threads';
import type { TaskName, TaskOutput } from '../../schemas/ai-tasks.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { positionGoalMatcher, positionGoals, type PositionGoal } from '../tagging/position-goals.ts';
import type { TaxonomyMatcher } from '../tagging/taxonomy-matcher.ts';
import { offlineAnswerer } from './offline-provider.ts';
import { normalizeInput, normalizeText } from './result-cache.ts';
import type { AiJob, JobResult, SchedulerStats } from './scheduler.ts';

/** What the tagging stage needs of whoever answers its jobs: the scheduler, or this runner offline. */
export interface JobRunner {
  stats: SchedulerStats;
  run<T extends TaskName>(jobs: Array<AiJob<T>>): Promise<Array<JobResult<T>>>;
  /** True when results do not depend on timing, so callers may keep several batches in flight. */
  readonly orderFree?: boolean;
  /** The key positions each text names as goals, worked out off the main thread (same as positionGoals). */
  positionGoals?(positions: ReadonlyArray<{ position_id: string; title: string }>, texts: string[]): Promise<PositionGoal[][]>;
  close?(): Promise<void>;
}

/** Answers remembered across batches (same input, same answer); cleared past this many. */
const MEMO_MAX = 20_000;
/** Fewer new inputs than this in a batch are answered on the main thread (a worker round trip costs more). */
const WORKER_MIN_BATCH = 64;
const IDLE_STOP_MS = 1000;
/** Inputs answered on the main thread before the workers are started. */
const INLINE_FIRST = 5000;

type Answer = { ok: true; output: unknown } | { ok: false; error: string };

/**
 * The offline provider without the scheduler's machinery (no rate limits, retries, cache or per-job
 * promises, which cost more than the rules themselves at a million texts), with the same results and
 * counts: within one batch, jobs whose cache keys match (task + normalized input) get the answer to the
 * first of them and count as cache hits, exactly as the scheduler's in-flight sharing does. Answers are
 * pure functions of the input, so they are also remembered across batches and, for large batches, computed
 * on worker threads.
 */
export function createOfflineRunner(opts: {
  taxonomy: Taxonomy;
  positionTitles: string[];
  workers: number;
  /** Inputs answered on the main thread before the workers start (default INLINE_FIRST). */
  inlineFirst?: number;
}): JobRunner {
  const inlineFirst = opts.inlineFirst ?? INLINE_FIRST;
  const stats: SchedulerStats = {
    jobs: 0, cacheHits: 0, calls: 0, succeeded: 0, rateLimited: 0, transientErrors: 0, invalidOutputs: 0, leftOver: 0,
    promptTokens: 0, completionTokens: 0, costUsd: 0, stoppedBecause: null,
  };
  const answerHere = offlineAnswerer(opts.taxonomy, opts.positionTitles);
  // The same text comes as the input of two or three tasks: normalized once.
  const normalized = new Map<string, string>();
  const normalizeOnce = (v: string): string => {
    let n = normalized.get(v);
    if (n === undefined) {
      n = normalizeText(v);
      if (normalized.size >= MEMO_MAX) normalized.clear();
      normalized.set(v, n);
    }
    return n;
  };
  const memo = new Map<string, Answer>();
  const pool = opts.workers > 0 ? createPool(opts.workers, { taxonomy: opts.taxonomy, positionTitles: opts.positionTitles }) : null;

  let answeredHere = 0;
  let localGoals: { positions: ReadonlyArray<{ position_id: string; title: string }>; matcher: TaxonomyMatcher } | null = null;
  const answerAll = async (task: string, inputs: unknown[]): Promise<Answer[]> => {
    // Small runs (the sample) never pay for starting the workers.
    if (pool && inputs.length >= WORKER_MIN_BATCH && answeredHere >= inlineFirst) return pool.answer(task, inputs);
    answeredHere += inputs.length;
    return inputs.map((input) => {
      try {
        return { ok: true, output: answerHere(task, input) } as const;
      } catch (e) {
        return { ok: false, error: (e as Error).message } as const;
      }
    });
  };

  return {
    stats,
    orderFree: true,
    async run<T extends TaskName>(jobs: Array<AiJob<T>>): Promise<Array<JobResult<T>>> {
      stats.jobs += jobs.length;
      const firstOf = new Map<string, number>();
      const raws: string[] = new Array(jobs.length);
      const owner = new Int32Array(jobs.length);
      for (let i = 0; i < jobs.length; i++) {
        const job = jobs[i]!;
        raws[i] = `${job.task}\u0000${JSON.stringify(job.input)}`;
        const norm = `${job.task}\u0000${normalizedKey(job.input, normalizeOnce)}`;
        const first = firstOf.get(norm);
        if (first === undefined) firstOf.set(norm, i);
        owner[i] = first ?? i;
      }
      // Answers remembered from earlier batches; new inputs grouped by task (one batch per task to a worker).
      const answers = new Map<string, Answer>();
      const missing = new Map<string, number[]>();
      for (const i of firstOf.values()) {
        const known = memo.get(raws[i]!);
        if (known) {
          answers.set(raws[i]!, known);
          continue;
        }
        const task = jobs[i]!.task;
        const list = missing.get(task) ?? [];
        list.push(i);
        missing.set(task, list);
      }
      await Promise.all(
        [...missing].map(async ([task, idx]) => {
          const got = await answerAll(task, idx.map((i) => jobs[i]!.input));
          idx.forEach((i, k) => answers.set(raws[i]!, got[k]!));
        }),
      );
      for (const idx of missing.values()) {
        if (memo.size + idx.length > MEMO_MAX) memo.clear();
        for (const i of idx) memo.set(raws[i]!, answers.get(raws[i]!)!);
      }
      return jobs.map((_, i) => {
        const a = answers.get(raws[owner[i]!]!)!;
        if (owner[i] === i) {
          stats.calls++;
          if (a.ok) {
            stats.succeeded++;
            return { status: 'done', output: a.output as TaskOutput<T>, fromCache: false };
          }
          stats.transientErrors++;
          stats.leftOver++;
          return { status: 'left_over', reason: 'no valid answer after 1 attempts' };
        }
        if (a.ok) {
          stats.cacheHits++;
          return { status: 'done', output: a.output as TaskOutput<T>, fromCache: true };
        }
        stats.leftOver++;
        return { status: 'left_over', reason: 'no valid answer after 1 attempts' };
      });
    },
    async positionGoals(positions, texts) {
      if (pool && texts.length >= WORKER_MIN_BATCH && answeredHere >= inlineFirst) {
        const answers = await pool.answer('position_goals', texts, positions);
        return answers.map((a) => {
          if (!a.ok) throw new Error(a.error);
          return a.output as PositionGoal[];
        });
      }
      if (localGoals?.positions !== positions) localGoals = { positions, matcher: positionGoalMatcher(positions) };
      const matcher = localGoals.matcher;
      return texts.map((t) => positionGoals(matcher, t));
    },
    async close() {
      await pool?.close();
    },
  };
}

/** Worker threads answering batches; each batch goes to the worker with the fewest inputs waiting. */
function createPool(size: number, data: { taxonomy: Taxonomy; positionTitles: string[] }) {
  let workers: Array<{ worker: Worker; load: number; positions: unknown; pending: Map<number, { n: number; done: (a: Answer[]) => void }> }> | null = null;
  let nextId = 0;
  let idleTimer: NodeJS.Timeout | null = null;
  // Workers stop once nothing has been asked of them for a while (and start again when asked).
  const scheduleIdleStop = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (workers && workers.every((w) => w.pending.size === 0)) void stop();
    }, IDLE_STOP_MS);
    idleTimer.unref();
  };
  const stop = async () => {
    const all = workers;
    workers = null;
    if (all) await Promise.all(all.map((w) => w.worker.terminate()));
  };
  const start = () => {
    workers = Array.from({ length: size }, () => {
      const worker = new Worker(new URL('./offline-worker.ts', import.meta.url), { workerData: data });
      const w = { worker, load: 0, positions: undefined as unknown, pending: new Map<number, { n: number; done: (a: Answer[]) => void }>() };
      worker.on('message', (m: { id: number; answers: Answer[] }) => {
        const p = w.pending.get(m.id)!;
        w.pending.delete(m.id);
        w.load -= p.n;
        // An idle worker does not keep the process alive.
        if (w.pending.size === 0) worker.unref();
        p.done(m.answers);
        scheduleIdleStop();
      });
      worker.on('error', (e) => {
        // A worker that died answers what it held with the error: those jobs are left over, none is lost silently.
        for (const p of w.pending.values()) p.done(Array.from({ length: p.n }, () => ({ ok: false, error: `offline worker failed: ${e.message}` })));
        w.pending.clear();
        w.load = Number.MAX_SAFE_INTEGER;
      });
      worker.unref();
      return w;
    });
    return workers;
  };
  return {
    /** `positions` goes to each worker once (the position_goals task needs them). */
    answer(task: string, inputs: unknown[], positions?: unknown): Promise<Answer[]> {
      const all = workers ?? start();
      const w = all.reduce((a, b) => (b.load < a.load ? b : a));
      const id = nextId++;
      w.load += inputs.length;
      w.worker.ref();
      const send = positions !== undefined && w.positions !== positions;
      if (send) w.positions = positions;
      return new Promise<Answer[]>((resolve) => {
        w.pending.set(id, { n: inputs.length, done: resolve });
        w.worker.postMessage({ id, task, inputs, ...(send ? { positions } : {}) });
      });
    },
    close: stop,
  };
}

/**
 * What the scheduler's cache key tells apart (normalizeInput), spelled cheaper for the flat string inputs of
 * the text tasks: the keys and normalized values in order, so two inputs of a task share it exactly when
 * their normalized JSON is the same.
 */
function normalizedKey(input: unknown, text: (v: string) => string): string {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return normalizeInput(input, text);
  const parts: unknown[] = [];
  for (const [k, v] of Object.entries(input)) {
    if (v !== null && typeof v === 'object') return normalizeInput(input, text);
    if (v === undefined || typeof v === 'function') continue;
    parts.push(k, typeof v === 'string' ? text(v) : v);
  }
  return JSON.stringify(parts);
}
