import type { z } from 'zod';
import type { InterviewsSource } from '../../schemas/config.ts';
import { lit } from '../db.ts';
import type { StageContext } from '../context.ts';
import type { RawTable } from '../ingest/load-source.ts';
import { rejecterFor } from '../rejects.ts';
import { dateExpr, mapValues, optionalText } from './sql-expressions.ts';

type Source = z.infer<typeof InterviewsSource>;

const KINDS = ['career', '1on1', 'review'];

/** interviews: a row needs a known person, a readable date and some notes; an unknown kind falls back to default_kind. */
export async function normalizeInterviews(ctx: StageContext, raw: RawTable, source: Source): Promise<number> {
  const { db, runId, asOf } = ctx;
  const c = source.columns;
  const id = c.interview_id ? optionalText(c.interview_id) : `${lit(raw.sourceFile + ':')} || __line`;
  await db.run(`CREATE TEMP TABLE iv_stage AS
    SELECT *, row_number() OVER (PARTITION BY interview_id ORDER BY line) AS occurrence, min(line) OVER (PARTITION BY interview_id) AS first_line
    FROM (SELECT __line AS line, ${id} AS interview_id, ${optionalText(c.employee_id)} AS employee_id, ${optionalText(c.interviewer_id)} AS interviewer_id,
      ${optionalText(c.held_on)} AS held_on_raw, ${dateExpr(optionalText(c.held_on), source.date_formats)} AS held_on,
      ${mapValues(optionalText(c.kind), source.values.kind)} AS kind_raw,
      ${c.notes ? `NULLIF(trim("${c.notes.replaceAll('"', '""')}", ' \t\r\n\u3000'), '')` : 'NULL'} AS notes
    FROM "${raw.table}")`);
  const reject = rejecterFor(db, runId, raw.sourceFile);
  const drop = (where: string) => db.run(`DELETE FROM iv_stage WHERE ${where}`);
  await reject(c.interview_id, 'row_rejected', `SELECT line, interview_id AS value, CASE WHEN interview_id IS NULL THEN 'interview id is empty' ELSE 'duplicate interview id (first at line ' || first_line || ')' END AS reason FROM iv_stage WHERE interview_id IS NULL OR occurrence > 1`);
  await drop('interview_id IS NULL OR occurrence > 1');
  const unknownEmployee = 'employee_id IS NULL OR employee_id NOT IN (SELECT employee_id FROM employees)';
  await reject(c.employee_id, 'row_rejected', `SELECT line, employee_id AS value, CASE WHEN employee_id IS NULL THEN 'employee id is empty' ELSE 'employee is not in the employee list' END AS reason FROM iv_stage WHERE ${unknownEmployee}`);
  await drop(unknownEmployee);
  const badDate = `held_on IS NULL OR held_on > DATE ${lit(asOf)}`;
  await reject(c.held_on, 'row_rejected', `SELECT line, held_on_raw AS value, CASE WHEN held_on IS NULL THEN 'not a valid date in the styles ${source.date_formats.join(', ').replaceAll("'", "''")}' ELSE 'date is after the run date ${asOf}' END AS reason FROM iv_stage WHERE ${badDate}`);
  await drop(badDate);
  await reject(c.notes, 'row_rejected', `SELECT line, NULL AS value, 'notes are empty' AS reason FROM iv_stage WHERE notes IS NULL`);
  await drop('notes IS NULL');
  if (c.kind) {
    await reject(c.kind, 'value_cleared', `SELECT line, kind_raw AS value, 'kind is not one of ${KINDS.join('/')} after mapping (values.kind); read as ${source.default_kind}' AS reason
      FROM iv_stage WHERE kind_raw IS NOT NULL AND kind_raw NOT IN (${KINDS.map(lit).join(', ')})`);
  }
  const n = await db.run(`INSERT INTO interviews
    SELECT interview_id, employee_id, interviewer_id, held_on, CASE WHEN kind_raw IN (${KINDS.map(lit).join(', ')}) THEN kind_raw ELSE ${lit(source.default_kind)} END, notes, line
    FROM iv_stage ORDER BY interview_id`);
  await db.run('DROP TABLE iv_stage');
  return n;
}
