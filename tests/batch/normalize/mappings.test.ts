import { describe, expect, it } from 'vitest';
import { SkillMatrixSource } from '../../../schemas/config.ts';
import type { Taxonomy } from '../../../schemas/taxonomy.ts';
import { parseRequiredSkills } from '../../../batch/normalize/key-positions.ts';
import { companySkillId, createSkillVocabulary, withAliases } from '../../../batch/normalize/skill-vocabulary.ts';
import { mapMatrixHeaders } from '../../../batch/normalize/skill-matrix.ts';

const taxonomy: Taxonomy = [
  { skill_id: 'plc', name_ja: 'PLC制御', name_en: 'PLC programming', category: '製造技術', synonyms: ['PLC', 'シーケンス制御', 'ラダー'] },
  { skill_id: 'project_management', name_ja: 'プロジェクトマネジメント', name_en: 'Project management', category: 'マネジメント', synonyms: ['PM', 'プロマネ'] },
  { skill_id: 'quality_control', name_ja: '品質管理', name_en: 'Quality control', category: '品質', synonyms: ['QC'] },
];
const format = { item_separator: ';', level_separator: ':' };

describe('skill vocabulary', () => {
  it('finds a skill by id, name, English name or synonym, across width and katakana variants', () => {
    const { lookup } = createSkillVocabulary(taxonomy);
    expect(['plc', 'PLC制御', 'ＰＬＣ制御', 'plc programming', 'ラダー', 'プロジェクトマネージメント', 'ﾌﾟﾛﾏﾈ'].map((l) => lookup(l))).toEqual([
      'plc', 'plc', 'plc', 'plc', 'plc', 'project_management', 'project_management',
    ]);
    expect(lookup('溶接')).toBeNull();
  });
  it("lets a matrix's skill_columns name a header the taxonomy does not know", () => {
    expect(createSkillVocabulary(taxonomy).lookup('シーケンサ ', { 'シーケンサ': 'plc' })).toBe('plc');
  });
  it('reads skill_aliases folded like every other name, and an alias wins over a synonym of another skill', () => {
    const v = createSkillVocabulary(taxonomy, { 'ピープル・マネジメント': 'project_management', QC: 'plc' });
    expect(['ピープルマネージメント', 'ﾋﾟｰﾌﾟﾙﾏﾈｼﾞﾒﾝﾄ', 'ｑｃ', '品質管理'].map((l) => v.lookup(l))).toEqual(['project_management', 'project_management', 'plc', 'quality_control']);
    // The tagger reads the same vocabulary: the alias is a synonym of its target and of no other skill.
    expect(v.taxonomy.find((s) => s.skill_id === 'project_management')!.synonyms).toEqual(['PM', 'プロマネ', 'ピープル・マネジメント']);
    expect(v.taxonomy.find((s) => s.skill_id === 'quality_control')!.synonyms).toEqual([]);
    expect(v.taxonomy.find((s) => s.skill_id === 'plc')!.synonyms).toEqual(['PLC', 'シーケンス制御', 'ラダー', 'QC']);
    expect(withAliases(taxonomy, {})).toEqual(taxonomy);
  });
  it('suggests the closest taxonomy skills for a name that matches nothing, best first', () => {
    const v = createSkillVocabulary(taxonomy);
    expect(v.closest('プロジェクト管理').map((s) => s.skill_id)).toEqual(['project_management']);
    expect(v.closest('品質管理手法').map((s) => s.skill_id)).toEqual(['quality_control']);
    expect(v.closest('中国語')).toEqual([]);
  });
  it('gives a company skill a stable id of its folded name: ASCII kept, a hash for the rest', () => {
    expect(companySkillId('Kubernetes')).toMatch(/^co_kubernetes_[0-9a-f]{8}$/);
    expect(companySkillId('ＫＵＢＥＲＮＥＴＥＳ')).toBe(companySkillId('kubernetes'));
    expect(companySkillId('ﾋﾟｰﾌﾟﾙﾏﾈｼﾞﾒﾝﾄ')).toBe(companySkillId('ピープルマネジメント'));
    expect(companySkillId('ピープルマネジメント')).toMatch(/^co_[0-9a-f]{8}$/);
    expect(companySkillId('財務分析')).not.toBe(companySkillId('財務会計'));
    expect(companySkillId('C++ / C#')).toMatch(/^co_c_c_[0-9a-f]{8}$/);
  });
});

describe('parseRequiredSkills', () => {
  const { lookup } = createSkillVocabulary(taxonomy);
  it('reads `スキル:レベル;…` with full-width digits and keeps the highest level of a repeated skill', () => {
    expect(parseRequiredSkills('PLC制御:3; 品質管理:２;PLC:4', format, (l) => lookup(l))).toEqual({
      skills: [{ skill_id: 'plc', level: 4 }, { skill_id: 'quality_control', level: 2 }],
      problems: [],
    });
  });
  it('reports each unreadable item and keeps the readable ones', () => {
    const r = parseRequiredSkills('溶接:3;品質管理:高;PM:2', format, (l) => lookup(l));
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
    expect(mapMatrixHeaders(['社員番号', '氏名', 'ＰＬＣ制御', 'QC', '備考'], source, createSkillVocabulary(taxonomy))).toEqual({
      mapped: [['ＰＬＣ制御', 'plc'], ['QC', 'quality_control']],
      unknown: ['備考'],
    });
  });
});
