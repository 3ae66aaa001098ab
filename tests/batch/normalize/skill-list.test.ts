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
import { companySkillId, createSkillVocabulary } from '../../../batch/normalize/skill-vocabulary.ts';
import { registerCompanySkills } from '../../../batch/normalize/unmatched-skills.ts';

const taxonomy: Taxonomy = [
  { skill_id: 'leadership', name_ja: 'リーダーシップ', name_en: 'Leadership', category: 'マネジメント', synonyms: ['統率力'] },
  { skill_id: 'excel', name_ja: 'Excel', name_en: 'Microsoft Excel', category: 'IT', synonyms: ['エクセル'] },
];

let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:');
  await db.run(createTablesSql());
  await db.run(warekiMacroSql());
  await db.run(`INSERT INTO employees (employee_id, status, source_line, source_file) VALUES ('E1', 'active', 2, 'e.csv'), ('E2', 'active', 3, 'e.csv')`);
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
    const n = await normalizeSkillList({ db, log: memoryLogger(), config, runId: 'r1', asOf: '2026-10-01' }, raw, source, createSkillVocabulary(taxonomy));
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

  async function loadList(csv: string, unknownSkills: 'add' | 'reject') {
    await db.run('DELETE FROM skill_assessments; DELETE FROM employee_skills; DELETE FROM rejects; DELETE FROM unmatched_skill_names; DELETE FROM skills');
    const dir = await mkdtemp(join(tmpdir(), 'ta-list-'));
    const path = join(dir, 'l.csv');
    await writeFile(path, csv);
    const source = SkillListSource.parse({
      kind: 'skill_list', path: 'l.csv', encoding: 'utf-8', level_max: 5,
      columns: { employee_id: '社員番号', skill: 'スキル名', level: 'レベル', category: 'カテゴリ' },
    });
    const config = Config.parse({ company: { name: 'x' }, taxonomy: 't.csv', sources: [source] });
    const sink = await openRejectSink(db, 'r1');
    const raw = await loadSource(db, sink, { path, sourceFile: 'l.csv', source, table: `raw_${unknownSkills}`, key: 'sources.1' });
    const vocabulary = createSkillVocabulary(taxonomy, { 統率スキル: 'leadership' }, unknownSkills);
    await normalizeSkillList({ db, log: memoryLogger(), config, runId: 'r1', asOf: '2026-10-01' }, raw, source, vocabulary);
    sink.close();
    return {
      skills: await db.all(`SELECT employee_id, skill_id, level FROM employee_skills ORDER BY ALL`),
      rejects: await db.all(`SELECT line, "column", reason, action FROM rejects ORDER BY ALL`),
      unmatched: await db.all(`SELECT name, first_line, occurrences, category, skill_id, outcome FROM unmatched_skill_names ORDER BY ALL`),
    };
  }
  // Hand-written: 財務分析 (not in the taxonomy) twice under the export's category 管理, 統率スキル an alias.
  const csv = ['社員番号,カテゴリ,スキル名,レベル', 'E1,管理,財務分析,4', 'E1,マネジメント,統率スキル,3', 'E2,管理,財務分析,2', 'E2,IT,Excel,5', ''].join('\n');

  it('makes a name the vocabulary does not know a company skill, in the category the export gives', async () => {
    const { skills, rejects, unmatched } = await loadList(csv, 'add');
    const co = companySkillId('財務分析');
    expect(skills).toEqual([
      { employee_id: 'E1', skill_id: co, level: 4 },
      { employee_id: 'E1', skill_id: 'leadership', level: 3 },
      { employee_id: 'E2', skill_id: co, level: 2 },
      { employee_id: 'E2', skill_id: 'excel', level: 5 },
    ]);
    expect(rejects).toEqual([]);
    expect(unmatched).toEqual([{ name: '財務分析', first_line: 2, occurrences: 2, category: '管理', skill_id: co, outcome: 'added' }]);
    expect(await registerCompanySkills(db)).toEqual([{ skill_id: co, name_ja: '財務分析', name_en: '財務分析', category: '管理', synonyms: [] }]);
    expect(await db.all(`SELECT skill_id, defined_by FROM skills`)).toEqual([{ skill_id: co, defined_by: 'company' }]);
  });

  it('with unknown_skills: reject, rejects the rows of such a name with the reason, and still lists it once', async () => {
    const { skills, rejects, unmatched } = await loadList(csv, 'reject');
    expect(skills).toEqual([{ employee_id: 'E1', skill_id: 'leadership', level: 3 }, { employee_id: 'E2', skill_id: 'excel', level: 5 }]);
    const reason = 'skill "財務分析" is neither in the taxonomy nor in skill_aliases (unknown_skills: reject)';
    expect(rejects).toEqual([
      { line: 2, column: 'スキル名', reason, action: 'row_rejected' },
      { line: 4, column: 'スキル名', reason, action: 'row_rejected' },
    ]);
    expect(unmatched).toEqual([{ name: '財務分析', first_line: 2, occurrences: 2, category: '管理', skill_id: companySkillId('財務分析'), outcome: 'rejected' }]);
  });
});
