import type { z } from 'zod';
import { EvaluationsSource } from '../../schemas/config.ts';
import { ident, lit } from '../db.ts';
import type { StageContext } from '../context.ts';
import type { RawTable } from '../ingest/load-source.ts';
import { rejecterFor } from '../rejects.ts';
import { cleanedColumns, dropWhere, duplicatesOf, mapValues, sameLine, scaleExpr, trimBlanks } from './sql-expressions.ts';

type Source = z.infer<typeof EvaluationsSource>;

const COLUMN_KEYS = Object.keys(EvaluationsSource.shape.columns.shape);

/**
 * evaluations: grades through the configured scales, normalized to 0–1. A row needs a known person and grade.
 * The comments, most of the bytes, stay in the raw table until the kept rows are inserted (as in interviews.ts).
 */
export async function normalizeEvaluations(ctx: StageContext, raw: RawTable, source: Source): Promise<number> {
  const { db, runId } = ctx;
  const { comment, ...c } = source.columns;
  const perf = scaleExpr('raw_grade', source.performance_scale, { normalize: true, numeric: true });
  const pot = scaleExpr('raw_potential', source.potential_scale, { normalize: true, numeric: true });
  const period = c.period ? 'period' : source.period ? lit(source.period) : `'(none)'`;
  await db.run(`CREATE TEMP TABLE eval_stage AS
    SELECT line, employee_id, period, raw_grade, ${perf.value} AS performance, ${perf.known} AS grade_known,
      raw_potential, ${pot.value} AS potential, ${pot.known} AS potential_known, evaluator_id, true AS keep
    FROM (SELECT line, employee_id, ${period} AS period, ${mapValues('grade', source.values.grade)} AS raw_grade,
      ${mapValues('potential', source.values.potential)} AS raw_potential, evaluator_id FROM ${cleanedColumns(raw.table, COLUMN_KEYS, c)})
    ORDER BY line`);
  const reject = rejecterFor(db, runId, raw.sourceFile);
  const drop = (where: string) => db.run(dropWhere('eval_stage', where));
  const grades = Object.keys(source.performance_scale).filter((k) => k.trim()).join('/');
  const unknownEmployee = 'employee_id IS NULL OR employee_id NOT IN (SELECT employee_id FROM employees)';
  await reject(c.employee_id, 'row_rejected', `SELECT line, employee_id AS value, CASE WHEN employee_id IS NULL THEN 'employee id is empty' ELSE 'employee is not in the employee list' END AS reason
    FROM eval_stage WHERE keep AND (${unknownEmployee})`);
  await drop(unknownEmployee);
  await reject(c.grade, 'row_rejected', `SELECT line, raw_grade AS value, CASE WHEN raw_grade IS NULL THEN 'grade is empty' ELSE 'grade is not in performance_scale (${grades.replaceAll("'", "''")})' END AS reason
    FROM eval_stage WHERE keep AND (NOT grade_known OR performance IS NULL)`);
  await drop('NOT grade_known OR performance IS NULL');
  // A repeat counts from the first row of the person and period, even when that row was rejected.
  const later = duplicatesOf('eval_stage', ['employee_id', 'period']);
  await reject(c.period, 'row_rejected', `SELECT line, period AS value, 'second evaluation of this person for this period (first at line ' || first_line || ')' AS reason FROM (${later}) WHERE keep`);
  await drop(`line IN (SELECT line FROM (${later}))`);
  if (c.potential) {
    await reject(c.potential, 'value_cleared', `SELECT line, raw_potential AS value, 'potential is not in potential_scale' AS reason FROM eval_stage WHERE keep AND raw_potential IS NOT NULL AND NOT potential_known`);
  }
  const commentText = comment ? `NULLIF(${trimBlanks(`r.${ident(comment)}`)}, '')` : 'NULL::VARCHAR';
  const n = await db.run(`INSERT INTO evaluations
    SELECT s.employee_id, s.period, s.raw_grade, round(s.performance, 6), s.raw_potential, round(CASE WHEN s.potential_known THEN s.potential END, 6), ${commentText}, s.evaluator_id, ${sameLine('s', 'r')}, ${lit(raw.sourceFile)}
    FROM eval_stage s POSITIONAL JOIN ${ident(raw.table)} r WHERE s.keep`);
  await db.run('DROP TABLE eval_stage');
  return n;
}
