import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { offlineSkillTags } from '../../../../batch/ai/offline/skill-tags.ts';
import { parseTaxonomyCsv } from '../../../../batch/ingest/load-taxonomy.ts';
import { createTaxonomyMatcher } from '../../../../batch/tagging/taxonomy-matcher.ts';
import { SkillTagsOutput } from '../../../../schemas/ai-tasks.ts';

const TAXONOMY_FILE = new URL('../../../../data/taxonomy/skills.csv', import.meta.url);
const matcher = createTaxonomyMatcher(parseTaxonomyCsv(readFileSync(TAXONOMY_FILE, 'utf8'), 'data/taxonomy/skills.csv'));
const tags = (text: string) => SkillTagsOutput.parse(offlineSkillTags(matcher, { text }));

describe('offlineSkillTags: the taxonomy matcher in the skill_tags output shape', () => {
  it('reports a skill shown in a sample note as has, with the sentence as evidence and the matcher’s level', () => {
    const out = tags('キャリア面談（45分）。現在は突発故障の対応を担当。設備保全については一人で判断できるようになった。');
    const found = out.skills.find((s) => s.skill_id === 'equipment_maintenance');
    expect(found).toEqual({
      skill_id: 'equipment_maintenance',
      kind: 'has',
      level_hint: 3,
      evidence: '設備保全については一人で判断できるようになった。',
      confidence: expect.any(Number),
    });
  });

  it('reports a wished-for skill as wants with no level', () => {
    const out = tags('SQLを覚えて、データを自分で抽出できるようになりたい。');
    expect(out.skills.find((s) => s.skill_id === 'sql')).toMatchObject({ kind: 'wants', level_hint: null });
  });

  it('drops a negated skill, as the matcher does', () => {
    expect(tags('Excelは使ったことがないので、集計業務を任されると不安。').skills.map((s) => s.skill_id)).not.toContain('excel');
  });

  it('gives an empty list for an empty text', () => {
    expect(tags('')).toEqual({ skills: [] });
  });
});
