import { createTaxonomyMatcher, type TaxonomyMatcher } from './taxonomy-matcher.ts';

export interface PositionGoal {
  position_id: string;
  /** The sentence naming it. */
  evidence: string;
}

/** Key-position titles as terms of a matcher of their own: a note naming one as a wish is an aspiration to it. */
export function positionGoalMatcher(positions: ReadonlyArray<{ position_id: string; title: string }>): TaxonomyMatcher {
  return createTaxonomyMatcher(positions.map((p) => ({ skill_id: p.position_id, name_ja: p.title, name_en: p.title, category: 'position', synonyms: [] })));
}

/** The key positions a note names as goals, in the order the note names them. */
export function positionGoals(matcher: TaxonomyMatcher, text: string): PositionGoal[] {
  return matcher(text).flatMap((m) => (m.kind === 'wants' ? [{ position_id: m.skill_id, evidence: m.evidence }] : []));
}
