import { describe, expect, it } from 'vitest';
import { SkillMatrixSource } from '../../../schemas/config.ts';
import type { Taxonomy } from '../../../schemas/taxonomy.ts';
import { parseRequiredSkills } from '../../../batch/normalize/key-positions.ts';
import { createSkillLookup } from '../../../batch/normalize/skill-lookup.ts';
import { mapMatrixHeaders } from '../../../batch/normalize/skill-matrix.ts';

const taxonomy: Taxonomy = [
  { skill_id: 'plc', name_ja: 'PLC制御', name_en: 'PLC programming', category: '製造技術', synonyms: ['PLC', 'シーケンス制御', 'ラダー'] },
  { skill_id: 'project_management', name_ja: 'プロジェクトマネジメント', name_en: 'Project management', category: 'マネジメント', synonyms: ['PM', 'プロマネ'] },
  { skill_id: 'quality_control', name_ja: '品質管理', name_en: 'Quality control', category: '品質', synonyms: ['QC'] },
];
const format = { item_separator: ';', level_separator: ':' };

describe('skill lookup', () => {
  it('finds a skill by id, name, English name or synonym, across width and katakana variants', () => {
    const lookup = createSkillLookup(taxonomy);
    expect(['plc', 'PLC制御', 'ＰＬＣ制御', 'plc programming', 'ラダー', 'プロジェクトマネージメント', 'ﾌﾟﾛﾏﾈ'].map(lookup)).toEqual([
      'plc', 'plc', 'plc', 'plc', 'plc', 'project_management', 'project_management',
    ]);
    expect(lookup('溶接')).toBeNull();
  });
  it('lets the config name a header the taxonomy does not know', () => {
    expect(createSkillLookup(taxonomy, { 'シーケンサ': 'plc' })('シーケンサ')).toBe('plc');
  });
});

describe('parseRequiredSkills', () => {
  const lookup = createSkillLookup(taxonomy);
  it('reads `スキル:レベル;…` with full-width digits and keeps the highest level of a repeated skill', () => {
    expect(parseRequiredSkills('PLC制御:3; 品質管理:２;PLC:4', format, lookup)).toEqual({
      skills: [{ skill_id: 'plc', level: 4 }, { skill_id: 'quality_control', level: 2 }],
      problems: [],
    });
  });
  it('reports each unreadable item and keeps the readable ones', () => {
    const r = parseRequiredSkills('溶接:3;品質管理:高;PM:2', format, lookup);
    expect(r.skills).toEqual([{ skill_id: 'project_management', level: 2 }]);
    expect(r.problems).toEqual([
      { item: '溶接:3', reason: '"溶接" is not a skill of the taxonomy' },
      { item: '品質管理:高', reason: 'required level "高" is not a whole number ≥ 1 (write skill:level)' },
    ]);
  });
});

describe('mapMatrixHeaders', () => {
  it('maps skill headers, skips the id and ignored columns, and reports the rest', () => {
    const source = SkillMatrixSource.parse({ kind: 'skill_matrix', path: 'm.csv', employee_id_column: '社員番号', ignore_columns: ['氏名'] });
    expect(mapMatrixHeaders(['社員番号', '氏名', 'ＰＬＣ制御', 'QC', '備考'], source, taxonomy)).toEqual({
      mapped: [['ＰＬＣ制御', 'plc'], ['QC', 'quality_control']],
      unknown: ['備考'],
    });
  });
});
