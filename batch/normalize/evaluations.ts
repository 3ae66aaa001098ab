import type { z } from 'zod';
import type { EvaluationsSource } from '../../schemas/config.ts';
import { lit } from '../db.ts';
import type { StageContext } from '../context.ts';
import type { RawTable } from '../ingest/load-source.ts';
import { rejecterFor } from '../rejects.ts';
import { mapValues, optionalText, scaleExpr } from './sql-expressions.ts';

type Source = z.infer<typeof EvaluationsSource>;

/** evaluations: grades through the configured scales, normalized to 0–1. A row needs a known person and grade. */
export async function normalizeEvaluations(ctx: StageContext, raw: RawTable, source: Source): Promise<number> {
  const { db, runId } = ctx;
  const c = source.columns;
  const perf = scaleExpr('raw_grade', source.performance_scale, { normalize: true, numeric: true });
  const pot = scaleExpr('raw_potential', source.potential_scale, { normalize: true, numeric: true });
  const period = c.period ? optionalText(c.period) : source.period ? lit(source.period) : `'(none)'`;
  await db.run(`CREATE TEMP TABLE eval_stage AS
    SELECT line, employee_id, period, raw_grade, ${perf.value} AS performance, ${perf.known} AS grade_known,
      raw_potential, ${pot.value} AS potential, ${pot.known} AS potential_known, comment, evaluator_id,
      row_number() OVER (PARTITION BY employee_id, period ORDER BY line) AS occurrence,
      min(line) OVER (PARTITION BY employee_id, period) AS first_line
    FROM (SELECT __line AS line, ${optionalText(c.employee_id)} AS employee_id, ${period} AS period,
      ${mapValues(optionalText(c.grade), source.values.grade)} AS raw_grade, ${mapValues(optionalText(c.potential), source.values.potential)} AS raw_potential,
      ${optionalText(c.comment)} AS comment, ${optionalText(c.evaluator_id)} AS evaluator_id FROM "${raw.table}")`);
  const reject = rejecterFor(db, runId, raw.sourceFile);
  const grades = Object.keys(source.performance_scale).filter((k) => k.trim()).join('/');
  await reject(c.employee_id, 'row_rejected', `SELECT line, employee_id AS value, CASE WHEN employee_id IS NULL THEN 'employee id is empty' ELSE 'employee is not in the employee list' END AS reason
    FROM eval_stage WHERE employee_id IS NULL OR employee_id NOT IN (SELECT employee_id FROM employees)`);
  await db.run(`DELETE FROM eval_stage WHERE employee_id IS NULL OR employee_id NOT IN (SELECT employee_id FROM employees)`);
  await reject(c.grade, 'row_rejected', `SELECT line, raw_grade AS value, CASE WHEN raw_grade IS NULL THEN 'grade is empty' ELSE 'grade is not in performance_scale (${grades.replaceAll("'", "''")})' END AS reason
    FROM eval_stage WHERE NOT grade_known OR performance IS NULL`);
  await db.run(`DELETE FROM eval_stage WHERE NOT grade_known OR performance IS NULL`);
  await reject(c.period, 'row_rejected', `SELECT line, period AS value, 'second evaluation of this person for this period (first at line ' || first_line || ')' AS reason FROM eval_stage WHERE occurrence > 1`);
  await db.run(`DELETE FROM eval_stage WHERE occurrence > 1`);
  if (c.potential) {
    await reject(c.potential, 'value_cleared', `SELECT line, raw_potential AS value, 'potential is not in potential_scale' AS reason FROM eval_stage WHERE raw_potential IS NOT NULL AND NOT potential_known`);
  }
  const n = await db.run(`INSERT INTO evaluations
    SELECT employee_id, period, raw_grade, round(performance, 6), raw_potential, round(CASE WHEN potential_known THEN potential END, 6), comment, evaluator_id, line
    FROM eval_stage ORDER BY employee_id, period`);
  await db.run('DROP TABLE eval_stage');
  return n;
}
