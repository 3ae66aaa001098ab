import type { z } from 'zod';
import { InterviewsSource } from '../../schemas/config.ts';
import { ident, lit } from '../db.ts';
import type { StageContext } from '../context.ts';
import type { RawTable } from '../ingest/load-source.ts';
import { rejecterFor, type RejectSink } from '../rejects.ts';
import { loadTranscripts, type TranscriptFolder } from './interview-transcripts.ts';
import { cleanedColumns, dateExpr, dropWhere, duplicatesOf, mapValues, sameLine, trimBlanks } from './sql-expressions.ts';

type Source = z.infer<typeof InterviewsSource>;

const COLUMN_KEYS = Object.keys(InterviewsSource.shape.columns.shape);

const KINDS = ['career', '1on1', 'review'];

/**
 * interviews: a row needs a known person, a readable date and some notes (its notes cell, or its transcript file
 * when `transcripts` is configured); an unknown kind falls back to default_kind.
 * The notes, nearly all of the bytes, are not copied into the stage: it holds the short fields in file order
 * and whether each row is kept, and the kept rows' notes are read from the raw table beside it (POSITIONAL JOIN).
 */
export async function normalizeInterviews(ctx: StageContext, raw: RawTable, source: Source, files: { folder: TranscriptFolder | null; sink: RejectSink }): Promise<number> {
  const { db, runId, asOf } = ctx;
  const { notes, ...c } = source.columns;
  const notesIn = (table: string) => (notes ? `NULLIF(${trimBlanks(`${table}.${ident(notes)}`)}, '')` : 'NULL::VARCHAR');
  const id = c.interview_id ? 'interview_id' : `${lit(raw.sourceFile + ':')} || line`;
  await db.run(`CREATE TEMP TABLE iv_stage AS
    SELECT line, ${id} AS interview_id, employee_id, interviewer_id, held_on AS held_on_raw, ${dateExpr('held_on', source.date_formats)} AS held_on,
      ${mapValues('kind', source.values.kind)} AS kind_raw, transcript_file, has_notes, true AS keep
    FROM ${cleanedColumns(raw.table, COLUMN_KEYS, c, [`${notesIn(ident(raw.table))} IS NOT NULL AS has_notes`])}
    ORDER BY line`);
  const reject = rejecterFor(db, runId, raw.sourceFile);
  const drop = (where: string) => db.run(dropWhere('iv_stage', where));
  const later = duplicatesOf('iv_stage', ['interview_id']);
  await reject(c.interview_id, 'row_rejected', `SELECT line, interview_id AS value, 'interview id is empty' AS reason FROM iv_stage WHERE interview_id IS NULL
    UNION ALL SELECT line, interview_id, 'duplicate interview id (first at line ' || first_line || ')' FROM (${later})`);
  await drop(`interview_id IS NULL OR line IN (SELECT line FROM (${later}))`);
  const unknownEmployee = 'employee_id IS NULL OR employee_id NOT IN (SELECT employee_id FROM employees)';
  await reject(c.employee_id, 'row_rejected', `SELECT line, employee_id AS value, CASE WHEN employee_id IS NULL THEN 'employee id is empty' ELSE 'employee is not in the employee list' END AS reason FROM iv_stage WHERE keep AND (${unknownEmployee})`);
  await drop(unknownEmployee);
  const badDate = `held_on IS NULL OR held_on > DATE ${lit(asOf)}`;
  await reject(c.held_on, 'row_rejected', `SELECT line, held_on_raw AS value, CASE WHEN held_on IS NULL THEN 'not a valid date in the styles ${source.date_formats.join(', ').replaceAll("'", "''")}' ELSE 'date is after the run date ${asOf}' END AS reason FROM iv_stage WHERE keep AND (${badDate})`);
  await drop(badDate);
  const transcripts = files.folder ? await loadTranscripts(db, 'iv_stage', source, files.folder, { sink: files.sink, sourceFile: raw.sourceFile }) : null;
  if (transcripts) {
    // A row without notes of its own needs its transcript; one with notes loads them, and a transcript the
    // row names that cannot be read is reported (by a pattern, a row may simply have none).
    const problems = transcripts.filter((t) => 'problem' in t);
    await db.run(`CREATE TEMP TABLE iv_problems (line INTEGER, problem VARCHAR, missing BOOLEAN)`);
    if (problems.length) await db.run(`INSERT INTO iv_problems VALUES ${problems.map((t) => `(${t.line}, ${lit(t.problem)}, ${t.missing})`).join(', ')}`);
    await db.run(`UPDATE iv_stage SET has_notes = true WHERE line IN (SELECT line FROM iv_transcripts)`);
    await reject(c.transcript_file ?? notes, 'row_rejected', `SELECT s.line, NULL AS value, 'notes are empty and ' || COALESCE(p.problem, 'the row names no transcript') AS reason
      FROM iv_stage s LEFT JOIN iv_problems p USING (line) WHERE s.keep AND NOT s.has_notes`);
    await reject(c.transcript_file, 'value_cleared', `SELECT s.line, NULL AS value, p.problem || ': the row is loaded with its notes only' AS reason
      FROM iv_stage s JOIN iv_problems p USING (line) WHERE s.keep AND s.has_notes AND ${c.transcript_file ? 'true' : 'NOT p.missing'}`);
    await db.run('DROP TABLE iv_problems');
  } else {
    await reject(notes, 'row_rejected', `SELECT line, NULL AS value, 'notes are empty' AS reason FROM iv_stage WHERE keep AND NOT has_notes`);
  }
  await drop('NOT has_notes');
  if (c.kind) {
    await reject(c.kind, 'value_cleared', `SELECT line, kind_raw AS value, 'kind is not one of ${KINDS.join('/')} after mapping (values.kind); read as ${source.default_kind}' AS reason
      FROM iv_stage WHERE keep AND kind_raw IS NOT NULL AND kind_raw NOT IN (${KINDS.map(lit).join(', ')})`);
  }
  const kind = `CASE WHEN s.kind_raw IN (${KINDS.map(lit).join(', ')}) THEN s.kind_raw ELSE ${lit(source.default_kind)} END`;
  // The transcript joins on by line after the notes are read beside their raw row.
  const text = transcripts
    ? { notes: `concat_ws(${lit('\n\n')}, ${notesIn('r')}, t.text)`, file: 't.file', join: 'LEFT JOIN iv_transcripts t ON t.line = s.line' }
    : { notes: notesIn('r'), file: 'NULL', join: '' };
  const n = await db.run(`INSERT INTO interviews
    SELECT s.interview_id, s.employee_id, s.interviewer_id, s.held_on, ${kind}, ${text.notes}, ${sameLine('s', 'r')}, ${text.file}, ${lit(raw.sourceFile)}
    FROM iv_stage s POSITIONAL JOIN ${ident(raw.table)} r ${text.join} WHERE s.keep`);
  if (transcripts) await db.run('DROP TABLE iv_transcripts');
  await db.run('DROP TABLE iv_stage');
  return n;
}
