import { describe, expect, it } from 'vitest';
import type { Taxonomy } from '../../../schemas/taxonomy.ts';
import { offlineAnswerer } from '../../../batch/ai/offline-provider.ts';

const taxonomy: Taxonomy = [
  { skill_id: 'production_management', name_ja: '生産管理', name_en: 'Production management', category: '生産管理', synonyms: [] },
  { skill_id: 'assembly', name_ja: '組立', name_en: 'Assembly', category: '製造技術', synonyms: [] },
];

describe('offline skill tags beside key-position titles', () => {
  const tags = (text: string, titles: string[]) =>
    (offlineAnswerer(taxonomy, titles)('skill_tags', { text }) as { skills: Array<{ skill_id: string; kind: string }> }).skills.map((s) => `${s.skill_id}:${s.kind}`);

  it('reads a skill inside a title named as a wish as the title, not as the skill', () => {
    expect(tags('将来は生産管理部長を目指したいです。', ['生産管理部長'])).toEqual([]);
    expect(tags('組立課長になりたい。', ['組立課長', '生産管理部長'])).toEqual([]);
    // Without the title among the key positions, 生産管理 names the department of the title: a role, not a skill.
    expect(tags('将来は生産管理部長を目指したいです。', [])).toEqual([]);
  });

  it('still reads the skill where it stands on its own beside the title', () => {
    expect(tags('生産管理を学んで、生産管理部長になりたい。', ['生産管理部長'])).toEqual(['production_management:wants']);
    expect(tags('組立の経験は10年ある。', ['組立課長'])).toEqual(['assembly:has']);
  });
});
