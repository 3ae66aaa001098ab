import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Overview, Quality } from '../../schemas/artifacts.ts';
import { openDb } from '../../batch/db.ts';
import { memoryLogger } from '../../batch/log.ts';
import { runBatch } from '../../batch/pipeline.ts';
import { formatSummary } from '../../batch/summary.ts';
import { tempDir } from '../helpers/tmp.ts';

/** Exports nobody here wrote, loaded by a mapping config alone (data/examples/), from ../shared/datasets. */
async function runExample(name: string) {
  const out = await tempDir(name);
  const log = memoryLogger();
  const summary = await runBatch({ configPath: `data/examples/${name}.yaml`, outDir: out, log });
  const read = async (f: string) => JSON.parse(await readFile(join(summary.artifactsDir, f), 'utf8'));
  return { summary, log, overview: Overview.parse(await read('overview.json')), quality: Quality.parse(await read('quality.json')) };
}

describe('third-party datasets through configuration alone', () => {
  it('loads all 1470 IBM HR Attrition employees, with the 237 who left marked as left', async () => {
    const { summary, overview } = await runExample('ibm-hr-attrition');
    expect(summary.counts.employees).toBe(1470);
    expect(summary.counts.evaluations).toBe(1470);
    expect(summary.rejects.total).toBe(0);
    expect(overview.headcount).toBe(1470 - 237);
    const db = await openDb(summary.dbPath);
    try {
      const ratings = await db.all<{ raw_grade: string; n: number }>(`SELECT raw_grade, count(*)::INTEGER n FROM evaluations GROUP BY 1 ORDER BY 1`);
      expect(ratings).toEqual([{ raw_grade: '3', n: 1244 }, { raw_grade: '4', n: 226 }]);
      const tenure = await db.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM employees WHERE tenure_years IS NULL`);
      expect(tenure.n).toBe(0);
    } finally {
      db.close();
    }
  });

  it('says plainly what the IBM export lacks and still publishes the rest', async () => {
    const { summary, overview, log } = await runExample('ibm-hr-attrition');
    expect(overview.notices).toEqual([
      { code: 'missing_source', subject: 'skill_matrix', count: null, detail: null },
      { code: 'missing_field', subject: 'potential', count: null, detail: null },
      { code: 'missing_source', subject: 'interviews', count: null, detail: null },
      { code: 'missing_source', subject: 'key_positions', count: null, detail: null },
    ]);
    expect(overview.key_positions).toBe(0);
    expect(overview.bench_strength).toEqual({ successors: 0, effective_successors: 0, per_position: null });
    expect(overview.interview_coverage).toEqual({ cycle_months: 6, covered: 0, eligible: 1470 - 237, share: 0 });
    expect(overview.data_age.map((d) => d.kind)).toEqual(['employees', 'evaluations']);
    expect(log.lines.some((l) => l.startsWith('warning: ') && l.includes('重要ポジション（key_positions）がありません'))).toBe(true);
    // HR reads the same notices as sentences in the run summary.
    expect(formatSummary(summary)).toContain('  note: ポテンシャル評価（evaluations の potential 列）がありません。');
  });

  it('loads all 311 HRDataset v14 employees with padded strings, "Last, First" names and M/D/YYYY dates', async () => {
    const { summary, quality } = await runExample('hrdataset-v14');
    expect(summary.counts.employees).toBe(311);
    expect(quality.rejects_total).toBe(0);
    const db = await openDb(summary.dbPath);
    try {
      const scores = await db.all<{ raw_grade: string; n: number }>(`SELECT raw_grade, count(*)::INTEGER n FROM evaluations GROUP BY 1 ORDER BY 2 DESC`);
      expect(scores).toEqual([
        { raw_grade: 'Fully Meets', n: 243 },
        { raw_grade: 'Exceeds', n: 37 },
        { raw_grade: 'Needs Improvement', n: 18 },
        { raw_grade: 'PIP', n: 13 },
      ]);
      const one = await db.one<{ name: string; department_id: string; hire_date: string }>(`SELECT name, department_id, CAST(hire_date AS VARCHAR) hire_date FROM employees WHERE employee_id = '10026'`);
      expect(one).toEqual({ name: 'Adinolfi, Wilson  K', department_id: 'Production', hire_date: '2011-07-05' });
      const missingDates = await db.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM employees WHERE hire_date IS NULL`);
      expect(missingDates.n).toBe(0);
    } finally {
      db.close();
    }
  });
});
