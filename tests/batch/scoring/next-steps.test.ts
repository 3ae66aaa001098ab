import { describe, expect, it } from 'vitest';
import { Config } from '../../../schemas/config.ts';
import { openDb } from '../../../batch/db.ts';
import { memoryLogger } from '../../../batch/log.ts';
import { createTablesSql } from '../../../batch/model/tables.ts';
import { mulberry32 } from '../../../batch/seeded-random.ts';
import { storeNextSteps } from '../../../batch/scoring/next-steps.ts';
import { createScoringTables } from '../../../batch/scoring/succession.ts';

/**
 * succession_next_steps against an exhaustive search written here: for random candidates (1–5 required skills
 * at levels 1–4, held at 0–4, 0–2 grades below the incumbent), every combination of raised levels is scored
 * with the README's formula, in JavaScript, and the fewest levels that pass the tested category is the answer
 * the table's greedy choice must match.
 */
const W = { performance: 0.3, potential: 0.25, skill_fit: 0.25, experience: 0.1, aspiration: 0.1 };
const GRADES = ['G1', 'G2', 'G3', 'M1', 'M2', 'M3'];
const INCUMBENT_RANK = 5;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const fitOf = (levels: number[], required: number[]) => round(levels.reduce((s, l, i) => s + Math.min(l / required[i]!, 1), 0) / required.length, 4);
const experienceOf = (gap: number, tenure: number) => round(0.7 * (1 - gap / 3) + 0.3 * Math.min(tenure / 10, 1), 4);
const scoreOf = (c: { performance: number; potential: number; aspiration: number }, fit: number, experience: number) =>
  round(((W.performance * c.performance + W.potential * c.potential + W.skill_fit * fit + W.experience * experience + W.aspiration * c.aspiration) / 1) * 100, 1);

interface Case {
  id: string;
  required: number[];
  have: number[];
  gap: number;
  tenure: number;
  performance: number;
  potential: number;
  aspiration: number;
}

function cases(n: number): Case[] {
  const rng = mulberry32(20261207);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  return Array.from({ length: n }, (_, i) => {
    const k = int(1, 5);
    return {
      id: `C${String(i).padStart(3, '0')}`,
      required: Array.from({ length: k }, () => int(1, 4)),
      have: Array.from({ length: k }, () => int(0, 4)),
      gap: int(0, 2),
      tenure: round(rng() * 15, 1),
      performance: round(0.3 + rng() * 0.7, 4),
      potential: round(0.2 + rng() * 0.8, 4),
      aspiration: [0, 0.25, 0.5, 1][int(0, 3)]!,
    };
  });
}

/** Every vector of levels from each held level up to its requirement. */
function* raises(have: number[], required: number[], i = 0): Generator<number[]> {
  if (i === have.length) {
    yield [];
    return;
  }
  const top = Math.max(have[i]!, required[i]!);
  for (let l = have[i]!; l <= top; l++) for (const rest of raises(have, required, i + 1)) yield [l, ...rest];
}

describe('succession_next_steps', () => {
  it('finds the fewest skill levels (after any promotion) that pass the category above, as an exhaustive search does', async () => {
    const config = Config.parse({
      company: { name: 'x' }, taxonomy: 't.csv', sources: [{ kind: 'employees', path: 'e.csv', columns: { employee_id: 'id' } }],
      scoring: { succession: { grade_order: GRADES, weights: W } },
    });
    const r = config.scoring.succession.readiness;
    const all = cases(400);
    const db = await openDb(':memory:');
    try {
      await db.run(createTablesSql());
      const expected = new Map<string, { tested: string; steps: number | null; grade_steps: number; fullScore: number; min_score: number; min_fit: number; c: Case }>();
      const employees: string[] = [];
      const candidates: string[] = [];
      const required: string[] = [];
      const skills: string[] = [];
      for (const c of all) {
        const fit = fitOf(c.have, c.required);
        const experience = experienceOf(c.gap, c.tenure);
        const score = scoreOf(c, fit, experience);
        const readiness = score >= r.ready_now.min_score && fit >= r.ready_now.min_skill_fit && c.gap <= r.ready_now.max_grade_gap
          ? 'ready_now' : score >= r.one_to_two_years.min_score && fit >= r.one_to_two_years.min_skill_fit ? '1_2_years' : '3_plus_years';
        employees.push(`('${c.id}', '${GRADES[INCUMBENT_RANK - c.gap]}', ${INCUMBENT_RANK - c.gap}, ${c.tenure}, 'active', 1, 'e.csv')`);
        candidates.push(`('P${c.id}', '${c.id}', 1, ${score}, '${readiness}', ${c.performance}, ${c.potential}, ${fit}, ${experience}, ${c.aspiration}, ${c.gap}, 1, NULL, 'department', ${fit})`);
        c.required.forEach((level, i) => {
          required.push(`('P${c.id}', 's${i}', ${level})`);
          if (c.have[i]! > 0) skills.push(`('${c.id}', 's${i}', ${c.have[i]}, 'manager', 1)`);
        });
        const tested = readiness === '3_plus_years' ? '1_2_years' : 'ready_now';
        const bounds = tested === 'ready_now' ? r.ready_now : { ...r.one_to_two_years, max_grade_gap: Infinity };
        const gradeSteps = Math.max(0, c.gap - bounds.max_grade_gap);
        const experienceAfter = gradeSteps ? experienceOf(c.gap - gradeSteps, c.tenure) : experience;
        let best: number | null = null;
        for (const levels of raises(c.have, c.required)) {
          const f = fitOf(levels, c.required);
          if (scoreOf(c, f, experienceAfter) >= bounds.min_score && f >= bounds.min_skill_fit) {
            const steps = levels.reduce((s, l, i) => s + l - c.have[i]!, 0);
            if (best === null || steps < best) best = steps;
          }
        }
        expected.set(c.id, { tested, steps: best, grade_steps: gradeSteps, fullScore: scoreOf(c, 1, experienceAfter), min_score: bounds.min_score, min_fit: bounds.min_skill_fit, c });
      }
      await db.run(`INSERT INTO employees (employee_id, grade, grade_rank, tenure_years, status, source_line, source_file) VALUES ${employees.join(', ')}`);
      await db.run(`INSERT INTO succession_candidates VALUES ${candidates.join(', ')}`);
      await db.run(`INSERT INTO key_position_skills VALUES ${required.join(', ')}`);
      await db.run(`INSERT INTO employee_skills (employee_id, skill_id, level, source, confidence) VALUES ${skills.join(', ')}`);
      const ctx = { db, log: memoryLogger(), config, runId: 'r', asOf: '2026-10-01' };
      await createScoringTables(ctx);
      await storeNextSteps(ctx);
      const rows = await db.all<{ employee_id: string; tested: string; grade_steps: number; skill_steps: string; skill_fit_after: number; score_after: number; reachable: boolean; score_short: number | null }>(
        `SELECT employee_id, tested, grade_steps, skill_steps::VARCHAR AS skill_steps, skill_fit_after, score_after, reachable, score_short FROM succession_next_steps ORDER BY employee_id`,
      );
      expect(rows.length).toBe(all.length);
      let promoted = 0;
      let unreachable = 0;
      let stepped = 0;
      for (const row of rows) {
        const e = expected.get(row.employee_id)!;
        const c = e.c;
        expect(row.tested, c.id).toBe(e.tested);
        expect(row.grade_steps, c.id).toBe(e.grade_steps);
        const steps = JSON.parse(row.skill_steps) as Array<{ skill_id: string; from_level: number; to_level: number }>;
        const levels = [...c.have];
        for (const s of steps) {
          const i = Number(s.skill_id.slice(1));
          expect(s.from_level, c.id).toBe(c.have[i]);
          levels[i] = s.to_level;
        }
        const experienceAfter = e.grade_steps ? experienceOf(c.gap - e.grade_steps, c.tenure) : experienceOf(c.gap, c.tenure);
        expect(row.skill_fit_after, c.id).toBe(fitOf(levels, c.required));
        expect(row.score_after, c.id).toBeCloseTo(scoreOf(c, fitOf(levels, c.required), experienceAfter), 6);
        if (e.steps === null) {
          unreachable++;
          expect(row.reachable, c.id).toBe(false);
          expect(row.skill_fit_after, c.id).toBe(1);
          expect(row.score_short, c.id).toBeCloseTo(round(e.min_score - e.fullScore, 1), 6);
        } else {
          expect(row.reachable, c.id).toBe(true);
          expect(steps.reduce((s, x) => s + x.to_level - x.from_level, 0), c.id).toBe(e.steps);
          if (e.steps > 0) stepped++;
        }
        if (e.grade_steps) promoted++;
      }
      // The random company exercises every branch.
      expect(promoted).toBeGreaterThan(20);
      expect(unreachable).toBeGreaterThan(5);
      expect(stepped).toBeGreaterThan(50);
    } finally {
      db.close();
    }
  });
});
