import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { duckdbSettings } from '../batch/db.ts';
import { buildSite } from '../scripts/build-site.ts';
import { benchAiThroughput } from './ai-throughput.ts';
import type { BatchChildResult } from './child-batch.ts';
import { EXPORTS, ensureDataset, ROOT } from './dataset.ts';
import { evaluateGoals, ingestRatio, ingestSeconds, jsonReport, markdownReport, stageSeconds, type AiFigures, type BenchReport, type SizeResult } from './report.ts';
import { folderSize, largestPage, pageWeight } from './site-weight.ts';

const USAGE = `Usage: npm run bench -- [--quick] [--json <file>] [--sizes 1000,10000,100000] [--seed N] [--no-site] [--no-ai]

Generates (or reuses, from .cache/bench/) companies of 1k, 10k and 100k employees, runs the real batch on each
with the offline AI provider in a child process (stage times, peak RSS), DuckDB's bare read_csv of the same
exports as the ingest baseline, the real site build (time, dist/ size, overview page weight), and the AI stage
against the fake OpenAI server. Markdown on stdout, progress on stderr.

  --quick        1k and 10k only (a few minutes on 2 cores)
  --json <file>  also write the figures as JSON
  --sizes list   comma-separated headcounts instead of the default sizes
  --seed N       generator seed (default 20261001)
  --no-site      skip the site builds
  --no-ai        skip the AI-stage measurement`;

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    sizes: { type: 'string' },
    seed: { type: 'string', default: '20261001' },
    'no-site': { type: 'boolean', default: false },
    'no-ai': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const sizes = values.sizes ? values.sizes.split(',').map((s) => Number(s.trim())) : values.quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error(`--sizes: headcounts of at least 100, got "${values.sizes}"`);
const seed = Number(values.seed);
const cacheRoot = join(ROOT, '.cache', 'bench');
mkdirSync(cacheRoot, { recursive: true });
const log = (m: string) => process.stderr.write(`${m}\n`);
const started = performance.now();
const notes: string[] = [];

/** Runs `node <script> …args` and returns the JSON of its last stdout line; its stderr goes to ours. */
function runChild<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolveChild, reject) => {
    const child = spawn(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolveChild(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} exited with code ${code} without a result:\n${out.slice(-2000)}`));
      }
    });
  });
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const results: SizeResult[] = [];
for (const employees of sizes) {
  log(`\n== ${employees.toLocaleString('en')} employees ==`);
  const data = await ensureDataset({ employees, seed, cacheRoot, log });
  log(`  data: ${data.cached ? 'cached' : `generated in ${round(data.generateSeconds, 1)} s`}, ${round(data.bytes / 1e6, 1)} MB; UTF-8 copies made in ${round(data.copySeconds, 1)} s (not timed below)`);

  log('  DuckDB bare read_csv of the UTF-8 copies …');
  const baseline = await runChild<{ seconds: number }>('bench/child-read-csv.ts', [data.utf8Dir, join(cacheRoot, `scratch-${employees}`), ...EXPORTS.map((e) => e.file)]);

  log('  the batch (offline AI provider) …');
  const outDir = join(cacheRoot, `out-${employees}`);
  const batch = await runChild<BatchChildResult>('bench/child-batch.ts', [data.configPath, outDir]);
  if (!batch.ok) log(`  the batch failed: ${batch.error}`);
  const t = batch.timingsMs;
  const ingest = ingestSeconds(t);
  const tagging = stageSeconds(t, (k) => k === 'tagging');
  const publishParts = ['artifacts', 'write'].filter((k) => k in t);
  const r: SizeResult = {
    employees,
    input_mb: round(data.bytes / 1e6, 1),
    utf8_copy_s: round(data.copySeconds),
    ingest_s: ingest,
    read_csv_baseline_s: round(baseline.seconds),
    ingest_ratio: ingestRatio(ingest, baseline.seconds),
    tagging_s: tagging,
    tagging_texts: batch.texts,
    tagging_texts_per_s: tagging && batch.texts ? Math.round(batch.texts / tagging) : null,
    scoring_s: stageSeconds(t, (k) => k === 'scoring'),
    plans_s: stageSeconds(t, (k) => k === 'plans'),
    publish_s: publishParts.length === 2 ? stageSeconds(t, (k) => publishParts.includes(k)) : null,
    batch_s: batch.ok ? round(batch.seconds) : null,
    peak_rss_mb: batch.ok ? Math.round(batch.peakRssMb) : null,
    site_build_s: null,
    dist_mb: null,
    dist_files: null,
    overview_kb: null,
    largest_page_kb: null,
    largest_page: null,
    stages_ms: t,
    batch_error: batch.error,
    site_error: null,
  };
  log(`  batch ${batch.ok ? `${round(batch.seconds, 1)} s, peak RSS ${Math.round(batch.peakRssMb)} MB` : 'failed'}; ingest ${ingest ?? '—'} s vs read_csv ${round(baseline.seconds)} s`);

  if (batch.ok && !values['no-site']) {
    log('  site build (astro build) …');
    const dist = join(cacheRoot, `site-${employees}`);
    rmSync(dist, { recursive: true, force: true });
    const t0 = performance.now();
    try {
      await buildSite({ artifactsDir: join(outDir, 'artifacts'), outDir: dist, timeoutMs: 900_000 });
      r.site_build_s = round((performance.now() - t0) / 1000);
      const size = folderSize(dist);
      r.dist_mb = round(size.bytes / 1e6);
      r.dist_files = size.files;
      r.overview_kb = round(pageWeight(dist, 'index.html').totalBytes / 1024, 1);
      const largest = largestPage(dist);
      r.largest_page_kb = largest ? round(largest.totalBytes / 1024, 1) : null;
      r.largest_page = largest?.page ?? null;
      log(`  site ${r.site_build_s} s, dist ${r.dist_mb} MB in ${r.dist_files} files, overview ${r.overview_kb} KB, largest page ${r.largest_page_kb} KB (${r.largest_page})`);
    } catch (e) {
      r.site_error = (e as Error).message.split('\n').slice(0, 4).join('\n');
      log(`  the site build failed: ${r.site_error}`);
    }
  } else if (!batch.ok) r.site_error = 'not built: the batch failed';
  results.push(r);
}

let ai: AiFigures | null = null;
if (!values['no-ai']) {
  const aiNotes = 5000;
  log(`\n== AI stage: ${aiNotes.toLocaleString('en')} notes through the fake OpenAI server (binding rpm, 5% 429s, 1% 500s) ==`);
  const aiCache = mkdtempSync(join(tmpdir(), 'talent-atlas-bench-ai-'));
  try {
    ai = (await benchAiThroughput({ notes: aiNotes, rpm: 1200, timeCompression: 10, cacheDir: aiCache })) as unknown as AiFigures;
  } finally {
    rmSync(aiCache, { recursive: true, force: true });
  }
}

const settings = duckdbSettings(process.env);
if (values.quick) notes.push('--quick: 1k and 10k employees only; the 100k goals are not measured in this run.');
notes.push(`total bench time ${round((performance.now() - started) / 1000, 1)} s; generated data is cached in .cache/bench/ (key: headcount, seed, generator digest).`);
const report: BenchReport = {
  machine: {
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model ?? 'unknown',
    memory_gib: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    duckdb_threads: settings.threads,
    duckdb_memory_limit: settings.memory_limit,
  },
  quick: values.quick,
  seed,
  started_at: new Date().toISOString(),
  sizes: results,
  ai,
  goals: evaluateGoals(results, ai),
  notes,
};
process.stdout.write(markdownReport(report));
if (values.json) {
  writeFileSync(resolve(values.json), `${JSON.stringify(jsonReport(report), null, 2)}\n`);
  log(`JSON written to ${resolve(values.json)}`);
}
