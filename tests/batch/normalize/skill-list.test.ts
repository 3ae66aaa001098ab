import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Config, SkillListSource } from '../../../schemas/config.ts';
import type { Taxonomy } from '../../../schemas/taxonomy.ts';
import { openDb, type Db } from '../../../batch/db.ts';
import { loadSource } from '../../../batch/ingest/load-source.ts';
import { memoryLogger } from '../../../batch/log.ts';
import { createTablesSql } from '../../../batch/model/tables.ts';
import { normalizeSkillList } from '../../../batch/normalize/skill-list.ts';
import { warekiMacroSql } from '../../../batch/normalize/sql-expressions.ts';
import { openRejectSink } from '../../../batch/rejects.ts';

const taxonomy: Taxonomy = [
  { skill_id: 'leadership', name_ja: 'リーダーシップ', name_en: 'Leadership', category: 'マネジメント', synonyms: ['統率力'] },
  { skill_id: 'excel', name_ja: 'Excel', name_en: 'Microsoft Excel', category: 'IT', synonyms: ['エクセル'] },
];

let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:');
  await db.run(createTablesSql());
  await db.run(warekiMacroSql());
  await db.run(`INSERT INTO employees (employee_id, status, source_line) VALUES ('E1', 'active', 2), ('E2', 'active', 3)`);
});
afterAll(() => db.close());

describe('normalizeSkillList', () => {
  it('keeps every assessment with its date and assessor, and makes the newest of each person, skill and source current', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ta-list-'));
    const path = join(dir, 'l.csv');
    // Hand-written: E1 leadership assessed twice (令和7 newer), E1 Excel twice on one date (the later line wins),
    // E2 Excel once with its self-assessment, 統率力 a synonym of leadership.
    await writeFile(path, [
      '社員番号,スキル,レベル,評価者,評価日,区分',
      'E1,リーダーシップ,2,E9,令和6年4月1日,上長',
      'E1,統率力,4,E9,令和7年4月1日,上長',
      'E1,Excel,3,E9,2025/10/1,上長',
      'E1,エクセル,1,E9,2025/10/1,上長',
      'E2,ＥＸＣＥＬ,2,,2025/10/1,本人',
      '',
    ].join('\n'));
    const source = SkillListSource.parse({
      kind: 'skill_list', path: 'l.csv', encoding: 'utf-8',
      columns: { employee_id: '社員番号', skill: 'スキル', level: 'レベル', assessor_id: '評価者', assessed_on: '評価日', source: '区分' },
      values: { source: { 上長: 'manager', 本人: 'self' } },
    });
    const config = Config.parse({ company: { name: 'x' }, taxonomy: 't.csv', sources: [source] });
    const sink = await openRejectSink(db, 'r1');
    const raw = await loadSource(db, sink, { path, sourceFile: 'l.csv', source, table: 'raw_list', key: 'sources.1' });
    const n = await normalizeSkillList({ db, log: memoryLogger(), config, runId: 'r1', asOf: '2026-10-01' }, raw, source, taxonomy);
    expect(n).toBe(3);
    expect(await db.all(`SELECT employee_id, skill_id, level, source, assessor_id, CAST(assessed_on AS VARCHAR) AS assessed_on, current, origin FROM skill_assessments ORDER BY origin`)).toEqual([
      { employee_id: 'E1', skill_id: 'leadership', level: 2, source: 'manager', assessor_id: 'E9', assessed_on: '2024-04-01', current: false, origin: 'l.csv:2' },
      { employee_id: 'E1', skill_id: 'leadership', level: 4, source: 'manager', assessor_id: 'E9', assessed_on: '2025-04-01', current: true, origin: 'l.csv:3' },
      { employee_id: 'E1', skill_id: 'excel', level: 3, source: 'manager', assessor_id: 'E9', assessed_on: '2025-10-01', current: false, origin: 'l.csv:4' },
      { employee_id: 'E1', skill_id: 'excel', level: 1, source: 'manager', assessor_id: 'E9', assessed_on: '2025-10-01', current: true, origin: 'l.csv:5' },
      { employee_id: 'E2', skill_id: 'excel', level: 2, source: 'self', assessor_id: null, assessed_on: '2025-10-01', current: true, origin: 'l.csv:6' },
    ]);
    expect(await db.all(`SELECT employee_id, skill_id, level, source, origin FROM employee_skills ORDER BY ALL`)).toEqual([
      { employee_id: 'E1', skill_id: 'excel', level: 1, source: 'manager', origin: 'l.csv:5' },
      { employee_id: 'E1', skill_id: 'leadership', level: 4, source: 'manager', origin: 'l.csv:3' },
      { employee_id: 'E2', skill_id: 'excel', level: 2, source: 'self', origin: 'l.csv:6' },
    ]);
  });
});
