/** The readiness rule in words, from its numbers in succession.json (scoring.succession.readiness). */
import type { Succession } from '../../schemas/artifacts.ts';
import type { PageContext } from './page.ts';

export function readinessRule(readiness: Succession['readiness'], { t, f }: PageContext): string[] {
  const { ready_now: now, one_to_two_years: soon } = readiness;
  return [
    t.succession.ruleReadyNow(f.decimal(now.min_score), f.decimal(now.min_skill_fit), f.int(now.max_grade_gap)),
    t.succession.ruleOneToTwo(f.decimal(soon.min_score), f.decimal(soon.min_skill_fit)),
    t.succession.ruleOther,
  ];
}
