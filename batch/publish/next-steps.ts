import type { NextStep } from '../../schemas/artifacts.ts';
import type { Db } from '../db.ts';
import { lit } from '../db.ts';

interface NextStepRow {
  position_id: string;
  employee_id: string;
  tested: NextStep['tested'];
  score: number;
  skill_fit: number;
  grade_gap: number | null;
  min_score: number;
  min_skill_fit: number;
  max_grade_gap: number | null;
  failed: string;
  grade_steps: number;
  grade_to: string | null;
  skill_steps: string;
  skill_fit_after: number;
  score_after: number;
  reachable: boolean;
  score_short: number | null;
}

interface SkillName {
  skill_id: string;
  name_ja: string;
  name_en: string;
}

/** The key of a candidate in the map readNextSteps returns. */
export const candidateKey = (positionId: string, employeeId: string) => `${positionId}\u0000${employeeId}`;

/**
 * succession_next_steps as published, per candidate: what the site shows and `explain` prints, read from the
 * same stored rows (optionally of one position and person).
 */
export async function readNextSteps(db: Db, only?: { positionId: string; employeeId: string }): Promise<Map<string, NextStep>> {
  const where = only ? `WHERE n.position_id = ${lit(only.positionId)} AND n.employee_id = ${lit(only.employeeId)}` : '';
  const rows = await db.all<NextStepRow>(`
    SELECT n.position_id, n.employee_id, n.tested, c.score, c.skill_fit, c.grade_gap, n.min_score, n.min_skill_fit, n.max_grade_gap,
      n.failed::VARCHAR AS failed, n.grade_steps, n.grade_to, n.skill_steps::VARCHAR AS skill_steps, n.skill_fit_after, n.score_after, n.reachable, n.score_short
    FROM succession_next_steps n JOIN succession_candidates c USING (position_id, employee_id) ${where}
    ORDER BY n.position_id, c.rank`);
  const names = new Map((await db.all<SkillName>(`SELECT skill_id, name_ja, name_en FROM skills`)).map((s) => [s.skill_id, s]));
  return new Map(rows.map((r) => [candidateKey(r.position_id, r.employee_id), nextStepOf(r, names)]));
}

function nextStepOf(r: NextStepRow, names: Map<string, SkillName>): NextStep {
  const failed = new Set(JSON.parse(r.failed) as string[]);
  const conditions: NextStep['conditions'] = [
    { name: 'score', actual: r.score, bound: r.min_score, passed: !failed.has('score') },
    { name: 'skill_fit', actual: r.skill_fit, bound: r.min_skill_fit, passed: !failed.has('skill_fit') },
  ];
  if (r.max_grade_gap !== null) conditions.push({ name: 'grade_gap', actual: r.grade_gap, bound: r.max_grade_gap, passed: !failed.has('grade_gap') });
  const steps = JSON.parse(r.skill_steps) as Array<{ skill_id: string; from_level: number; to_level: number }>;
  return {
    tested: r.tested,
    conditions,
    change: failed.size === 0
      ? null
      : {
          grade_steps: r.grade_steps,
          grade_to: r.grade_to,
          skills: steps.map((s) => {
            const name = names.get(s.skill_id);
            return { skill_id: s.skill_id, name_ja: name?.name_ja ?? s.skill_id, name_en: name?.name_en ?? s.skill_id, from_level: s.from_level, to_level: s.to_level };
          }),
          skill_fit_after: r.skill_fit_after,
          score_after: r.score_after,
          reachable: r.reachable,
          score_short: r.score_short,
        },
  };
}
