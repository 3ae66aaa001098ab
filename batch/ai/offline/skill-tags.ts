import type { SkillTagsOutput } from '../../../schemas/ai-tasks.ts';
import type { TaxonomyMatcher } from '../../tagging/taxonomy-matcher.ts';

/**
 * Task 1 offline: the taxonomy matcher's findings in the task's output shape. All the rules (negation,
 * has/wants, level hints, confidence) live in batch/tagging/taxonomy-matcher.ts; this only maps fields, in the
 * matcher's order (position in the text, then skill_id). `matched` (the surface form) is not part of the task
 * output and is dropped. Pure.
 */
export function offlineSkillTags(matcher: TaxonomyMatcher, input: { text: string }): SkillTagsOutput {
  return {
    skills: matcher(input.text).map((m) => ({
      skill_id: m.skill_id,
      kind: m.kind,
      level_hint: m.level_hint,
      evidence: m.evidence,
      confidence: m.confidence,
    })),
  };
}
