import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { benchConfigYaml, datasetDirName, EXPORTS, generatorKey } from '../../bench/dataset.ts';
import { evaluateGoals, ingestRatio, ingestSeconds, jsonReport, markdownReport, stageSeconds, type BenchReport, type SizeResult } from '../../bench/report.ts';
import { folderSize, pageWeight, referencedAssets } from '../../bench/site-weight.ts';
import { loadConfig } from '../../batch/config/load-config.ts';

const size = (employees: number, over: Partial<SizeResult> = {}): SizeResult => ({
  employees, input_mb: 1, utf8_copy_s: 0.1, ingest_s: 3, read_csv_baseline_s: 2, ingest_ratio: 1.5, tagging_s: 4, tagging_texts: 4000, tagging_texts_per_s: 1000,
  scoring_s: 1, plans_s: 0.1, publish_s: 1, batch_s: 10, peak_rss_mb: 500, site_build_s: 8, dist_mb: 2, dist_files: 40, overview_kb: 60, largest_page_kb: 200, largest_page: 'skills/index.html',
  stages_ms: {}, batch_error: null, site_error: null, ...over,
});

const report = (sizes: SizeResult[], ai: BenchReport['ai']): BenchReport => ({
  machine: { cpus: 2, cpu_model: 'x', memory_gib: 24, node: 'v24', platform: 'linux x64', duckdb_threads: '2', duckdb_memory_limit: '1GB' },
  quick: false, seed: 1, started_at: '2026-01-01T00:00:00Z', sizes, ai, goals: evaluateGoals(sizes, ai), notes: [],
});

describe('bench figures', () => {
  it('divides ingest by the read_csv floor, and says nothing when either is missing', () => {
    expect(ingestRatio(3, 2)).toBe(1.5);
    expect(ingestRatio(2.345, 1)).toBe(2.35);
    expect(ingestRatio(null, 2)).toBeNull();
    expect(ingestRatio(3, 0)).toBeNull();
  });

  it('takes ingest + normalize from the load stage (the exports overlap), else adds up the per-export stages', () => {
    const t = { taxonomy: 5, 'ingest:0': 1000, 'normalize:0': 500, 'ingest:12': 250, tagging: 9000, 'normalize:x': 7 };
    expect(ingestSeconds(t)).toBe(1.75);
    expect(ingestSeconds({ ...t, load: 1200 })).toBe(1.2);
    expect(ingestSeconds({ tagging: 1 })).toBeNull();
    expect(stageSeconds(t, (k) => k === 'tagging')).toBe(9);
    expect(stageSeconds(t, (k) => k === 'scoring')).toBeNull();
  });

  it('judges each goal on the size it names, and tells what was not measured', () => {
    const ai = { llm_throughput_ratio: 0.97, llm_lost_records: 0, rerun_call_fraction: 0.011 };
    const goals = evaluateGoals([size(10_000, { site_build_s: 31 }), size(100_000, { ingest_ratio: 1.2, batch_s: 95, site_build_s: null })], ai);
    const status = Object.fromEntries(goals.map((g) => [g.goal, g.status]));
    expect(status['ingest + normalize ÷ bare read_csv (100k)']).toBe('met');
    expect(status['whole batch, offline provider (100k), s']).toBe('not met');
    expect(status['site build (10k), s']).toBe('not met');
    expect(status['site build (100k), s']).toBe('not measured');
    expect(status['AI stage throughput ÷ binding limit']).toBe('met');
    expect(status['rerun with 1% changed notes: calls ÷ first run']).toBe('not met');
    expect(evaluateGoals([], null).every((g) => g.status === 'not measured')).toBe(true);
  });

  it('writes JSON with the required keys for every size and the AI figures once', () => {
    const json = jsonReport(report([size(1000), size(10_000)], { llm_throughput_ratio: 0.96, llm_lost_records: 0, rerun_call_fraction: 0.01 }));
    for (const s of json.sizes as Array<Record<string, unknown>>) {
      for (const k of ['employees', 'ingest_s', 'read_csv_baseline_s', 'ingest_ratio', 'batch_s', 'peak_rss_mb', 'site_build_s', 'dist_mb', 'overview_kb']) expect(s, k).toHaveProperty(k);
    }
    expect(json).toMatchObject({ llm_throughput_ratio: 0.96, llm_lost_records: 0, rerun_call_fraction: 0.01 });
    expect(jsonReport(report([size(1000)], null))).toMatchObject({ llm_throughput_ratio: null, llm_lost_records: null, rerun_call_fraction: null });
  });

  it('renders one markdown column per size, dashes for what was not measured, and the goals', () => {
    const md = markdownReport(report([size(1000), size(100_000, { site_build_s: null, batch_error: 'boom\nstack' })], null));
    expect(md).toContain('| measure | 1k employees | 100k employees |');
    expect(md).toContain('| site build, s | 8 | — |');
    expect(md).toContain('| whole batch, offline provider (100k), s | 10 | ≤ 90 | met |');
    expect(md).toContain('- 100k: the batch failed: boom');
    expect(md).not.toContain('stack');
  });
});

describe('bench data cache', () => {
  it('keys the cache on the generator files: the same files give the same key, any change a new one', () => {
    const files = [{ name: 'a.ts', text: 'x' }, { name: 'b.ts', text: 'y' }];
    expect(generatorKey(files)).toBe(generatorKey([...files].reverse()));
    expect(generatorKey(files)).toMatch(/^[0-9a-f]{12}$/);
    expect(generatorKey([{ name: 'a.ts', text: 'x!' }, files[1]!])).not.toBe(generatorKey(files));
    expect(generatorKey([{ name: 'ab.ts', text: '' }])).not.toBe(generatorKey([{ name: 'a', text: 'b.ts' }]));
    expect(datasetDirName(10_000, 42, 'abc')).toBe('10000-42-abc');
  });

  it('points every source of the sample config at the generated exports, offline, and the result is a valid config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ta-bench-'));
    const yaml = benchConfigYaml(readFileSync('talent-atlas.config.yaml', 'utf8'), dir, join(process.cwd(), 'data/taxonomy/skills.csv'));
    const doc = parse(yaml) as { sources: Array<{ kind: string; path: string }>; ai: { provider: string } };
    expect(doc.sources.map((s) => s.path).sort()).toEqual(EXPORTS.map((e) => join(dir, e.file)).sort());
    expect(doc.ai.provider).toBe('offline');
    writeFileSync(join(dir, 'bench.config.yaml'), yaml);
    const loaded = await loadConfig(join(dir, 'bench.config.yaml'), {});
    expect(loaded.config.sources).toHaveLength(5);
  });
});

describe('page weight', () => {
  it('finds the local files a page loads, relative or rooted, and leaves out external and data URLs', () => {
    const html = `<link rel="stylesheet" href="/_astro/a.css"><link rel="icon" href="data:,"><link rel="canonical" href="/x/">
      <script type="module" src="../_astro/b.js?v=1"></script><img src='img/c.svg' srcset="img/c2.svg 2x, https://cdn.example/d.png 3x">
      <script src="https://example.com/e.js"></script><object data="/f.svg"></object><a href="/g.html">g</a>`;
    expect(referencedAssets(html, 'en/index.html')).toEqual(['_astro/a.css', '_astro/b.js', 'en/img/c.svg', 'en/img/c2.svg', 'f.svg']);
  });

  it('weighs a page as its HTML plus what it loads, and a folder as all its files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ta-weight-'));
    mkdirSync(join(dir, '_astro'));
    writeFileSync(join(dir, '_astro', 'a.css'), 'x'.repeat(1000));
    const html = '<link rel="stylesheet" href="/_astro/a.css"><script src="/_astro/missing.js"></script>';
    writeFileSync(join(dir, 'index.html'), html);
    writeFileSync(join(dir, 'other.html'), 'y'.repeat(50));
    const w = pageWeight(dir, 'index.html');
    expect(w.totalBytes).toBe(Buffer.byteLength(html) + 1000);
    expect(w.assets).toEqual([{ path: '_astro/a.css', bytes: 1000 }, { path: '_astro/missing.js', bytes: 0 }]);
    expect(folderSize(dir)).toEqual({ bytes: 1000 + Buffer.byteLength(html) + 50, files: 3 });
  });
});
