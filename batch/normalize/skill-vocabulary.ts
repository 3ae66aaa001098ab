import { createHash } from 'node:crypto';
import type { Taxonomy, TaxonomySkill } from '../../schemas/taxonomy.ts';
import { normalizeForMatch } from '../tagging/normalize-text.ts';

/**
 * The words the exports use for skills, and what each means: the taxonomy, the config's `skill_aliases`,
 * and what becomes of a name that matches neither (`unknown_skills`). Matrix headers, skill lists and
 * key-position requirements resolve names here; the text tagger reads `taxonomy`, which carries the aliases
 * as synonyms. Pure functions, no I/O.
 */
export interface SkillVocabulary {
  /** The taxonomy with each alias among its target's synonyms (and no longer among any other skill's). */
  taxonomy: Taxonomy;
  unknownSkills: 'add' | 'reject';
  /** The taxonomy id of a label (id, name, synonym or alias, folded as the tagger folds); null when none. */
  lookup(label: string, explicit?: Record<string, string>): string | null;
  /** The taxonomy skills closest to a label that matched nothing, best first (at most 3). */
  closest(label: string): TaxonomySkill[];
}

/** How alike (0–1, character bigrams) a name and a skill's term must be for the skill to be suggested. */
const MIN_SIMILARITY = 0.4;

/** The category of a company skill whose export gives none. */
export const COMPANY_CATEGORY = '自社定義';

export function createSkillVocabulary(taxonomy: Taxonomy, aliases: Record<string, string> = {}, unknownSkills: 'add' | 'reject' = 'add'): SkillVocabulary {
  const vocabulary = withAliases(taxonomy, aliases);
  const index = new Map<string, string>();
  for (const [name, id] of Object.entries(aliases)) index.set(normalizeForMatch(name), id);
  for (const s of vocabulary) {
    for (const name of [s.skill_id, s.name_ja, s.name_en, ...s.synonyms]) {
      const key = normalizeForMatch(name);
      if (!index.has(key)) index.set(key, s.skill_id);
    }
  }
  const ids = new Set(taxonomy.map((s) => s.skill_id));
  const terms = vocabulary.map((s) => ({ skill: s, keys: [s.name_ja, s.name_en, ...s.synonyms].map(normalizeForMatch) }));
  return {
    taxonomy: vocabulary,
    unknownSkills,
    lookup(label, explicit = {}) {
      const direct = Object.entries(explicit).find(([header]) => header.trim() === label.trim());
      if (direct) return ids.has(direct[1]) ? direct[1] : null;
      return index.get(normalizeForMatch(label)) ?? null;
    },
    closest(label) {
      const key = normalizeForMatch(label);
      const scored = terms
        .map((t) => ({ skill: t.skill, score: Math.max(...t.keys.map((k) => similarity(key, k))) }))
        .filter((t) => t.score >= MIN_SIMILARITY)
        .sort((a, b) => b.score - a.score || a.skill.skill_id.localeCompare(b.skill.skill_id));
      // Far behind the best, a suggestion is noise (コミュニケーション力 shares ション with 光学シミュレーション).
      return scored.filter((t) => t.score >= scored[0]!.score * 0.8).slice(0, 3).map((t) => t.skill);
    },
  };
}

/** The taxonomy with every alias a synonym of its target; a synonym an alias takes is removed from its old skill. */
export function withAliases(taxonomy: Taxonomy, aliases: Record<string, string>): Taxonomy {
  const keys = new Set(Object.keys(aliases).map(normalizeForMatch));
  return taxonomy.map((s) => {
    const own = Object.entries(aliases).filter(([, id]) => id === s.skill_id).map(([name]) => name.trim());
    const kept = s.synonyms.filter((x) => !keys.has(normalizeForMatch(x)));
    return own.length === 0 && kept.length === s.synonyms.length ? s : { ...s, synonyms: [...kept, ...own.filter((n) => !kept.includes(n))] };
  });
}

/**
 * The stable id of a company skill: `co_`, the name's ASCII letters and digits (when it has any), and 8 hex
 * digits of a SHA-256 of its folded form, so every spelling that folds alike (ＰＭＯ, pmo) is one skill and
 * the id stays the same from night to night.
 */
export function companySkillId(name: string): string {
  const key = normalizeForMatch(name);
  const slug = key.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 30).replace(/_+$/, '');
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return `co_${slug ? `${slug}_` : ''}${hash}`;
}

/** Sørensen–Dice on character bigrams, raised for a label that contains a term or is contained in one. */
function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const contained = a.length >= 2 && b.length >= 2 && (a.includes(b) || b.includes(a)) ? 0.5 + 0.4 * (Math.min(a.length, b.length) / Math.max(a.length, b.length)) : 0;
  const grams = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i + 1 < s.length; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let common = 0;
  for (const [g, n] of ga) common += Math.min(n, gb.get(g) ?? 0);
  const total = Math.max(a.length - 1, 0) + Math.max(b.length - 1, 0);
  return Math.max(total ? (2 * common) / total : 0, contained);
}
