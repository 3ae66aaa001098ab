import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Succession } from '../../schemas/artifacts.ts';

/**
 * The site's hand-written succession artifact holds numbers that agree with each other as the batch's would:
 * scores and points from the components, skill fit from the gaps, readiness from the rule, and each
 * candidate's readiness test and smallest change from those numbers.
 */
const succession = Succession.parse(JSON.parse(readFileSync('tests/fixtures/artifacts/succession.json', 'utf8')));
const w = succession.weights as Record<string, number>;
const total = Object.values(w).reduce((a, b) => a + b, 0);
const r = succession.readiness;

describe('the site fixture of succession', () => {
  it('counts in each plan summary the candidates short of each skill', () => {
    for (const p of succession.positions) {
      for (const g of p.plan_summary.top_gaps) expect(g.candidates, `${p.position_id} ${g.skill_id}`).toBe(p.candidates.filter((c) => c.skill_gaps.some((x) => x.skill_id === g.skill_id)).length);
    }
  });
  for (const p of succession.positions) {
    for (const c of p.candidates) {
      it(`${p.position_id} ${c.employee_id}: consistent numbers`, () => {
        const value = (name: string) => c.components.find((x) => x.name === name)!.value;
        expect(c.score).toBeCloseTo(c.components.reduce((s, x) => s + (w[x.name]! / total) * x.value * 100, 0), 1);
        for (const x of c.components) expect(x.points).toBeCloseTo((w[x.name]! / total) * x.value * 100, 1);
        const level = (skill: string, levels: Map<string, number>) => levels.get(skill) ?? Infinity;
        const gaps = new Map(c.skill_gaps.map((g) => [g.skill_id, g.actual]));
        const fitOf = (levels: Map<string, number>) => p.required_skills.reduce((s, q) => s + Math.min(level(q.skill_id, levels) / q.level, 1), 0) / p.required_skills.length;
        expect(value('skill_fit')).toBeCloseTo(fitOf(gaps), 3);
        const cond = (name: string) => c.next_step.conditions.find((x) => x.name === name);
        expect(cond('score')!.actual).toBe(c.score);
        expect(cond('skill_fit')!.actual).toBe(value('skill_fit'));
        const gap = cond('grade_gap')?.actual ?? null;
        const readiness = c.score >= r.ready_now.min_score && value('skill_fit') >= r.ready_now.min_skill_fit && (gap ?? 0) <= r.ready_now.max_grade_gap
          ? 'ready_now' : c.score >= r.one_to_two_years.min_score && value('skill_fit') >= r.one_to_two_years.min_skill_fit ? '1_2_years' : '3_plus_years';
        expect(c.readiness).toBe(readiness);
        expect(c.next_step.tested).toBe(readiness === '3_plus_years' ? '1_2_years' : 'ready_now');
        for (const x of c.next_step.conditions) {
          expect(x.passed, x.name).toBe(x.actual === null ? true : x.name === 'grade_gap' ? x.actual <= x.bound : x.actual >= x.bound);
        }
        const change = c.next_step.change;
        expect(change === null).toBe(c.next_step.conditions.every((x) => x.passed));
        if (change) {
          const after = new Map(gaps);
          for (const s of change.skills) {
            expect(s.from_level).toBe(gaps.get(s.skill_id));
            after.set(s.skill_id, s.to_level);
          }
          expect(change.skill_fit_after).toBeCloseTo(fitOf(after), 3);
          if (change.reachable) expect(change.score_after).toBeGreaterThanOrEqual(cond('score')!.bound);
        }
      });
    }
  }
});
