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

const taxonomy: Taxonomy = [
  { skill_id: 'plc', name_ja: 'PLC制御', name_en: 'PLC programming', category: '製造技術', synonyms: ['シーケンス制御'] },
  { skill_id: 'welding', name_ja: '溶接', name_en: 'Welding', category: '製造技術', synonyms: [] },
];

let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:');
  await db.run(createTablesSql());
  await db.run(`INSERT INTO employees (employee_id, status, source_line) VALUES ('E1', 'active', 2), ('E2', 'active', 3)`);
});
afterAll(() => db.close());

async function normalize(csv: string, skillColumns: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'ta-matrix-'));
  const path = join(dir, 'm.csv');
  await writeFile(path, csv);
  const source = SkillMatrixSource.parse({ kind: 'skill_matrix', path: 'm.csv', encoding: 'utf-8', employee_id_column: '社員番号', ignore_columns: ['氏名'], skill_columns: skillColumns, source: 'manager', assessed_on: '2026-04-01' });
  const config = Config.parse({ company: { name: 'x' }, taxonomy: 't.csv', sources: [source] });
  const sink = await openRejectSink(db, 'r1');
  await db.run('DELETE FROM employee_skills; DELETE FROM rejects');
  const raw = await loadSource(db, sink, { path, sourceFile: 'm.csv', source, table: `raw_${Math.random().toString(36).slice(2)}`, key: 'sources.1' });
  const result = await normalizeSkillMatrix({ db, log: memoryLogger(), config, runId: 'r1', asOf: '2026-10-01' }, raw, source, taxonomy, sink);
  const skills = await db.all(`SELECT employee_id, skill_id, level, origin FROM employee_skills ORDER BY ALL`);
  const rejects = await db.all(`SELECT line, "column", value, reason, action FROM rejects ORDER BY ALL`);
  return { result, skills, rejects };
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
});
