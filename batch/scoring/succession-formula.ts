import { ComponentName } from '../../schemas/artifacts.ts';
import type { ScoringConfig } from '../../schemas/config.ts';

type Succession = ScoringConfig['succession'];

/** The components in the order they are stored and shown (the artifacts' order). */
export const COMPONENTS = ComponentName.options;

/**
 * The succession score, written once: each component as SQL over its inputs, and the score as the weighted
 * mean of the components × 100. Scoring uses it for the slates and for the bounds that prune the pool, and
 * stores each component's points (succession_components); publishing and `explain` read what is stored.
 */
export function successionFormula(s: Succession) {
  const w = s.weights;
  const total = COMPONENTS.reduce((sum, c) => sum + w[c], 0) || 1;
  const gap = s.max_grade_gap + 1;
  const num = (x: number) => `${x}::DOUBLE`;
  return {
    /** 0–1: normalized performance of the latest periods; 0 when the person has none. */
    performance: (value: string) => `round(COALESCE(${value}, 0), 4)`,
    /** 0–1: the latest normalized potential; 0 when none. */
    potential: (value: string) => `round(COALESCE(${value}, 0), 4)`,
    /** 0–1: the mean over required skills of min(level ÷ required, 1), given as their sum; 0.5 when none is required. */
    skillFit: (fitSum: string, requiredCount: string) => `round(CASE WHEN ${requiredCount} = 0 THEN 0.5 ELSE ${fitSum} / ${requiredCount} END, 4)`,
    /** 0–1: 0.7 × grade proximity to the incumbent + 0.3 × tenure (10 years = 1); an unknown part counts 0.5. */
    experience: (gradeGap: string, tenureYears: string) => `round(0.7 * COALESCE(1 - ${gradeGap} / ${gap}, 0.5) + 0.3 * COALESCE(least(${tenureYears} / 10, 1), 0.5), 4)`,
    /** 0–1: 1 when the person named the position as a goal, else 0.25 per required skill they want (at most 0.75). */
    aspiration: (namesPosition: string, wantedSkills: string) => `round(CASE WHEN ${namesPosition} THEN 1 ELSE least(0.25 * COALESCE(${wantedSkills}, 0), 0.75) END, 4)`,
    /** Σ weight × component over the components given (the others count 0): the score before scaling. */
    weighted: (parts: Partial<Record<ComponentName, string>>) => COMPONENTS.filter((c) => parts[c] !== undefined).map((c) => `${w[c]} * ${parts[c]}`).join(' + ') || '0',
    /** A weighted sum as the published score: ÷ Σ weights × 100, one decimal. */
    score: (weighted: string) => `round((${weighted}) / ${total} * 100, 1)`,
    /** A component's share of the score, in points (one decimal). */
    points: (name: ComponentName, value: string) => `round((${num(w[name])} / ${num(total)}) * ${value} * 100, 1)`,
  };
}
