/**
 * One benchmark run of the real batch, in a process of its own so its peak RSS (DuckDB's native memory
 * included) is its alone: `node bench/child-batch.ts <config> <outDir>`. Prints one JSON line on stdout:
 * stage times (reported as each stage ends, so a run that fails late still tells what it measured),
 * wall time, peak RSS and, on failure, the error.
 */
import { rmSync } from 'node:fs';
import { memoryLogger } from '../batch/log.ts';
import { runBatch } from '../batch/pipeline.ts';

export interface BatchChildResult {
  ok: boolean;
  error: string | null;
  seconds: number;
  timingsMs: Record<string, number>;
  peakRssMb: number;
  /** Texts the AI stage read (interview notes and evaluation comments). */
  texts: number | null;
  counts: Record<string, number> | null;
}

const [configPath, outDir] = process.argv.slice(2);
if (!configPath || !outDir) {
  process.stderr.write('usage: node bench/child-batch.ts <config> <outDir>\n');
  process.exit(2);
}
rmSync(outDir, { recursive: true, force: true });
const log = memoryLogger();
const timingsMs: Record<string, number> = {};
const t0 = performance.now();
let ok = true;
let error: string | null = null;
let counts: Record<string, number> | null = null;
try {
  const summary = await runBatch({ configPath, outDir, log, onStage: (name, ms) => (timingsMs[name] = ms) });
  counts = summary.counts;
} catch (e) {
  ok = false;
  error = ((e as Error).stack ?? String(e)).split('\n').slice(0, 6).join('\n');
}
const seconds = (performance.now() - t0) / 1000;
const tagged = log.lines.map((l) => /^tag (\d+) texts/.exec(l)).find((m) => m);
const result: BatchChildResult = {
  ok, error, seconds, timingsMs, counts,
  // maxRSS is in kilobytes.
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  texts: tagged ? Number(tagged[1]) : null,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
