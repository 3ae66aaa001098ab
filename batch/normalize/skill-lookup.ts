import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { normalizeForMatch } from '../tagging/normalize-text.ts';

/**
 * Resolves a whole label (a matrix header, a required-skill name) to a skill id: by id, Japanese or English
 * name or synonym, after the same width/case/katakana folding the text matcher uses.
 */
export function createSkillLookup(taxonomy: Taxonomy, explicit: Record<string, string> = {}): (label: string) => string | null {
  const index = new Map<string, string>();
  for (const s of taxonomy) {
    for (const name of [s.skill_id, s.name_ja, s.name_en, ...s.synonyms]) {
      const key = normalizeForMatch(name);
      if (!index.has(key)) index.set(key, s.skill_id);
    }
  }
  const ids = new Set(taxonomy.map((s) => s.skill_id));
  const given = new Map(Object.entries(explicit).map(([k, v]) => [k.trim(), v]));
  return (label) => {
    const direct = given.get(label.trim());
    if (direct !== undefined) return ids.has(direct) ? direct : null;
    return index.get(normalizeForMatch(label)) ?? null;
  };
}
