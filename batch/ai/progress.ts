import type { SchedulerStats } from './scheduler.ts';

/**
 * Progress of the AI stage: a redrawn bar on a terminal (done/total, rate, ETA, tokens, cost); on a pipe
 * or in cron logs, a plain line at most every `everyMs`.
 */
export function createProgress(opts: { label: string; total: number; stream?: NodeJS.WriteStream; now?: () => number; everyMs?: number }) {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? (() => performance.now());
  const tty = Boolean(stream.isTTY);
  const start = now();
  let last = -Infinity;
  const everyMs = opts.everyMs ?? (tty ? 200 : 10_000);
  const line = (s: SchedulerStats, done: number) => {
    const elapsed = (now() - start) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? Math.round((opts.total - done) / rate) : null;
    const pct = opts.total ? Math.floor((done / opts.total) * 100) : 100;
    const tokens = s.promptTokens + s.completionTokens;
    const parts = [
      `${opts.label} ${done}/${opts.total} (${pct}%)`,
      `${rate.toFixed(1)}/s`,
      eta === null ? 'ETA –' : `ETA ${eta}s`,
      `${s.cacheHits} cached`,
      `${tokens} tokens`,
      `$${s.costUsd.toFixed(4)}`,
    ];
    if (s.leftOver) parts.push(`${s.leftOver} left for next night`);
    return parts.join(' · ');
  };
  return {
    update(s: SchedulerStats, done: number, force = false) {
      const t = now();
      if (!force && t - last < everyMs && done < opts.total) return;
      last = t;
      if (tty) {
        const width = 20;
        const filled = opts.total ? Math.round((done / opts.total) * width) : width;
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line(s, done)}\x1b[K`);
        if (done >= opts.total) stream.write('\n');
      } else stream.write(`${line(s, done)}\n`);
    },
  };
}
