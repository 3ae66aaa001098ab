/**
 * A candidate's readiness test and the smallest change that would move them up, in words: the one wording of
 * succession_next_steps, used by the position page and by `npm run explain`, so both say the same.
 */
import type { NextStep } from '../../schemas/artifacts.ts';
import { formatter, type Format } from './format.ts';
import { labels, skillName, type Labels, type Lang } from './i18n/index.ts';

export interface WordingContext {
  t: Labels;
  f: Format;
  skill(s: { name_ja: string; name_en: string }): string;
}

/** The site's wording in a language outside a page (explain, tests): the dictionary, the formatter and skill names. */
export function wordingContext(lang: Lang): WordingContext {
  return { t: labels(lang), f: formatter(lang), skill: (s) => skillName(s, lang) };
}

export interface NextStepWords {
  /** The tested category's conditions, each met or not. */
  test: string;
  /** The smallest change, or why none suffices; null when the test passes already. */
  change: string | null;
}

export function nextStepWords(step: NextStep, { t, f, skill }: WordingContext): NextStepWords {
  const L = t.succession;
  const tested = f.readiness(step.tested);
  // A fit shown to two decimals could read as its bound while below it (0.8497 → 0.85): then more digits.
  const fit = (x: number, bound: number) => (x < bound && f.decimal(x) === f.decimal(bound) ? String(x) : f.decimal(x));
  const fitBound = step.conditions.find((c) => c.name === 'skill_fit')!.bound;
  const scoreBound = step.conditions.find((c) => c.name === 'score')!.bound;
  const conditions = step.conditions.map((c) => {
    const actual =
      c.actual === null ? L.gradeGapUnknown : c.name === 'score' ? f.score(c.actual) : c.name === 'skill_fit' ? fit(c.actual, c.bound) : f.int(c.actual);
    return L.nextCondition[c.name](actual, c.name === 'grade_gap' ? f.int(c.bound) : f.decimal(c.bound), c.passed);
  });
  const test = L.nextTest(tested, f.list(conditions));
  const ch = step.change;
  if (!ch) return { test, change: null };
  if (!ch.reachable) {
    return { test, change: L.nextUnreachable(tested, ch.grade_steps > 0, f.score(ch.score_after), f.decimal(scoreBound), f.score(ch.score_short ?? 0)) };
  }
  const now = { score: step.conditions.find((c) => c.name === 'score')!.actual!, fit: step.conditions.find((c) => c.name === 'skill_fit')!.actual! };
  const changes = [
    ...(ch.grade_steps > 0 ? [L.nextPromotion(f.orDash(ch.grade_to), f.int(ch.grade_steps))] : []),
    ...ch.skills.map((s) => L.nextSkill(skill(s), f.decimal(s.from_level), f.decimal(s.to_level))),
  ];
  const effects = [
    ...(ch.skill_fit_after !== now.fit ? [L.nextEffectFit(fit(now.fit, fitBound), fit(ch.skill_fit_after, fitBound))] : []),
    L.nextEffectScore(f.score(now.score), f.score(ch.score_after)),
  ];
  return { test, change: L.nextChange(tested, f.list(changes), f.list(effects)) };
}
