import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Succession } from '../../schemas/artifacts.ts';
import { openDb, type Db } from '../../batch/db.ts';
import { memoryLogger } from '../../batch/log.ts';
import { TABLES } from '../../batch/model/tables.ts';
import { runBatch, type RunSummary } from '../../batch/pipeline.ts';
import { splitSentences } from '../../batch/tagging/sentences.ts';
import { formatSummary } from '../../batch/summary.ts';
import { buildSite, type BuiltSite } from '../site/build-site.ts';
import { readTree, tempDir } from '../helpers/tmp.ts';

/**
 * The real pipeline on the committed sample company (CP932 HRIS list, BOM skill matrix, evaluations,
 * career interviews, key positions) into a real DuckDB file, then the real site build on its artifacts.
 */
let first: RunSummary;
let second: RunSummary;
let db: Db;
let site: BuiltSite;

beforeAll(async () => {
  first = await runBatch({ configPath: 'talent-atlas.config.yaml', outDir: await tempDir('sample-a'), log: memoryLogger(), now: () => new Date('2026-10-01T02:00:00Z') });
  second = await runBatch({ configPath: 'talent-atlas.config.yaml', outDir: await tempDir('sample-b'), log: memoryLogger(), now: () => new Date('2026-10-02T03:30:00Z') });
  db = await openDb(first.dbPath);
  site = await buildSite({ artifactsDir: first.artifactsDir });
});
afterAll(async () => {
  db?.close();
  await site?.cleanup();
});

/** Every sentence of every interview note and evaluation comment (long enough to be telling). */
async function privateSentences(): Promise<string[]> {
  const rows = await db.all<{ t: string }>(`SELECT notes AS t FROM interviews UNION ALL SELECT comment FROM evaluations WHERE comment IS NOT NULL`);
  const out = new Set<string>();
  for (const r of rows) for (const s of splitSentences(r.t)) if (s.text.length >= 8) out.add(s.text);
  // The check means something only if there is plenty of private text to look for.
  expect(out.size).toBeGreaterThan(500);
  return [...out];
}

describe('the batch on the sample company', () => {
  it('fills every unified table, with a comment on every table and column', async () => {
    // ai_backlog is a work queue: empty when the AI stage finished everything, as it does offline.
    for (const t of TABLES) if (t.name !== 'ai_backlog') expect(first.counts[t.name], t.name).toBeGreaterThan(0);
    expect(first.counts.ai_backlog).toBe(0);
    const tables = await db.all<{ table_name: string; comment: string | null }>(`SELECT table_name, comment FROM duckdb_tables() WHERE database_name = current_database()`);
    expect(tables.map((t) => t.table_name).sort()).toEqual(TABLES.map((t) => t.name).sort());
    expect(tables.filter((t) => !t.comment)).toEqual([]);
    const columns = await db.all<{ table_name: string; column_name: string }>(`SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = current_database() AND (comment IS NULL OR comment = '')`);
    expect(columns).toEqual([]);
  });

  it('rejects exactly the planted bad rows, with file, line and column, and loads every other row', async () => {
    const rejects = await db.all(`SELECT source_file, line, "column", action FROM rejects ORDER BY source_file, line`);
    expect(rejects).toEqual([
      { source_file: 'data/sample/employees.csv', line: 187, column: '入社年月日', action: 'value_cleared' },
      { source_file: 'data/sample/employees.csv', line: 240, column: '上長社員番号', action: 'value_cleared' },
      { source_file: 'data/sample/employees.csv', line: 362, column: '社員番号', action: 'row_rejected' },
      { source_file: 'data/sample/evaluations.csv', line: 931, column: '総合評価', action: 'row_rejected' },
      { source_file: 'data/sample/skill_matrix.csv', line: 185, column: '検査', action: 'value_cleared' },
    ]);
    for (const s of first.sources) {
      if (s.kind !== 'skill_matrix') expect(s.loaded, s.source_file).toBe(s.rows - s.rejected);
    }
    const people = await db.one<{ n: number }>(`SELECT count(DISTINCT employee_id)::INTEGER n FROM employee_skills WHERE source = 'manager'`);
    expect(people.n).toBe(first.sources.find((s) => s.kind === 'skill_matrix')!.rows);
    const kept = await db.one<{ hire_date: string | null; manager_id: string | null }>(`SELECT hire_date, manager_id FROM employees WHERE source_line IN (187, 240) ORDER BY source_line LIMIT 1`);
    expect(kept.hire_date).toBeNull();
  });

  it('reports the bad rows with file and line in the summary people read', () => {
    const text = formatSummary(first);
    expect(text).toContain('data/sample/employees.csv:362 [社員番号] duplicate employee id (first at line ');
    expect(text).toContain('data/sample/employees.csv:187 [入社年月日]');
    expect(text).toContain('data/sample/evaluations.csv:931 [総合評価]');
  });

  it('reads CP932 Japanese text intact', async () => {
    const names = await db.all<{ n: number }>(`SELECT count(*)::INTEGER n FROM employees WHERE name LIKE '%�%' OR department_id LIKE '%�%'`);
    expect(names[0]!.n).toBe(0);
    const notes = await db.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM interviews WHERE notes LIKE '%�%'`);
    expect(notes.n).toBe(0);
  });

  it('tags skills and aspirations from interview notes, with evidence, as inferred', async () => {
    const inferred = await db.one<{ n: number; no_evidence: number }>(`SELECT count(*)::INTEGER n, count(*) FILTER (WHERE evidence IS NULL)::INTEGER no_evidence FROM employee_skills WHERE source = 'inferred'`);
    expect(inferred.n).toBeGreaterThan(0);
    expect(inferred.no_evidence).toBe(0);
    expect(first.counts.aspirations).toBeGreaterThan(0);
  });

  it('publishes byte-identical artifacts when run twice on the same inputs', async () => {
    const a = await readTree(first.artifactsDir);
    const b = await readTree(second.artifactsDir);
    expect([...a.keys()].sort()).toEqual(['manifest.json', 'overview.json', 'quality.json', 'skill_map.json', 'succession.json', 'talent_pool.json']);
    for (const [name, bytes] of a) expect(b.get(name)?.equals(bytes), name).toBe(true);
  });

  it('publishes no interview-note or evaluation-comment text in the artifacts', async () => {
    const published = [...(await readTree(first.artifactsDir)).values()].map((b) => b.toString('utf8')).join('\n');
    const leaked = (await privateSentences()).filter((s) => published.includes(s));
    expect(leaked).toEqual([]);
  });
});

describe('the site built from the sample\'s artifacts', () => {
  it('has the four page kinds and one page per key position', async () => {
    const succession = Succession.parse(JSON.parse(await readFile(join(first.artifactsDir, 'succession.json'), 'utf8')));
    expect(site.files).toEqual(expect.arrayContaining(['index.html', 'skills/index.html', 'pools/index.html', 'succession/index.html']));
    for (const p of succession.positions) expect(site.files).toContain(`succession/${p.position_id}/index.html`);
    expect(succession.positions.length).toBe(first.counts.key_positions);
  });

  it('shows, on the page of a key position, its top candidate', async () => {
    const top = await db.one<{ position_id: string; title: string; name: string }>(`
      SELECT c.position_id, k.title, e.name FROM succession_candidates c JOIN key_positions k USING (position_id) JOIN employees e USING (employee_id)
      WHERE c.position_id = 'KP-003' AND c.rank = 1`);
    const html = await site.read(`succession/${top.position_id}/index.html`);
    expect(html).toContain(top.title);
    expect(html).toContain(top.name);
  });

  it('contains none of the interview notes or evaluation comments anywhere in dist/', async () => {
    const html = [...(await readTree(site.outDir)).values()].map((b) => b.toString('utf8')).join('\n');
    const leaked = (await privateSentences()).filter((s) => html.includes(s));
    expect(leaked).toEqual([]);
  });
});
