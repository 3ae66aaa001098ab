import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { lit, type Db } from '../db.ts';
import { COMPANY_CATEGORY, companySkillId, type SkillVocabulary } from './skill-vocabulary.ts';

/** A skill name of one export column that matched nothing. */
export interface UnmatchedName {
  name: string;
  column: string;
  firstLine: number;
  occurrences: number;
  category: string | null;
}

/**
 * Records the names of one export that matched nothing (into unmatched_skill_names) and returns, per name,
 * the skill id its rows load under: the company skill's with `unknown_skills: add`, null with `reject`.
 */
export async function recordUnmatchedSkills(db: Db, sourceFile: string, vocabulary: SkillVocabulary, names: UnmatchedName[]): Promise<Map<string, string | null>> {
  const ids = new Map<string, string | null>();
  if (names.length === 0) return ids;
  const outcome = vocabulary.unknownSkills === 'add' ? 'added' : 'rejected';
  const rows = names.map((n) => {
    const id = companySkillId(n.name);
    ids.set(n.name, outcome === 'added' ? id : null);
    const closest = vocabulary.closest(n.name).map((s) => lit(s.skill_id));
    return `(${lit(n.name)}, ${lit(sourceFile)}, ${lit(n.column)}, ${n.firstLine}, ${n.occurrences}, ${n.category === null ? 'NULL' : lit(n.category)}, ${lit(id)}, ${lit(outcome)}, [${closest.join(', ')}]::VARCHAR[])`;
  });
  await db.run(`INSERT INTO unmatched_skill_names SELECT * FROM (VALUES ${rows.join(', ')}) ORDER BY 2, 3, 4, 1`);
  return ids;
}

/** What a reject of an unmatched name says: where it is not found, what is closest, how to map it. */
export function unmatchedReason(name: string, vocabulary: SkillVocabulary): string {
  const near = vocabulary.closest(name);
  return `skill "${name}" is neither in the taxonomy nor in skill_aliases (unknown_skills: reject)${near.length ? `; closest: ${near.map((s) => `${s.name_ja} (${s.skill_id})`).join(', ')}` : ''}`;
}

/**
 * The company skills of the run into `skills`, once every export is loaded: one per id, named as first
 * exported (file, then line), in the category its exports give most often (else 自社定義), its other
 * spellings as synonyms. Returns them, for the text tagger and the skill map.
 */
export async function registerCompanySkills(db: Db): Promise<Taxonomy> {
  await db.run(`INSERT INTO skills
    SELECT skill_id, name, name, category, spellings, 'company'
    FROM (SELECT skill_id, arg_min(name, (source_file, first_line)) AS name,
            COALESCE(arg_max(category, occurrences) FILTER (WHERE category IS NOT NULL), ${lit(COMPANY_CATEGORY)}) AS category,
            list_sort(list_distinct(list(name))) AS names
          FROM unmatched_skill_names WHERE outcome = 'added' GROUP BY skill_id),
      LATERAL (SELECT list_filter(names, n -> n <> name) AS spellings)
    ORDER BY skill_id`);
  const rows = await db.all<{ skill_id: string; name_ja: string; name_en: string; category: string; synonyms: string[] }>(
    `SELECT skill_id, name_ja, name_en, category, synonyms FROM skills WHERE defined_by = 'company' ORDER BY skill_id`,
  );
  return rows.map((r) => ({ ...r, synonyms: [...r.synonyms] }));
}

/** One unmatched name, as the summary reports it: where it appears, what it became, what is closest. */
export interface UnmatchedSkill {
  name: string;
  skill_id: string;
  outcome: 'added' | 'rejected';
  /** The company skill's category (null when rejected). */
  category: string | null;
  places: Array<{ source_file: string; column: string; first_line: number; occurrences: number }>;
  closest: Array<{ skill_id: string; name_ja: string }>;
}

export async function readUnmatchedSkills(db: Db): Promise<UnmatchedSkill[]> {
  const rows = await db.all<{ name: string; skill_id: string; outcome: 'added' | 'rejected'; category: string | null; places: string; closest: string }>(`
    SELECT u.name, u.skill_id, u.outcome, s.category,
      to_json(u.places)::VARCHAR AS places,
      to_json(COALESCE((SELECT list({ 'skill_id': c.skill_id, 'name_ja': c.name_ja } ORDER BY list_position(u.closest, c.skill_id)) FROM skills c WHERE list_contains(u.closest, c.skill_id)), []))::VARCHAR AS closest
    FROM (SELECT skill_id, any_value(outcome) AS outcome, arg_min(name, (source_file, first_line)) AS name, arg_min(closest, (source_file, first_line)) AS closest,
            list({ 'source_file': source_file, 'column': "column", 'first_line': first_line, 'occurrences': occurrences } ORDER BY source_file, first_line) AS places
          FROM unmatched_skill_names GROUP BY skill_id) u
    LEFT JOIN skills s ON s.skill_id = u.skill_id
    ORDER BY u.name, u.skill_id`);
  return rows.map((r) => ({ ...r, places: JSON.parse(r.places), closest: JSON.parse(r.closest) }));
}
