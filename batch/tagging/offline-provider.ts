import type { Taxonomy } from '../../schemas/taxonomy.ts';
import type { TaggingProvider } from './provider.ts';
import { createTaxonomyMatcher } from './taxonomy-matcher.ts';

export const OFFLINE_MODEL = 'taxonomy-matcher';
export const OFFLINE_PROMPT_VERSION = 'v1';

/**
 * The default provider: deterministic taxonomy matching, no network. Key-position titles are matched the
 * same way, so "生産技術課長を目指したい" becomes an aspiration for that position.
 */
export function createOfflineProvider(taxonomy: Taxonomy, positions: Array<{ position_id: string; title: string }>): TaggingProvider {
  const skills = createTaxonomyMatcher(taxonomy);
  const titles = createTaxonomyMatcher(
    positions.map((p) => ({ skill_id: p.position_id, name_ja: p.title, name_en: p.title, category: 'position', synonyms: [] })),
  );
  return {
    name: 'offline',
    model: OFFLINE_MODEL,
    promptVersion: OFFLINE_PROMPT_VERSION,
    async tag(item) {
      const found = skills(item.text).map((m) => ({ skill_id: m.skill_id, kind: m.kind, evidence: m.evidence, confidence: m.confidence, level_hint: m.level_hint }));
      const positionsWanted =
        item.source === 'interview'
          ? titles(item.text)
              .filter((m) => m.kind === 'wants')
              .map((m) => ({ position_id: m.skill_id, evidence: m.evidence }))
          : [];
      return { skills: found, positions: positionsWanted };
    },
  };
}
