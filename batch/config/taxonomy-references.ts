import type { Config } from '../../schemas/config.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { CliError, EXIT } from '../errors.ts';

/**
 * Skill ids the config names must exist in the taxonomy: a typo in `skill_map.strategic_skills` would
 * otherwise publish a strategic skill nobody can ever hold. Checked right after the taxonomy is read,
 * before any export is loaded.
 */
export function checkTaxonomyReferences(config: Config, taxonomy: Taxonomy, where: { configFile: string; taxonomyFile: string }): void {
  const known = new Set(taxonomy.map((s) => s.skill_id));
  const problems = config.skill_map.strategic_skills
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !known.has(s.skill_id))
    .map(({ s, i }) => `  skill_map.strategic_skills.${i}.skill_id: "${s.skill_id}" is not a skill_id of the taxonomy ${where.taxonomyFile}`);
  if (problems.length === 0) return;
  throw new CliError(
    `${where.configFile}: the config names skills the taxonomy does not have:\n${problems.join('\n')}\nUse a skill_id from the first column of ${where.taxonomyFile}.`,
    EXIT.config,
  );
}
