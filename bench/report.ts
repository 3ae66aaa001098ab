/**
 * The benchmark's figures and goals as data, and their markdown: pure functions, tested in tests/bench.
 */

/** What one company size measured. null: not measured (the step failed or was skipped; see the *_error keys). */
export interface SizeResult {
  employees: number;
  input_mb: number;
  /** Seconds to make the UTF-8 copies for the baseline (CP932 transcoded); not part of any figure below. */
  utf8_copy_s: number;
  /** ingest + normalize of all five exports, from the batch's own stage times. */
  ingest_s: number | null;
  read_csv_baseline_s: number | null;
  ingest_ratio: number | null;
  tagging_s: number | null;
  tagging_texts: number | null;
  tagging_texts_per_s: number | null;
  scoring_s: number | null;
  plans_s: number | null;
  /** Building the artifacts, writing them and the atomic publish. */
  publish_s: number | null;
  /** The whole runBatch, wall time. */
  batch_s: number | null;
  peak_rss_mb: number | null;
  site_build_s: number | null;
  dist_mb: number | null;
  dist_files: number | null;
  /** The overview page (index.html) and every local file it loads. */
  overview_kb: number | null;
  /** The heaviest page of dist/ (its HTML and every local file it loads), and which one. */
  largest_page_kb: number | null;
  largest_page: string | null;
  stages_ms: Record<string, number>;
  batch_error: string | null;
  site_error: string | null;
}

export interface AiFigures {
  llm_throughput_ratio: number;
  llm_lost_records: number;
  rerun_call_fraction: number;
  [k: string]: unknown;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** ingest + normalize ÷ bare read_csv, rounded to 2 decimals; null when either is missing or the baseline is 0. */
export function ingestRatio(ingestS: number | null, baselineS: number | null): number | null {
  if (ingestS === null || baselineS === null || baselineS <= 0) return null;
  return round(ingestS / baselineS, 2);
}

/** Seconds of the stages whose names match, from the batch's stage times in milliseconds (null when none ran). */
export function stageSeconds(timingsMs: Record<string, number>, match: (name: string) => boolean): number | null {
  const hits = Object.entries(timingsMs).filter(([k]) => match(k));
  if (hits.length === 0) return null;
  return round(hits.reduce((a, [, v]) => a + v, 0) / 1000, 2);
}

/**
 * The batch's ingest + normalize time: its `load` stage, the wall time of reading and normalizing every
 * export (they load side by side, so their own ingest:i / normalize:i times overlap and do not add up).
 * Older runs without it: the sum of those per-export stages.
 */
export function ingestSeconds(timingsMs: Record<string, number>): number | null {
  return stageSeconds(timingsMs, (k) => k === 'load') ?? stageSeconds(timingsMs, (k) => /^(ingest|normalize):\d+$/.test(k));
}

export interface Goal {
  goal: string;
  employees: number | null;
  key: string;
  limit: number;
  /** 'max': the figure must be ≤ limit; 'min': ≥ limit. */
  kind: 'max' | 'min';
}

export const GOALS: readonly Goal[] = [
  { goal: 'ingest + normalize ÷ bare read_csv (100k)', employees: 100_000, key: 'ingest_ratio', limit: 1.5, kind: 'max' },
  { goal: 'whole batch, offline provider (100k), s', employees: 100_000, key: 'batch_s', limit: 90, kind: 'max' },
  { goal: 'peak RSS of the batch (100k), MB', employees: 100_000, key: 'peak_rss_mb', limit: 2048, kind: 'max' },
  { goal: 'site build (10k), s', employees: 10_000, key: 'site_build_s', limit: 30, kind: 'max' },
  { goal: 'site build (100k), s', employees: 100_000, key: 'site_build_s', limit: 120, kind: 'max' },
  { goal: 'overview page (10k), KB', employees: 10_000, key: 'overview_kb', limit: 150, kind: 'max' },
  { goal: 'overview page (100k), KB', employees: 100_000, key: 'overview_kb', limit: 150, kind: 'max' },
  { goal: 'largest page (10k), KB', employees: 10_000, key: 'largest_page_kb', limit: 250, kind: 'max' },
  { goal: 'largest page (100k), KB', employees: 100_000, key: 'largest_page_kb', limit: 250, kind: 'max' },
  { goal: 'AI stage throughput ÷ binding limit', employees: null, key: 'llm_throughput_ratio', limit: 0.95, kind: 'min' },
  { goal: 'AI stage records lost', employees: null, key: 'llm_lost_records', limit: 0, kind: 'max' },
  { goal: 'rerun with 1% changed notes: calls ÷ first run', employees: null, key: 'rerun_call_fraction', limit: 0.0105, kind: 'max' },
];

export interface GoalResult {
  goal: string;
  value: number | null;
  limit: string;
  status: 'met' | 'not met' | 'not measured';
}

export function evaluateGoals(sizes: readonly SizeResult[], ai: AiFigures | null): GoalResult[] {
  return GOALS.map((g) => {
    const source: Record<string, unknown> | undefined = g.employees === null ? (ai ?? undefined) : (sizes.find((s) => s.employees === g.employees) as unknown as Record<string, unknown> | undefined);
    const v = source?.[g.key];
    const value = typeof v === 'number' ? v : null;
    const limit = `${g.kind === 'max' ? '≤' : '≥'} ${g.limit}`;
    if (value === null) return { goal: g.goal, value, limit, status: 'not measured' };
    const met = g.kind === 'max' ? value <= g.limit : value >= g.limit;
    return { goal: g.goal, value, limit, status: met ? 'met' : 'not met' };
  });
}

const ROWS: Array<[label: string, key: keyof SizeResult]> = [
  ['input exports, MB', 'input_mb'],
  ['ingest + normalize, s', 'ingest_s'],
  ['bare DuckDB read_csv of UTF-8 copies, s', 'read_csv_baseline_s'],
  ['ingest ÷ read_csv', 'ingest_ratio'],
  ['AI stage (offline), s', 'tagging_s'],
  ['AI stage texts', 'tagging_texts'],
  ['AI stage texts/s', 'tagging_texts_per_s'],
  ['scoring, s', 'scoring_s'],
  ['development plans, s', 'plans_s'],
  ['publish (artifacts + write), s', 'publish_s'],
  ['whole batch, s', 'batch_s'],
  ['peak RSS of the batch, MB', 'peak_rss_mb'],
  ['site build, s', 'site_build_s'],
  ['dist/, MB', 'dist_mb'],
  ['dist/ files', 'dist_files'],
  ['overview page + its assets, KB', 'overview_kb'],
  ['largest page + its assets, KB', 'largest_page_kb'],
  ['largest page', 'largest_page'],
];

const cell = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'number' ? v.toLocaleString('en', { maximumFractionDigits: 4 }) : String(v));
const sizeLabel = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

export function markdownReport(report: BenchReport): string {
  const { sizes, ai } = report;
  const out: string[] = [];
  out.push(`| measure | ${sizes.map((s) => `${sizeLabel(s.employees)} employees`).join(' | ')} |`);
  out.push(`|---|${sizes.map(() => '---:').join('|')}|`);
  for (const [label, key] of ROWS) out.push(`| ${label} | ${sizes.map((s) => cell(s[key])).join(' | ')} |`);
  out.push('');
  if (ai) {
    out.push('| AI stage against the fake OpenAI server | value |', '|---|---:|');
    out.push(`| throughput ÷ binding limit (steady state) | ${cell(ai.llm_throughput_ratio)} |`);
    out.push(`| records lost | ${cell(ai.llm_lost_records)} |`);
    out.push(`| rerun with 1% changed notes: calls ÷ first run | ${cell(ai.rerun_call_fraction)} |`);
    for (const k of ['notes', 'limit_rpm', 'time_compression', 'llm_throughput_ratio_whole_run', 'llm_wrong_records', 'first_run_calls', 'rerun_calls', 'injected_429', 'injected_500', 'seconds']) {
      if (k in ai) out.push(`| ${k} | ${cell(ai[k])} |`);
    }
    out.push('');
  }
  out.push('| goal | value | limit | status |', '|---|---:|---:|---|');
  for (const g of report.goals) out.push(`| ${g.goal} | ${cell(g.value)} | ${g.limit} | ${g.status} |`);
  const errors = sizes.flatMap((s) => [
    ...(s.batch_error ? [`- ${sizeLabel(s.employees)}: the batch failed: ${s.batch_error.split('\n')[0]}`] : []),
    ...(s.site_error ? [`- ${sizeLabel(s.employees)}: the site build failed: ${s.site_error.split('\n')[0]}`] : []),
  ]);
  if (errors.length) out.push('', ...errors);
  if (report.notes.length) out.push('', ...report.notes.map((n) => `- ${n}`));
  return `${out.join('\n')}\n`;
}

export interface BenchReport {
  machine: { cpus: number; cpu_model: string; memory_gib: number; node: string; platform: string; duckdb_threads: string; duckdb_memory_limit: string };
  quick: boolean;
  seed: number;
  started_at: string;
  sizes: SizeResult[];
  ai: AiFigures | null;
  goals: GoalResult[];
  notes: string[];
}

/** The JSON written by --json: per size the figures above, the AI figures once at the top level too. */
export function jsonReport(report: BenchReport): Record<string, unknown> {
  return {
    ...report,
    llm_throughput_ratio: report.ai?.llm_throughput_ratio ?? null,
    llm_lost_records: report.ai?.llm_lost_records ?? null,
    rerun_call_fraction: report.ai?.rerun_call_fraction ?? null,
  };
}
