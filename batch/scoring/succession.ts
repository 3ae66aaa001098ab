import type { ScoringConfig } from '../../schemas/config.ts';
import type { StageContext } from '../context.ts';

type Succession = ScoringConfig['succession'];

/** The readiness rule in words: shown on the site and in the README, built from the same numbers as the SQL. */
export function readinessRule(s: Succession): string {
  const r = s.readiness;
  return (
    `即時（ready now）: スコア ${r.ready_now.min_score} 以上、スキル適合 ${Math.round(r.ready_now.min_skill_fit * 100)}% 以上、` +
    `等級が現任者の ${r.ready_now.max_grade_gap} 段下以内。` +
    `1〜2年: スコア ${r.one_to_two_years.min_score} 以上、スキル適合 ${Math.round(r.one_to_two_years.min_skill_fit * 100)}% 以上。3年以上: それ以外。`
  );
}

/** Readiness as SQL over the candidate's score, skill_fit and grade_gap. */
export function readinessSql(s: Succession): string {
  const r = s.readiness;
  return `(CASE
    WHEN score >= ${r.ready_now.min_score} AND skill_fit >= ${r.ready_now.min_skill_fit} AND COALESCE(grade_gap, 0) <= ${r.ready_now.max_grade_gap} THEN 'ready_now'
    WHEN score >= ${r.one_to_two_years.min_score} AND skill_fit >= ${r.one_to_two_years.min_skill_fit} THEN '1_2_years'
    ELSE '3_plus_years' END)`;
}

/**
 * succession_candidates: for every key position, the active people within max_grade_gap grades below the
 * incumbent who hold one of its required skills or work in its department, scored by named components
 * and cut to the slate size. Set-based: the pool is pruned by joins before anything is scored.
 */
export async function scoreSuccession(ctx: StageContext): Promise<number> {
  const { db, config } = ctx;
  const s = config.scoring.succession;
  const w = s.weights;
  const total = w.performance + w.potential + w.skill_fit + w.experience + w.aspiration || 1;
  await db.run(`CREATE TEMP TABLE dept_ancestors AS
    WITH RECURSIVE up(department_id, ancestor_id) AS (
      SELECT department_id, department_id FROM departments
      UNION ALL
      SELECT up.department_id, d.parent_id FROM up JOIN departments d ON d.department_id = up.ancestor_id WHERE d.parent_id IS NOT NULL
    ) SELECT * FROM up`);
  await db.run(`CREATE TEMP TABLE effective_skills AS
    SELECT employee_id, skill_id,
      COALESCE(max(level) FILTER (WHERE source <> 'inferred'), max(COALESCE(level, 1)) FILTER (WHERE source = 'inferred')) AS level
    FROM employee_skills GROUP BY employee_id, skill_id`);
  const gap = s.max_grade_gap + 1;
  // The grade window is applied inside each join, so the pairs never grow to positions × headcount.
  const inWindow = `e.status = 'active' AND e.employee_id IS DISTINCT FROM p.incumbent_id
      AND (p.incumbent_rank IS NULL OR e.grade_rank IS NULL OR e.grade_rank BETWEEN p.incumbent_rank - ${s.max_grade_gap} AND p.incumbent_rank)`;
  await db.run(`CREATE TEMP TABLE position_pool AS
    WITH pos AS (
      SELECT k.position_id, k.department_id, k.incumbent_id, i.grade_rank AS incumbent_rank,
        (SELECT count(*) FROM key_position_skills r WHERE r.position_id = k.position_id) AS required_count
      FROM key_positions k LEFT JOIN employees i ON i.employee_id = k.incumbent_id
    ),
    by_skill AS (
      SELECT r.position_id, es.employee_id, sum(least(es.level / r.level, 1)) AS fit_sum
      FROM key_position_skills r
      JOIN effective_skills es ON es.skill_id = r.skill_id AND es.level >= 1
      JOIN pos p ON p.position_id = r.position_id
      JOIN employees e ON e.employee_id = es.employee_id AND ${inWindow}
      GROUP BY r.position_id, es.employee_id
    ),
    by_department AS (
      SELECT p.position_id, e.employee_id FROM pos p
      JOIN dept_ancestors a ON a.ancestor_id = p.department_id
      JOIN employees e ON e.department_id = a.department_id AND ${inWindow}
    ),
    pairs AS (
      SELECT position_id, employee_id, fit_sum FROM by_skill
      UNION ALL
      SELECT d.position_id, d.employee_id, 0 FROM by_department d ANTI JOIN by_skill s USING (position_id, employee_id)
    )
    SELECT x.position_id, x.employee_id, e.tenure_years,
      CASE WHEN p.incumbent_rank IS NOT NULL AND e.grade_rank IS NOT NULL THEN p.incumbent_rank - e.grade_rank END AS grade_gap,
      CASE WHEN p.required_count = 0 THEN 0.5 ELSE x.fit_sum / p.required_count END AS skill_fit
    FROM pairs x JOIN pos p USING (position_id) JOIN employees e USING (employee_id)`);
  return db.run(`INSERT INTO succession_candidates
    WITH named AS (
      SELECT DISTINCT employee_id, target_id AS position_id FROM aspirations WHERE target_kind = 'position'
    ),
    wanted AS (
      SELECT r.position_id, a.employee_id, count(DISTINCT a.target_id) AS skills
      FROM aspirations a JOIN key_position_skills r ON r.skill_id = a.target_id
      WHERE a.target_kind = 'skill' GROUP BY ALL
    ),
    components AS (
      SELECT c.position_id, c.employee_id, c.grade_gap,
        round(COALESCE(p.performance, 0), 4) AS performance,
        round(COALESCE(p.potential, 0), 4) AS potential,
        round(c.skill_fit, 4) AS skill_fit,
        round(0.7 * COALESCE(1 - c.grade_gap / ${gap}, 0.5) + 0.3 * COALESCE(least(c.tenure_years / 10, 1), 0.5), 4) AS experience,
        round(CASE WHEN n.employee_id IS NOT NULL THEN 1 ELSE least(0.25 * COALESCE(w.skills, 0), 0.75) END, 4) AS aspiration
      FROM position_pool c
      LEFT JOIN person_scores p USING (employee_id)
      LEFT JOIN named n USING (position_id, employee_id)
      LEFT JOIN wanted w USING (position_id, employee_id)
    ),
    scored AS (
      SELECT *, round((${w.performance} * performance + ${w.potential} * potential + ${w.skill_fit} * skill_fit + ${w.experience} * experience + ${w.aspiration} * aspiration) / ${total} * 100, 1) AS score
      FROM components
    ),
    ranked AS (SELECT *, row_number() OVER (PARTITION BY position_id ORDER BY score DESC, employee_id) AS rank FROM scored)
    SELECT position_id, employee_id, rank, score, ${readinessSql(s)}, performance, potential, skill_fit, experience, aspiration, grade_gap
    FROM ranked WHERE rank <= ${s.slate_size} ORDER BY position_id, rank`);
}
