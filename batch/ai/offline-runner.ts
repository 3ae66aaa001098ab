import { Worker } from 'node:worker_threads';
import type { TaskName, TaskOutput } from '../../schemas/ai-tasks.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { createPageAnswerer, type PageResult, type PageSetup, type TextPage } from './offline-pages.ts';
import { offlineAnswerer } from './offline-provider.ts';
import { normalizeInput, normalizeText } from './result-cache.ts';
import type { AiJob, JobResult, SchedulerStats } from './scheduler.ts';

/** What the tagging stage needs of whoever answers its jobs: the scheduler, or this runner offline. */
export interface JobRunner {
  stats: SchedulerStats;
  run<T extends TaskName>(jobs: Array<AiJob<T>>): Promise<Array<JobResult<T>>>;
  /**
   * Offline only: answers the pages of texts of one tagging stage, every text task of a text at once
   * (offline-pages.ts), off the main thread when it can: the results and counts of run() on the pages'
   * batches, as table rows ready to load. The answerer's memos go when it is dropped.
   */
  textPages?(setup: PageSetup): (page: TextPage) => Promise<PageResult>;
  close?(): Promise<void>;
}

/** Answers remembered across batches (same input, same answer); cleared past this many. */
const MEMO_MAX = 20_000;
const IDLE_STOP_MS = 1000;
/** Texts answered on the main thread before the workers are started (small runs never start them). */
const INLINE_FIRST = 5000;
/** Pages a worker holds (one in work, one waiting) before the main thread answers the next one itself. */
const PAGES_PER_WORKER = 2;

type Answer = { ok: true; output: unknown } | { ok: false; error: string };

/**
 * The offline provider without the scheduler's machinery (no rate limits, retries, cache or per-job
 * promises, which cost more than the rules themselves at a million texts), with the same results and
 * counts: within one batch, jobs whose cache keys match (task + normalized input) get the answer to the
 * first of them and count as cache hits, exactly as the scheduler's in-flight sharing does. Answers are
 * pure functions of the input, so they are also remembered across batches. The tagging stage's pages of
 * texts go to worker threads, and to the main thread too when every worker has enough to do.
 */
export function createOfflineRunner(opts: {
  taxonomy: Taxonomy;
  positionTitles: string[];
  workers: number;
  /** Texts answered on the main thread before the workers start (default INLINE_FIRST). */
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
  const count = (r: PageResult): PageResult => {
    for (const k of Object.keys(r.stats) as Array<keyof PageResult['stats']>) stats[k] += r.stats[k];
    return r;
  };

  return {
    stats,
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
      // New inputs answered here, remembered across batches.
      const answers = new Map<string, Answer>();
      for (const i of firstOf.values()) {
        let a = memo.get(raws[i]!);
        if (a === undefined) {
          try {
            a = { ok: true, output: answerHere(jobs[i]!.task, jobs[i]!.input) };
          } catch (e) {
            a = { ok: false, error: (e as Error).message };
          }
          if (memo.size >= MEMO_MAX) memo.clear();
          memo.set(raws[i]!, a);
        }
        answers.set(raws[i]!, a);
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
    textPages(setup) {
      let pagesHere: ((page: TextPage) => PageResult) | null = null;
      let textsHere = 0;
      const here = (page: TextPage): PageResult => {
        pagesHere ??= createPageAnswerer({ taxonomy: opts.taxonomy, positionTitles: opts.positionTitles, ...setup });
        const r = pagesHere(page);
        textsHere += r.texts;
        return r;
      };
      return async (page) => {
        // Small runs (the sample) never pay for starting the workers; the main thread takes a page itself when
        // every worker has enough waiting (it has little else to do: DuckDB reads and writes the tables).
        if (pool === null || textsHere < inlineFirst || pool.full()) return count(here(page));
        // A worker that died takes no answers with it: the rules are pure, so its pages are answered here.
        return count(await pool.answer(page, setup).catch(() => here(page)));
      };
    },
    async close() {
      await pool?.close();
    },
  };
}

interface PoolWorker {
  worker: Worker;
  setup: PageSetup | null;
  pending: Map<number, { resolve: (r: PageResult) => void; reject: (e: Error) => void }>;
  dead: boolean;
}

/** Worker threads answering pages; each page goes to the worker with the fewest pages waiting. */
function createPool(size: number, data: { taxonomy: Taxonomy; positionTitles: string[] }) {
  let workers: PoolWorker[] | null = null;
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
  const start = (): PoolWorker[] => {
    workers = Array.from({ length: size }, () => {
      const worker = new Worker(new URL('./offline-worker.ts', import.meta.url), { workerData: data });
      const w: PoolWorker = { worker, setup: null, pending: new Map(), dead: false };
      worker.on('message', (m: { id: number; result?: PageResult; error?: string }) => {
        const p = w.pending.get(m.id)!;
        w.pending.delete(m.id);
        // An idle worker does not keep the process alive.
        if (w.pending.size === 0) worker.unref();
        if (m.result) p.resolve(m.result);
        else p.reject(new Error(m.error));
        scheduleIdleStop();
      });
      const die = (e: Error) => {
        w.dead = true;
        for (const p of w.pending.values()) p.reject(e);
        w.pending.clear();
      };
      worker.on('error', die);
      worker.on('exit', (code) => die(new Error(`offline worker exited with code ${code}`)));
      worker.unref();
      return w;
    });
    return workers;
  };
  const alive = () => (workers ?? start()).filter((w) => !w.dead);
  return {
    /** True when every worker already holds PAGES_PER_WORKER pages (or none is left). */
    full: () => alive().every((w) => w.pending.size >= PAGES_PER_WORKER),
    answer(page: TextPage, setup: PageSetup): Promise<PageResult> {
      const w = alive().reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      w.worker.ref();
      // The setup (tasks, positions) goes to each worker once.
      const send = w.setup !== setup;
      w.setup = setup;
      return new Promise<PageResult>((resolve, reject) => {
        w.pending.set(id, { resolve, reject });
        w.worker.postMessage({ id, page, ...(send ? { setup } : {}) });
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
