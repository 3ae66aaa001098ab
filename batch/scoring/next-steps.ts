import type { StageContext } from '../context.ts';
import { lit } from '../db.ts';
import { successionFormula } from './succession-formula.ts';

/**
 * succession_next_steps: for each slate candidate, the readiness category above theirs tested condition by
 * condition (score, skill fit, grade gap), and the smallest change that passes it — a promotion when the grade
 * gap fails (it also lifts the experience component), then the fewest skill steps (one level of one required
 * skill each). A step on a skill required at level r adds 1/r to the fit sum until the skill is at level, and
 * the score moves with the fit alone, so taking the steps of the lowest required levels first needs the fewest
 * steps; each prefix is scored with the formula itself, so the numbers are the ones scoring would publish.
 * When even every required skill at level does not pass, the change is all of them and reachable is false:
 * what is missing is score only performance, potential or aspiration can give.
 */
export async function storeNextSteps(ctx: StageContext): Promise<void> {
  const s = ctx.config.scoring.succession;
  const f = successionFormula(s);
  const now = s.readiness.ready_now;
  const soon = s.readiness.one_to_two_years;
  const grades = s.grade_order.length ? `[${s.grade_order.map(lit).join(', ')}]` : '[]::VARCHAR[]';
  // The score without its skill part, after any promotion: Σ weight × component of the other four.
  const rest = f.weighted({ performance: 'performance', potential: 'potential', experience: 'experience_after', aspiration: 'aspiration' });
  await ctx.db.run(`INSERT INTO succession_next_steps
    WITH tested AS (
      SELECT c.position_id, c.employee_id, c.rank, c.score, c.skill_fit, c.grade_gap, c.performance, c.potential, c.experience, c.aspiration,
        e.tenure_years, e.grade_rank,
        CASE c.readiness WHEN '3_plus_years' THEN '1_2_years' ELSE 'ready_now' END AS tested
      FROM succession_candidates c JOIN employees e USING (employee_id)
    ),
    thresholds AS (
      SELECT *,
        CASE tested WHEN 'ready_now' THEN ${now.min_score} ELSE ${soon.min_score} END::DOUBLE AS min_score,
        CASE tested WHEN 'ready_now' THEN ${now.min_skill_fit} ELSE ${soon.min_skill_fit} END::DOUBLE AS min_skill_fit,
        CASE tested WHEN 'ready_now' THEN ${now.max_grade_gap} END::INTEGER AS max_grade_gap
      FROM tested
    ),
    promoted AS (
      SELECT *, CASE WHEN max_grade_gap IS NOT NULL AND grade_gap > max_grade_gap THEN grade_gap - max_grade_gap ELSE 0 END::INTEGER AS grade_steps
      FROM thresholds
    ),
    base AS (
      SELECT *, CASE WHEN grade_steps > 0 THEN ${f.experience('(grade_gap - grade_steps)', 'tenure_years')} ELSE experience END AS experience_after
      FROM promoted
    ),
    held AS (
      SELECT b.position_id, b.employee_id, r.skill_id, r.level AS required, COALESCE(es.level, 0)::INTEGER AS have
      FROM base b JOIN key_position_skills r USING (position_id)
      LEFT JOIN effective_skills es ON es.employee_id = b.employee_id AND es.skill_id = r.skill_id
    ),
    steps AS (
      SELECT *, row_number() OVER (PARTITION BY position_id, employee_id ORDER BY required, required - have, skill_id, to_level)::INTEGER AS n
      FROM (SELECT *, unnest(range(have + 1, required + 1))::INTEGER AS to_level FROM held WHERE have < required)
    ),
    options AS (
      SELECT b.position_id, b.employee_id, unnest(range(0, COALESCE(max(st.n), 0) + 1))::INTEGER AS n
      FROM base b LEFT JOIN steps st USING (position_id, employee_id) GROUP BY ALL
    ),
    -- Each option's level of each required skill, and its fit as scoring computes it.
    option_levels AS (
      SELECT o.position_id, o.employee_id, o.n, h.required, greatest(h.have, COALESCE(max(st.to_level), 0)) AS level
      FROM options o JOIN held h USING (position_id, employee_id)
      LEFT JOIN steps st ON st.position_id = o.position_id AND st.employee_id = o.employee_id AND st.skill_id = h.skill_id AND st.n <= o.n
      GROUP BY o.position_id, o.employee_id, o.n, h.skill_id, h.required, h.have
    ),
    option_fit AS (
      SELECT position_id, employee_id, n, ${f.skillFit('sum(least(level / required, 1))', 'count(*)')} AS skill_fit_after
      FROM option_levels GROUP BY ALL
    ),
    scored AS (
      SELECT position_id, employee_id, n, skill_fit_after, ${f.score(`${rest} + ${s.weights.skill_fit} * skill_fit_after`)} AS score_after
      FROM (
        -- A position that requires no skill: the neutral fit, and no step.
        SELECT b.*, o.n, COALESCE(fit.skill_fit_after, ${f.skillFit('0', '0')}) AS skill_fit_after
        FROM base b JOIN options o USING (position_id, employee_id) LEFT JOIN option_fit fit USING (position_id, employee_id, n)
      )
    ),
    chosen AS (
      SELECT sc.*, sc.score_after >= b.min_score AND sc.skill_fit_after >= b.min_skill_fit AS passes
      FROM scored sc JOIN base b USING (position_id, employee_id)
      QUALIFY row_number() OVER (PARTITION BY position_id, employee_id ORDER BY passes DESC, CASE WHEN passes THEN n ELSE -n END) = 1
    ),
    changed AS (
      SELECT st.position_id, st.employee_id,
        to_json(list({'skill_id': st.skill_id, 'from_level': st.have, 'to_level': st.to_level} ORDER BY st.n)) AS skills
      FROM (SELECT position_id, employee_id, skill_id, any_value(have) AS have, max(to_level) AS to_level, min(steps.n) AS n
            FROM steps JOIN chosen c USING (position_id, employee_id) WHERE steps.n <= c.n GROUP BY ALL) st
      GROUP BY ALL
    )
    SELECT b.position_id, b.employee_id, b.tested, b.min_score, b.min_skill_fit, b.max_grade_gap,
      to_json(list_filter([
        CASE WHEN b.score < b.min_score THEN 'score' END,
        CASE WHEN b.skill_fit < b.min_skill_fit THEN 'skill_fit' END,
        CASE WHEN b.grade_steps > 0 THEN 'grade_gap' END], x -> x IS NOT NULL)) AS failed,
      b.grade_steps, CASE WHEN b.grade_steps > 0 THEN (${grades})[b.grade_rank + b.grade_steps + 1] END AS grade_to,
      COALESCE(ch.skills, '[]'::JSON) AS skill_steps, c.skill_fit_after, c.score_after, c.passes AS reachable,
      CASE WHEN NOT c.passes THEN round(greatest(b.min_score - c.score_after, 0), 1) END AS score_short
    FROM base b JOIN chosen c USING (position_id, employee_id) LEFT JOIN changed ch USING (position_id, employee_id)
    ORDER BY b.position_id, b.rank`);
}
