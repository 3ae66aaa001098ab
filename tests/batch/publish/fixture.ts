import { Config, type ConfigInput } from '../../../schemas/config.ts';
import type { StageContext } from '../../../batch/context.ts';
import { openDb, type Db } from '../../../batch/db.ts';
import { memoryLogger } from '../../../batch/log.ts';
import { createTablesSql } from '../../../batch/model/tables.ts';
import { warekiMacroSql } from '../../../batch/normalize/sql-expressions.ts';
import { computePersonScores } from '../../../batch/scoring/person-scores.ts';
import { createScoringTables, storeSlateFacts } from '../../../batch/scoring/succession.ts';
import { createPublishTables } from '../../../batch/publish/shared-tables.ts';

/**
 * A small hand-made company in a real in-memory DuckDB, with k = 3, as of 2026-10-01:
 *
 * | department | active people | |
 * |---|---|---|
 * | 本部 (D1) | h1 | 1 person: suppressed |
 * | D1/A (A課) | a1 a2 a3 a4 | |
 * | D1/B (B課) | b1 b2 b3 (+ b9, who left) | |
 * | S (S室) | s1 s2 | 2 people: suppressed |
 *
 * Key positions: KP1 (A課, a1, vacancy 2027/3, a2 ready now), KP2 (B課, b1 whose latest signal is high,
 * b2 in 1–2 years), KP3 (本部, vacant, vacancy 令和9年4月, a2 in 1–2 years), KP4 (S室, s1, 2030-01, nobody
 * within 2 years). a2 and b2 are each on two slates.
 *
 * The slates are chosen by hand (fewer people than scoring would keep), but every value on them is what
 * scoring computes for that pair from the rows above: builders.test.ts scores the company and compares.
 */
export const AS_OF = '2026-10-01';

export function fixtureConfig(overrides: Partial<ConfigInput> = {}): Config {
  return Config.parse({
    company: { name: 'テスト株式会社' },
    taxonomy: 'skills.csv',
    sources: [
      { kind: 'employees', path: 'e.csv', columns: { employee_id: 'id', name: 'name' } },
      { kind: 'skill_matrix', path: 's.csv', employee_id_column: 'id' },
      { kind: 'evaluations', path: 'v.csv', columns: { employee_id: 'id', grade: 'g', potential: 'p' }, period: '2026上期' },
      { kind: 'interviews', path: 'i.csv', columns: { employee_id: 'id', held_on: 'd', notes: 'n' } },
      { kind: 'key_positions', path: 'k.csv', columns: { position_id: 'id', title: 't' } },
    ],
    privacy: { min_group_size: 3 },
    scoring: { succession: { grade_order: ['G3', 'G4', 'G5', 'M1', 'E1'] } },
    ...overrides,
  });
}

const json = (v: unknown) => `'${JSON.stringify(v).replaceAll("'", "''")}'`;

const SQL = `
INSERT INTO departments VALUES ('D1', '本部', NULL, 1, 'Head office'), ('D1/A', 'A課', 'D1', 2, 'Section A'), ('D1/B', 'B課', 'D1', 2, NULL), ('S', 'S室', NULL, 1, NULL);
INSERT INTO employees (employee_id, name, department_id, job_title, grade, grade_rank, employment_type, hire_date, manager_id, location, status, source_line, source_file) VALUES
  ('h1', '本部 長', 'D1', '本部長', 'E1', 4, 'regular', '2000-04-01', NULL, NULL, 'active', 2, 'e.csv'),
  ('a1', '青木 一', 'D1/A', '課長', 'M1', 3, 'regular', '2005-04-01', 'h1', NULL, 'active', 3, 'e.csv'),
  ('a2', '青木 二', 'D1/A', '係長', 'G5', 2, 'regular', '2010-04-01', 'a1', NULL, 'active', 4, 'e.csv'),
  ('a3', '青木 三', 'D1/A', '主任', 'G4', 1, 'regular', '2015-04-01', 'a1', NULL, 'active', 5, 'e.csv'),
  ('a4', '青木 四', 'D1/A', NULL, 'G3', 0, 'regular', NULL, 'a1', NULL, 'active', 6, 'e.csv'),
  ('b1', '馬場 一', 'D1/B', '課長', 'M1', 3, 'regular', '2006-04-01', 'h1', NULL, 'active', 7, 'e.csv'),
  ('b2', '馬場 二', 'D1/B', '係長', 'G5', 2, 'regular', '2012-04-01', 'b1', NULL, 'active', 8, 'e.csv'),
  ('b3', '馬場 三', 'D1/B', NULL, 'G4', 1, 'regular', '2018-04-01', 'b1', NULL, 'active', 9, 'e.csv'),
  ('b9', '馬場 九', 'D1/B', NULL, 'G3', 0, 'regular', '2019-04-01', 'b1', NULL, 'left', 10, 'e.csv'),
  ('s1', '佐藤 一', 'S', '室長', 'G5', 2, 'regular', '2008-04-01', NULL, NULL, 'active', 11, 'e.csv'),
  ('s2', '佐藤 二', 'S', NULL, 'G3', 0, 'regular', '2020-04-01', 's1', NULL, 'active', 12, 'e.csv');
INSERT INTO skills VALUES
  ('sk1', '旋盤', 'Lathe', '製造', [], 'taxonomy'), ('sk2', 'データ分析', 'Data analysis', 'データ', [], 'taxonomy'), ('sk3', '英語', 'English', '語学', [], 'taxonomy');
INSERT INTO employee_skills (employee_id, skill_id, level, source, confidence, assessed_on) VALUES
  ('a1', 'sk1', 4, 'manager', 1, '2026-04-01'), ('a2', 'sk1', 3, 'manager', 1, '2026-04-01'), ('b2', 'sk1', 2, 'manager', 1, '2026-04-01'),
  ('s1', 'sk1', 4, 'manager', 1, '2024-04-01'), ('s2', 'sk1', 3, 'manager', 1, '2024-04-01'), ('b3', 'sk3', 1, 'manager', 1, '2026-04-01'),
  ('b2', 'sk3', 2, 'manager', 1, '2026-04-01'), ('a2', 'sk3', 1, 'manager', 1, '2026-04-01'),
  ('a3', 'sk2', 4, 'inferred', 0.9, '2025-09-30');
INSERT INTO key_positions VALUES
  ('KP1', 'A課長', 'D1/A', 'a1', 'high', '2027/3', '2027-03-01', 1, 'k.csv', 'Head of section A'), ('KP2', 'B課長', 'D1/B', 'b1', 'high', NULL, NULL, 2, 'k.csv', NULL),
  ('KP3', '本部長', 'D1', NULL, 'high', '令和9年4月', '2027-04-01', 3, 'k.csv', NULL), ('KP4', 'S室長', 'S', 's1', 'low', '2030-01', '2030-01-01', 4, 'k.csv', NULL);
INSERT INTO key_position_skills VALUES ('KP1', 'sk1', 3), ('KP2', 'sk3', 3), ('KP3', 'sk1', 2), ('KP3', 'sk3', 2), ('KP4', 'sk1', 3);
INSERT INTO succession_candidates VALUES
  ('KP1', 'a2', 1, 80.2, 'ready_now', 0.75, 1, 1, 0.7667, 0, 1, 2, NULL, 'department', 1), ('KP1', 'b2', 2, 76.8, '1_2_years', 1, 0.5, 0.6667, 0.7667, 1, 1, 2, NULL, 'function', 0.6667),
  ('KP2', 'b2', 1, 66.8, '1_2_years', 1, 0.5, 0.6667, 0.7667, 0, 1, 2, NULL, 'department', 0.6667), ('KP2', 'b3', 2, 16.2, '3_plus_years', 0, 0, 0.3333, 0.5333, 0.25, 2, 1, NULL, 'department', 0.3333),
  ('KP3', 'a2', 1, 72.8, '1_2_years', 0.75, 1, 0.75, 0.65, 0, NULL, 2, NULL, 'department', 0.75),
  ('KP4', 's2', 1, 30.3, '3_plus_years', 0, 0, 1, 0.5333, 0, 2, 1, NULL, 'department', 1);
INSERT INTO talent_pools VALUES
  ('a2', 0.9, 1.0, 3, 3, 9, 'スター'), ('b2', 0.8, 0.8, 3, 3, 9, 'スター'), ('a4', 0.8, 0.9, 3, 3, 9, 'スター'), ('b3', 0.5, 0.5, 2, 2, 5, '中核人材');
INSERT INTO interviews VALUES
  ('i-a1', 'a1', 'h1', '2026-04-01', 'career', 'x', 1, NULL, 'i.csv'),
  ('i-a2-1', 'a2', 'a1', '2026-03-31', 'career', 'x', 2, NULL, 'i.csv'),
  ('i-a2-2', 'a2', 'a1', '2026-09-01', '1on1', 'x', 3, NULL, 'i.csv'),
  ('i-a3', 'a3', 'a1', '2025-09-30', 'career', 'x', 4, NULL, 'i.csv'),
  ('i-a4', 'a4', 'a1', '2025-10-01', 'career', 'x', 5, NULL, 'i.csv'),
  ('i-b1-1', 'b1', 'h1', '2026-01-10', 'review', 'x', 6, NULL, 'i.csv'),
  ('i-b1-2', 'b1', 'h1', '2026-06-01', 'career', 'x', 7, NULL, 'i.csv'),
  ('i-b2', 'b2', 'b1', '2026-10-01', 'career', 'x', 8, NULL, 'i.csv'),
  ('i-b9', 'b9', 'b1', '2026-08-01', 'career', 'x', 9, NULL, 'i.csv'),
  ('i-s1', 's1', NULL, '2026-05-01', '1on1', 'x', 10, NULL, 'i.csv');
INSERT INTO interview_insights (interview_id, employee_id, held_on, summary, aspirations, concerns, action_items, retention_signal, model, prompt_version) VALUES
  ('i-a1', 'a1', '2026-04-01', 's', '[]', '[]', '[]', 'low', 'm', 'v'),
  ('i-a2-1', 'a2', '2026-03-31', 's', '[]', ${json([{ category: 'career', text: '非公開' }])}, '[]', 'high', 'm', 'v'),
  ('i-a2-2', 'a2', '2026-09-01', 's', '[]', '[]', ${json([{ text: '研修を申し込む', owner: 'hr', due: '2026-09-15' }])}, 'low', 'm', 'v'),
  ('i-a3', 'a3', '2025-09-30', 's', '[]', ${json([{ category: 'workload', text: '非公開' }])},
    ${json([{ text: 'a', owner: 'employee', due: '2025-12-01' }, { text: 'b', owner: 'manager', due: null }, { text: 'c', owner: 'manager', due: '2026-12-01' }])}, 'high', 'm', 'v'),
  ('i-a4', 'a4', '2025-10-01', 's', '[]', ${json([{ category: 'workload', text: '非公開' }, { category: 'family', text: '非公開' }])}, '[]', 'medium', 'm', 'v'),
  ('i-b1-1', 'b1', '2026-01-10', 's', '[]', '[]', ${json([{ text: 'd', owner: 'manager', due: '2026-02-01' }])}, 'low', 'm', 'v'),
  ('i-b1-2', 'b1', '2026-06-01', 's', '[]', ${json([{ category: 'workload', text: '非公開' }])}, '[]', 'high', 'm', 'v'),
  ('i-b2', 'b2', '2026-10-01', 's', '[]', ${json([{ category: 'workload', text: '非公開' }])}, '[]', 'medium', 'm', 'v'),
  ('i-b9', 'b9', '2026-08-01', 's', '[]', '[]', ${json([{ text: 'e', owner: 'manager', due: '2026-08-15' }])}, 'high', 'm', 'v'),
  ('i-s1', 's1', '2026-05-01', 's', '[]', '[]', ${json([{ text: 'f', owner: 'boss', due: '2026-06-01' }])}, 'low', 'm', 'v');
INSERT INTO aspirations VALUES
  ('a3', 'skill', 'sk2', 'x', 'i-a3', '2025-09-30', 'p'),
  ('a4', 'skill', 'sk1', 'x', 'i-a4', '2025-10-01', 'p'),
  ('b3', 'skill', 'sk3', 'x', 'i-b1-2', '2026-06-01', 'p'),
  ('b2', 'position', 'KP1', 'x', 'i-b2', '2026-10-01', 'p'),
  ('b3', 'position', 'KP1', 'x', 'i-b1-2', '2026-06-01', 'p'),
  ('a1', 'position', 'KP1', 'x', 'i-a1', '2026-04-01', 'p');
INSERT INTO evaluations VALUES
  ('a2', '2026上期', 'A', 0.75, '高', 1, NULL, 'a1', 1, 'v.csv'), ('b2', '2026上期', 'S', 1, '中', 0.5, NULL, 'b1', 2, 'v.csv');
`;

export interface Fixture {
  db: Db;
  ctx: StageContext;
}

/** The company above, scored and ready for the builders (publish temp tables made). */
export async function createFixture(config: Config = fixtureConfig()): Promise<Fixture> {
  const db = await openDb(':memory:');
  await db.run(createTablesSql());
  await db.run(warekiMacroSql());
  await db.run(SQL);
  const ctx: StageContext = { db, log: memoryLogger(), config, runId: 'test-run', asOf: AS_OF };
  await computePersonScores(ctx);
  await createScoringTables(ctx);
  await storeSlateFacts(ctx);
  await createPublishTables(ctx);
  return { db, ctx };
}
