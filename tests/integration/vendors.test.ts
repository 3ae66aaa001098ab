import { describe, expect, it } from 'vitest';
import { openDb } from '../../batch/db.ts';
import { memoryLogger } from '../../batch/log.ts';
import { runBatch } from '../../batch/pipeline.ts';
import { tempDir } from '../helpers/tmp.ts';

/**
 * Two export sets in layouts our sample does not use, loaded by their config alone (tests/fixtures/vendors/):
 * a Japanese HR SaaS (UTF-8 with BOM, CRLF, Japanese file names, 姓/名 with ヨミガナ, 令和 dates, a long skill
 * list with levels 1–5, 年度上期/下期, 高/中/低) and an English HRIS (MM/DD/YYYY, "A > B" departments, words
 * for proficiency and ratings). The expected figures are counted by hand from the files.
 */
const ENV = { ...process.env, TALENT_ATLAS_AI_WORKERS: '0' };

async function run(name: string) {
  const summary = await runBatch({ configPath: `tests/fixtures/vendors/${name}/config.yaml`, outDir: await tempDir(`vendor-${name}`), log: memoryLogger(), env: ENV, now: () => new Date('2026-10-01T02:00:00Z') });
  const db = await openDb(summary.dbPath);
  return { summary, db };
}

describe('export sets of other vendors, by config alone', () => {
  it('a Japanese HR SaaS: 15 people, 20 assessments of which 19 current, 30 evaluations, 4 interviews, 3 key positions, no reject', async () => {
    const { summary, db } = await run('jinji-cloud');
    try {
      expect(summary.rejects.rows).toEqual([]);
      expect(summary.counts).toMatchObject({ employees: 15, departments: 6, skill_assessments: 20, evaluations: 30, interviews: 4, key_positions: 3 });
      expect(await db.one(`SELECT count(*)::INTEGER AS n FROM employee_skills WHERE source <> 'inferred'`)).toEqual({ n: 19 });
      // 生産計画 of A002: 4 on 令和6年4月1日, 5 on 令和7年4月1日 — the newer is current.
      expect(await db.all(`SELECT level, CAST(assessed_on AS VARCHAR) AS d, current FROM skill_assessments WHERE employee_id = 'A002' AND skill_id = 'production_planning' ORDER BY d`)).toEqual([
        { level: 4, d: '2024-04-01', current: false },
        { level: 5, d: '2025-04-01', current: true },
      ]);
      expect(await db.one(`SELECT name, CAST(hire_date AS VARCHAR) AS hired, status FROM employees WHERE employee_id = 'A014'`)).toEqual({ name: '関 陽介', hired: '2019-10-01', status: 'active' });
      expect(await db.one(`SELECT status FROM employees WHERE employee_id = 'A015'`)).toEqual({ status: 'left' });
      expect(await db.all(`SELECT DISTINCT period FROM evaluations ORDER BY period`)).toEqual([{ period: '2025年度上期' }, { period: '2025年度下期' }]);
      expect(await db.all(`SELECT position_id, skill_id, level FROM key_position_skills ORDER BY ALL`)).toEqual([
        { position_id: 'P-01', skill_id: 'leadership', level: 4 },
        { position_id: 'P-01', skill_id: 'people_development', level: 3 },
        { position_id: 'P-01', skill_id: 'production_engineering', level: 4 },
        { position_id: 'P-02', skill_id: 'leadership', level: 3 },
        { position_id: 'P-02', skill_id: 'quality_control', level: 4 },
        { position_id: 'P-03', skill_id: 'cost_management', level: 4 },
        { position_id: 'P-03', skill_id: 'excel', level: 3 },
      ]);
      const slates = await db.all<{ position_id: string; n: number }>(`SELECT position_id, count(*)::INTEGER AS n FROM succession_candidates GROUP BY 1 ORDER BY 1`);
      expect(slates.map((s) => s.position_id)).toEqual(['P-01', 'P-02', 'P-03']);
    } finally {
      db.close();
    }
  });

  it('an English HRIS: 12 people, 15 assessments of which 14 current, 24 reviews, 3 check-ins, 2 positions, no reject', async () => {
    const { summary, db } = await run('hris-en');
    try {
      expect(summary.rejects.rows).toEqual([]);
      expect(summary.counts).toMatchObject({ employees: 12, departments: 5, skill_assessments: 15, evaluations: 24, interviews: 3, key_positions: 2 });
      expect(await db.one(`SELECT count(*)::INTEGER AS n FROM employee_skills WHERE source <> 'inferred'`)).toEqual({ n: 14 });
      // Leadership of 1003: Intermediate (2) in March, Advanced (3) in September.
      expect(await db.one(`SELECT level FROM employee_skills WHERE employee_id = '1003' AND skill_id = 'leadership' AND source = 'manager'`)).toEqual({ level: 3 });
      expect(await db.all(`SELECT department_id, parent_id FROM departments ORDER BY 1`)).toEqual([
        { department_id: 'Operations', parent_id: null },
        { department_id: 'Operations > Manufacturing', parent_id: 'Operations' },
        { department_id: 'Operations > Quality', parent_id: 'Operations' },
        { department_id: 'Sales', parent_id: null },
        { department_id: 'Sales > Enterprise', parent_id: 'Sales' },
      ]);
      expect(await db.all(`SELECT employee_id, status FROM employees WHERE status <> 'active' ORDER BY 1`)).toEqual([
        { employee_id: '1007', status: 'leave' },
        { employee_id: '1012', status: 'left' },
      ]);
      expect(await db.one(`SELECT CAST(hire_date AS VARCHAR) AS d FROM employees WHERE employee_id = '1002'`)).toEqual({ d: '2012-07-15' });
      const slates = await db.all<{ position_id: string }>(`SELECT DISTINCT position_id FROM succession_candidates ORDER BY 1`);
      expect(slates.map((s) => s.position_id)).toEqual(['POS-1', 'POS-2']);
    } finally {
      db.close();
    }
  });
});
