/**
 * Reads the skill taxonomy CSV. The generator names its skill columns and required skills from this file
 * rather than hard-coding strings, so the sample can never drift from the vocabulary the batch maps onto.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { Taxonomy, type TaxonomySkill } from '../../schemas/taxonomy.ts';

export type Skill = TaxonomySkill;

export function parseTaxonomy(csvText: string): Skill[] {
  const text = csvText.charCodeAt(0) === 0xfeff ? csvText.slice(1) : csvText;
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0]!;
    throw new Error(`taxonomy CSV: ${e.message} (row ${e.row})`);
  }
  const rows = parsed.data.map((r) => ({
    skill_id: (r.skill_id ?? '').trim(),
    name_ja: (r.name_ja ?? '').trim(),
    name_en: (r.name_en ?? '').trim(),
    category: (r.category ?? '').trim(),
    synonyms: (r.synonyms ?? '')
      .split('|')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  }));
  return Taxonomy.parse(rows);
}

export function loadTaxonomy(path: string): Skill[] {
  return parseTaxonomy(readFileSync(path, 'utf8'));
}

/** The key under which two spellings count as the same term: width (NFKC), case and spaces folded. */
export function termKey(term: string): string {
  return term.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

export function skillIndex(skills: readonly Skill[]): Map<string, Skill> {
  return new Map(skills.map((s) => [s.skill_id, s]));
}

/**
 * Terms (name_ja, name_en, synonyms) that normalize alike but belong to different skills. A collision would
 * make tagging ambiguous, so the generator refuses such a taxonomy and the tests check the committed one.
 */
export function synonymCollisions(skills: readonly Skill[]): { term: string; skills: [string, string] }[] {
  const owner = new Map<string, string>();
  const out: { term: string; skills: [string, string] }[] = [];
  for (const s of skills) {
    for (const term of [s.name_ja, s.name_en, ...s.synonyms]) {
      const key = termKey(term);
      const prev = owner.get(key);
      if (prev !== undefined && prev !== s.skill_id) out.push({ term, skills: [prev, s.skill_id] });
      else owner.set(key, s.skill_id);
    }
  }
  return out;
}
