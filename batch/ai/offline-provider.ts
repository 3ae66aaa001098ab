import type { TaskInput, TaskName } from '../../schemas/ai-tasks.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { createTaxonomyMatcher, TAXONOMY_MATCHER_VERSION, type TaxonomyMatcher } from '../tagging/taxonomy-matcher.ts';
import { offlineCommentQuality } from './offline/comment-quality.ts';
import { offlineDevelopmentPlan } from './offline/development-plan.ts';
import { offlineInterviewInsight } from './offline/interview-insight.ts';
import { offlineSkillTags } from './offline/skill-tags.ts';
import type { AiAnswer, AiProvider } from './provider.ts';

/**
 * Answers any task by name with the deterministic local rules. Also what our fake OpenAI server answers
 * with in tests and the benchmark, so both paths produce the same, checkable results.
 */
export function offlineAnswerer(taxonomy: Taxonomy, positionTitles: string[] = []): (task: string, input: unknown) => unknown {
  const matcher = skillMatcherBesideTitles(taxonomy, positionTitles);
  return (task, input) => {
    switch (task as TaskName) {
      case 'skill_tags':
        return offlineSkillTags(matcher, input as TaskInput<'skill_tags'>);
      case 'interview_insight':
        return offlineInterviewInsight(input as TaskInput<'interview_insight'>, { positionTitles });
      case 'comment_quality':
        return offlineCommentQuality(input as TaskInput<'comment_quality'>);
      case 'development_plan':
        return offlineDevelopmentPlan(input as TaskInput<'development_plan'>);
      default:
        throw new Error(`unknown task "${task}"`);
    }
  };
}

/** The default provider: no network, nothing cached or paid for; same input → same answer, byte for byte. */
export function createOfflineProvider(taxonomy: Taxonomy, positionTitles: string[] = []): AiProvider {
  const answer = offlineAnswerer(taxonomy, positionTitles);
  return {
    name: 'offline',
    model: TAXONOMY_MATCHER_VERSION,
    external: false,
    promptOverheadTokens: () => 0,
    call: async <T extends TaskName>(task: T, input: TaskInput<T>) => ({ output: answer(task, input), usage: { promptTokens: 0, completionTokens: 0 } }) as AiAnswer<T>,
  };
}

const TITLE = '\u0000title:';

/**
 * The taxonomy matcher with the key-position titles among its terms, whose matches are then dropped: the
 * matcher keeps the longer of overlapping terms, so a skill inside a title (生産管理 in 「生産管理部長を目指したい」)
 * is read as the title, a wish for the position (position-goals.ts), not a wish for the skill.
 */
function skillMatcherBesideTitles(taxonomy: Taxonomy, titles: string[]): TaxonomyMatcher {
  if (titles.length === 0) return createTaxonomyMatcher(taxonomy);
  const matcher = createTaxonomyMatcher([...taxonomy, ...titles.map((t, i) => ({ skill_id: `${TITLE}${i}`, name_ja: t, name_en: t, category: 'position', synonyms: [] }))]);
  return (text) => matcher(text).filter((m) => !m.skill_id.startsWith(TITLE));
}
