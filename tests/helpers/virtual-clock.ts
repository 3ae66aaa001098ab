import type { Clock } from '../../batch/ai/clock.ts';

/**
 * Virtual time for tests: a `Clock` whose hours pass only when nothing else can happen, so rate-limit and
 * retry arithmetic is exact on any machine at any load.
 *
 * Real work (an HTTP call, a file write) takes no virtual time. Wrap it in `busy()`: while any is running
 * the clock stands still, and sleepers wake only once it has finished — the discrete-event rule that keeps
 * two parties reading one clock (our scheduler and the fake server) in agreement about what happened when.
 * When nothing is busy, the earliest sleepers wake, with `now()` at exactly their wake time.
 */
export interface VirtualClock extends Clock {
  /** Every duration passed to `sleep()`, in call order. */
  readonly slept: number[];
  /** Runs `work` with the clock stopped; sleepers wait for it to finish. */
  busy<T>(work: () => Promise<T>): Promise<T>;
  /** Moves time forward by hand (a test standing in for the world); wakes the sleepers it passes. */
  advance(ms: number): void;
}

export function virtualClock(start = 0): VirtualClock {
  let t = start;
  let holds = 0;
  let drainQueued = false;
  const sleepers: Array<{ at: number; wake: () => void }> = [];
  const slept: number[] = [];

  // On setImmediate, not a microtask: continuations of what just woke (or finished) run first, so a call
  // they start holds the clock before the next sleeper is considered.
  const queueDrain = (): void => {
    if (drainQueued) return;
    drainQueued = true;
    setImmediate(drain);
  };

  function drain(): void {
    drainQueued = false;
    if (holds > 0 || sleepers.length === 0) return;
    const at = Math.min(...sleepers.map((s) => s.at));
    t = Math.max(t, at);
    const due = sleepers.filter((s) => s.at <= t);
    sleepers.splice(0, sleepers.length, ...sleepers.filter((s) => s.at > t));
    for (const s of due) s.wake();
    queueDrain();
  }

  return {
    slept,
    now: () => t,
    sleep(ms) {
      slept.push(ms);
      return new Promise<void>((wake) => {
        sleepers.push({ at: t + Math.max(0, ms), wake });
        queueDrain();
      });
    },
    async busy(work) {
      holds++;
      try {
        return await work();
      } finally {
        holds--;
        queueDrain();
      }
    },
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`advance() takes a duration >= 0, got ${ms}`);
      t += ms;
      const due = sleepers.filter((s) => s.at <= t);
      sleepers.splice(0, sleepers.length, ...sleepers.filter((s) => s.at > t));
      for (const s of due) s.wake();
    },
  };
}

