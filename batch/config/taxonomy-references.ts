import type { Config } from '../../schemas/config.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { CliError, EXIT } from '../errors.ts';
import { normalizeForMatch } from '../tagging/normalize-text.ts';

/**
 * Skill ids the config names (strategic skills, skill_aliases, a matrix's skill_columns) must exist in the
 * taxonomy: a typo in `skill_map.strategic_skills` would otherwise publish a strategic skill nobody can ever
 * hold, and one in an alias would turn every row it names into a reject. Checked right after the taxonomy is read,
 * before any export is loaded.
 */
export function checkTaxonomyReferences(config: Config, taxonomy: Taxonomy, where: { configFile: string; taxonomyFile: string }): void {
  const known = new Set(taxonomy.map((s) => s.skill_id));
  const notAnId = (key: string, id: string) => `  ${key}: "${id}" is not a skill_id of the taxonomy ${where.taxonomyFile}`;
  const problems = config.skill_map.strategic_skills
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !known.has(s.skill_id))
    .map(({ s, i }) => notAnId(`skill_map.strategic_skills.${i}.skill_id`, s.skill_id));
  // An alias renames a name of the exports; one that is already another skill's id or name would take it away.
  const names = new Map<string, string>();
  for (const s of taxonomy) for (const n of [s.skill_id, s.name_ja, s.name_en]) if (!names.has(normalizeForMatch(n))) names.set(normalizeForMatch(n), s.skill_id);
  for (const [name, id] of Object.entries(config.skill_aliases)) {
    const owner = names.get(normalizeForMatch(name));
    if (!known.has(id)) problems.push(notAnId(`skill_aliases.${name}`, id));
    else if (owner !== undefined && owner !== id) problems.push(`  skill_aliases.${name}: "${name}" is already the id or name of the skill ${owner}; an alias can only give a skill a name the taxonomy does not use`);
  }
  config.sources.forEach((src, i) => {
    if (src.kind !== 'skill_matrix') return;
    for (const [header, id] of Object.entries(src.skill_columns)) if (!known.has(id)) problems.push(notAnId(`sources.${i}.skill_columns.${header}`, id));
  });
  if (problems.length === 0) return;
  throw new CliError(
    `${where.configFile}: the config names skills the taxonomy does not have:\n${problems.join('\n')}\nUse a skill_id from the first column of ${where.taxonomyFile}.`,
    EXIT.config,
  );
}
