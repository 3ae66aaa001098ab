import type { z } from 'zod';
import type { SkillMatrixSource } from '../../schemas/config.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { ident, lit } from '../db.ts';
import type { StageContext } from '../context.ts';
import type { RawTable } from '../ingest/load-source.ts';
import { rejecterFor, type RejectSink } from '../rejects.ts';
import { createSkillLookup } from './skill-lookup.ts';
import { cleanText, scaleExpr } from './sql-expressions.ts';

type Source = z.infer<typeof SkillMatrixSource>;

/** Which header is which skill; headers that are neither skills nor ignored are reported, not guessed. */
export function mapMatrixHeaders(headers: string[], source: Source, taxonomy: Taxonomy): { mapped: Array<[header: string, skillId: string]>; unknown: string[] } {
  const lookup = createSkillLookup(taxonomy, source.skill_columns);
  const skip = new Set([source.employee_id_column, ...source.ignore_columns]);
  const mapped: Array<[string, string]> = [];
  const unknown: string[] = [];
  for (const h of headers) {
    if (skip.has(h)) continue;
    const id = lookup(h);
    if (id) mapped.push([h, id]);
    else unknown.push(h);
  }
  return { mapped, unknown };
}

/**
 * A wide skill map (one column per skill, ◎○△× or digits) unpivoted into employee_skills in SQL.
 * Unknown people reject their row; an unknown symbol clears that one cell.
 */
export async function normalizeSkillMatrix(ctx: StageContext, raw: RawTable, source: Source, taxonomy: Taxonomy, sink: RejectSink): Promise<{ rows: number; skills: number }> {
  const { db, runId, asOf } = ctx;
  const { mapped, unknown } = mapMatrixHeaders(raw.headers, source, taxonomy);
  for (const h of unknown) {
    sink.add({
      source_file: raw.sourceFile,
      line: source.header_line,
      column: h,
      value: h,
      reason: 'column is not a skill of the taxonomy: its cells were not loaded (map it in skill_columns or list it in ignore_columns)',
      action: 'value_cleared',
    });
  }
  sink.flush();
  if (mapped.length === 0) return { rows: 0, skills: 0 };
  const id = cleanText(source.employee_id_column);
  const cell = scaleExpr('cell', source.scale, { normalize: false, numeric: true });
  await db.run(`CREATE TEMP TABLE matrix_columns (header VARCHAR, skill_id VARCHAR)`);
  await db.run(`INSERT INTO matrix_columns VALUES ${mapped.map(([h, s]) => `(${lit(h)}, ${lit(s)})`).join(', ')}`);
  await db.run(`CREATE TEMP TABLE matrix_rows AS
    SELECT __line AS line, ${id} AS employee_id, row_number() OVER (PARTITION BY ${id} ORDER BY __line) AS occurrence, min(__line) OVER (PARTITION BY ${id}) AS first_line
    FROM ${ident(raw.table)}`);
  const reject = rejecterFor(db, runId, raw.sourceFile);
  await reject(source.employee_id_column, 'row_rejected', `SELECT line, employee_id AS value,
      CASE WHEN employee_id IS NULL THEN 'employee id is empty' WHEN occurrence > 1 THEN 'second row for this employee (first at line ' || first_line || ')' ELSE 'employee is not in the employee list' END AS reason
    FROM matrix_rows WHERE employee_id IS NULL OR occurrence > 1 OR employee_id NOT IN (SELECT employee_id FROM employees)`);
  await db.run(`CREATE TEMP TABLE matrix_cells AS
    SELECT r.line, r.employee_id, u.header, m.skill_id, u.cell, ${cell.value} AS level, ${cell.known} AS known
    FROM (SELECT __line, header, NULLIF(trim(cell, ' \t\u3000'), '') AS cell
          FROM (UNPIVOT (SELECT __line, ${mapped.map(([h]) => ident(h)).join(', ')} FROM ${ident(raw.table)}) ON ${mapped.map(([h]) => ident(h)).join(', ')} INTO NAME header VALUE cell)) u
    JOIN matrix_rows r ON r.line = u.__line
    JOIN matrix_columns m ON m.header = u.header
    WHERE r.occurrence = 1 AND r.employee_id IN (SELECT employee_id FROM employees) AND u.cell IS NOT NULL`);
  const symbols = Object.keys(source.scale).filter((k) => k.trim()).join(' ');
  await db.run(`INSERT INTO rejects SELECT ${lit(runId)}, ${lit(raw.sourceFile)}, line, header, cell,
      'not a level: use ${symbols.replaceAll("'", "''")} or 0–${source.level_max}', 'value_cleared'
    FROM matrix_cells WHERE NOT known ORDER BY line, header`);
  const assessedOn = source.assessed_on ? `DATE ${lit(source.assessed_on)}` : `DATE ${lit(asOf)}`;
  const rows = await db.run(`INSERT INTO employee_skills
    SELECT employee_id, skill_id, max(level)::INTEGER, ${lit(source.source)}, NULL, 1.0, ${assessedOn}, ${lit(raw.sourceFile + ':')} || min(line), NULL, NULL
    FROM matrix_cells WHERE known AND level IS NOT NULL
    GROUP BY employee_id, skill_id ORDER BY employee_id, skill_id`);
  await db.run('DROP TABLE matrix_cells; DROP TABLE matrix_rows; DROP TABLE matrix_columns');
  return { rows, skills: new Set(mapped.map(([, s]) => s)).size };
}
