import type { StageContext } from '../context.ts';

/**
 * person_scores (temp): each person's mean normalized performance over the latest N periods and latest
 * potential, with the raw grades behind them for the explanations (a list, so each language joins it its
 * own way). Shared by the 9-box and succession.
 */
export async function computePersonScores(ctx: StageContext): Promise<void> {
  const n = ctx.config.scoring.performance_periods;
  await ctx.db.run(`CREATE TEMP TABLE person_scores AS
    WITH ranked AS (
      SELECT *, row_number() OVER (PARTITION BY employee_id ORDER BY period DESC) AS recent FROM evaluations
    )
    SELECT employee_id,
      round(avg(performance) FILTER (WHERE recent <= ${n}), 4) AS performance,
      list(period || ' ' || raw_grade ORDER BY period) FILTER (WHERE recent <= ${n}) AS performance_grades,
      round(arg_max(potential, period) FILTER (WHERE potential IS NOT NULL), 4) AS potential,
      arg_max(period || ' ' || raw_potential, period) FILTER (WHERE potential IS NOT NULL) AS potential_reason
    FROM ranked GROUP BY employee_id`);
}
