import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Config, SkillMatrixSource } from '../../../schemas/config.ts';
import type { Taxonomy } from '../../../schemas/taxonomy.ts';
import { openDb, type Db } from '../../../batch/db.ts';
import { loadSource } from '../../../batch/ingest/load-source.ts';
import { memoryLogger } from '../../../batch/log.ts';
import { createTablesSql } from '../../../batch/model/tables.ts';
import { normalizeSkillMatrix } from '../../../batch/normalize/skill-matrix.ts';
import { openRejectSink } from '../../../batch/rejects.ts';
import { companySkillId, createSkillVocabulary } from '../../../batch/normalize/skill-vocabulary.ts';

const taxonomy: Taxonomy = [
  { skill_id: 'plc', name_ja: 'PLC制御', name_en: 'PLC programming', category: '製造技術', synonyms: ['シーケンス制御'] },
  { skill_id: 'welding', name_ja: '溶接', name_en: 'Welding', category: '製造技術', synonyms: [] },
];

let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:');
  await db.run(createTablesSql());
  await db.run(`INSERT INTO employees (employee_id, status, source_line, source_file) VALUES ('E1', 'active', 2, 'e.csv'), ('E2', 'active', 3, 'e.csv')`);
});
afterAll(() => db.close());

async function normalize(csv: string, skillColumns: Record<string, string> = {}, unknownSkills: 'add' | 'reject' = 'add') {
  const dir = await mkdtemp(join(tmpdir(), 'ta-matrix-'));
  const path = join(dir, 'm.csv');
  await writeFile(path, csv);
  const source = SkillMatrixSource.parse({ kind: 'skill_matrix', path: 'm.csv', encoding: 'utf-8', employee_id_column: '社員番号', ignore_columns: ['氏名'], skill_columns: skillColumns, source: 'manager', assessed_on: '2026-04-01' });
  const config = Config.parse({ company: { name: 'x' }, taxonomy: 't.csv', sources: [source] });
  const sink = await openRejectSink(db, 'r1');
  await db.run('DELETE FROM employee_skills; DELETE FROM rejects; DELETE FROM unmatched_skill_names');
  const raw = await loadSource(db, sink, { path, sourceFile: 'm.csv', source, table: `raw_${Math.random().toString(36).slice(2)}`, key: 'sources.1' });
  const result = await normalizeSkillMatrix({ db, log: memoryLogger(), config, runId: 'r1', asOf: '2026-10-01' }, raw, source, createSkillVocabulary(taxonomy, {}, unknownSkills), sink);
  const skills = await db.all(`SELECT employee_id, skill_id, level, origin FROM employee_skills ORDER BY ALL`);
  const rejects = await db.all(`SELECT line, "column", value, reason, action FROM rejects ORDER BY ALL`);
  const unmatched = await db.all(`SELECT name, "column", first_line, occurrences, skill_id, outcome FROM unmatched_skill_names ORDER BY ALL`);
  return { result, skills, rejects, unmatched };
}

describe('normalizeSkillMatrix', () => {
  it('unpivots ◎○△ into levels, one row per person and skill, and rejects what it cannot read with its line', async () => {
    const { result, skills, rejects } = await normalize('社員番号,氏名,PLC制御,溶接\nE1,山田,◎,△\nE9,誰か,○,○\nE2,佐藤,□,\nE1,山田,×,×\n');
    expect(result).toEqual({ rows: 2, skills: 2 });
    expect(skills).toEqual([
      { employee_id: 'E1', skill_id: 'plc', level: 4, origin: 'm.csv:2' },
      { employee_id: 'E1', skill_id: 'welding', level: 2, origin: 'm.csv:2' },
    ]);
    expect(rejects).toEqual([
      { line: 3, column: '社員番号', value: 'E9', reason: 'employee is not in the employee list', action: 'row_rejected' },
      { line: 4, column: 'PLC制御', value: '□', reason: 'not a level: the scale is ◎=4 ○=3 〇=3 △=2 ×=0 and the whole numbers 0–4 (- and blank: not assessed)', action: 'value_cleared' },
      { line: 5, column: '社員番号', value: 'E1', reason: 'second row for this employee (first at line 2)', action: 'row_rejected' },
    ]);
  });

  it('keeps the higher level when two headers name the same skill', async () => {
    const { skills } = await normalize('社員番号,PLC制御,シーケンサ\nE1,△,◎\nE2,○,\n', { シーケンサ: 'plc' });
    expect(skills).toEqual([
      { employee_id: 'E1', skill_id: 'plc', level: 4, origin: 'm.csv:2' },
      { employee_id: 'E2', skill_id: 'plc', level: 3, origin: 'm.csv:3' },
    ]);
  });

  it('reads an unknown header whose cells are levels as a company skill, and reports a header whose cells are not', async () => {
    // Hand-written: 財務分析 is not in the taxonomy and holds levels (one typo); 備考 holds remarks; 空欄 nothing.
    const { result, skills, rejects, unmatched } = await normalize('社員番号,PLC制御,財務分析,備考,空欄\nE1,◎,○,異動希望あり,\nE2,,△,,\n');
    const co = companySkillId('財務分析');
    expect(result).toEqual({ rows: 3, skills: 2 });
    expect(skills).toEqual([
      { employee_id: 'E1', skill_id: co, level: 3, origin: 'm.csv:2' },
      { employee_id: 'E1', skill_id: 'plc', level: 4, origin: 'm.csv:2' },
      { employee_id: 'E2', skill_id: co, level: 2, origin: 'm.csv:3' },
    ]);
    expect(unmatched).toEqual([{ name: '財務分析', column: '財務分析', first_line: 1, occurrences: 2, skill_id: co, outcome: 'added' }]);
    expect(rejects).toEqual([
      { line: 1, column: '備考', value: '備考', reason: 'column is not a skill of the taxonomy and only 0 of its 1 filled cells are levels: not read as a skill, its cells were not loaded (map it in skill_aliases if it is one, or list it in ignore_columns)', action: 'value_cleared' },
      { line: 1, column: '空欄', value: '空欄', reason: 'column is not a skill of the taxonomy and has no values: not loaded (map it in skill_aliases, or list it in ignore_columns)', action: 'value_cleared' },
    ]);
  });

  it('with unknown_skills: reject, reports an unknown header once with the closest skills and loads the rest', async () => {
    const { skills, rejects, unmatched } = await normalize('社員番号,PLC制御,PLC設計\nE1,◎,○\n', {}, 'reject');
    expect(skills).toEqual([{ employee_id: 'E1', skill_id: 'plc', level: 4, origin: 'm.csv:2' }]);
    expect(rejects).toEqual([
      { line: 1, column: 'PLC設計', value: 'PLC設計', reason: 'skill "PLC設計" is neither in the taxonomy nor in skill_aliases (unknown_skills: reject); closest: PLC制御 (plc): the column\'s cells were not loaded (map it in skill_aliases, or list it in ignore_columns)', action: 'value_cleared' },
    ]);
    expect(unmatched).toEqual([{ name: 'PLC設計', column: 'PLC設計', first_line: 1, occurrences: 1, skill_id: companySkillId('PLC設計'), outcome: 'rejected' }]);
  });

  it('stops with a pointer to skill_list when a long skill list is mapped as a matrix', async () => {
    await expect(normalize('社員番号,スキル名,レベル\nE1,PLC制御,3\n')).rejects.toThrow(/It looks like a long skill list .* map it as kind: skill_list/);
  });
});
