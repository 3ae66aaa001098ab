import type { z } from 'zod';
import { EmployeesSource } from '../../schemas/config.ts';
import { lit } from '../db.ts';
import type { StageContext } from '../context.ts';
import type { RawTable } from '../ingest/load-source.ts';
import { rejecterFor } from '../rejects.ts';
import { cleanedColumns, dateExpr, duplicatesOf, foldDigits, mapValues } from './sql-expressions.ts';

type Source = z.infer<typeof EmployeesSource>;

const COLUMN_KEYS = Object.keys(EmployeesSource.shape.columns.shape);

const STATUSES = ['active', 'leave', 'left'];

/**
 * Department path as one id: parts trimmed and joined again, so `製造本部 / 組立課` and `製造本部/組立課` meet.
 * Only paths with a blank or an empty part are split (the split costs a list per person).
 */
function departmentPathExpr(expr: string, sep: string | undefined): string {
  if (!sep) return expr;
  const s = lit(sep);
  const untidy = `contains(${expr}, ' ') OR contains(${expr}, '\u3000') OR contains(${expr}, ${lit(sep + sep)}) OR starts_with(${expr}, ${s}) OR ends_with(${expr}, ${s})`;
  return `(CASE WHEN ${untidy} THEN array_to_string(list_filter(list_transform(string_split(${expr}, ${s}), x -> trim(x, ' \u3000')), x -> x <> ''), ${s}) ELSE ${expr} END)`;
}

/**
 * employees + departments from the HRIS export. Rows without an id or repeating an id are rejected;
 * an unreadable date, unknown manager or status clears that value only — the person stays.
 */
export async function normalizeEmployees(ctx: StageContext, raw: RawTable, source: Source): Promise<{ employees: number; departments: number }> {
  const { db, runId, asOf, config } = ctx;
  const c = source.columns;
  const name = c.name ? 'name' : `NULLIF(concat_ws(' ', family_name, given_name), '')`;
  const gradeOrder = config.scoring.succession.grade_order;
  await db.run(`CREATE TEMP TABLE emp_stage AS
    SELECT line, employee_id, ${name} AS name,
      ${departmentPathExpr(c.department_id ? 'department_id' : 'department', source.department_separator)} AS department_id,
      department AS department_name, job_title, grade,
      ${gradeOrder.length ? `list_position(${`[${gradeOrder.map(lit).join(', ')}]`}, grade) - 1` : 'NULL'}::INTEGER AS grade_rank,
      ${mapValues('employment_type', source.values.employment_type)} AS employment_type,
      hire_date AS hire_date_raw, ${dateExpr('hire_date', source.date_formats)} AS hire_date,
      tenure_years AS tenure_raw, TRY_CAST(${foldDigits('tenure_years')} AS DOUBLE) AS tenure_export,
      manager_id, location, ${mapValues('status', source.values.status)} AS status_raw
    FROM ${cleanedColumns(raw.table, COLUMN_KEYS, c)}`);
  const later = duplicatesOf('emp_stage', ['employee_id']);
  const reject = rejecterFor(db, runId, raw.sourceFile);
  await reject(c.employee_id, 'row_rejected', `SELECT line, NULL AS value, 'employee id is empty' AS reason FROM emp_stage WHERE employee_id IS NULL`);
  await reject(c.employee_id, 'row_rejected', `SELECT line, employee_id AS value, 'duplicate employee id (first at line ' || first_line || ')' AS reason FROM (${later})`);
  await db.run(`DELETE FROM emp_stage WHERE employee_id IS NULL OR line IN (SELECT line FROM (${later}))`);
  if (c.hire_date) {
    await reject(c.hire_date, 'value_cleared', `SELECT line, hire_date_raw AS value, 'not a valid date in the styles ${source.date_formats.join(', ').replaceAll("'", "''")}' AS reason FROM emp_stage WHERE hire_date_raw IS NOT NULL AND hire_date IS NULL`);
    await reject(c.hire_date, 'value_cleared', `SELECT line, hire_date_raw AS value, 'hire date is after the run date ${asOf}' AS reason FROM emp_stage WHERE hire_date > DATE ${lit(asOf)}`);
    await db.run(`UPDATE emp_stage SET hire_date = NULL WHERE hire_date > DATE ${lit(asOf)}`);
  }
  if (c.tenure_years) {
    await reject(c.tenure_years, 'value_cleared', `SELECT line, tenure_raw AS value, 'years of service is not a number ≥ 0' AS reason FROM emp_stage WHERE tenure_raw IS NOT NULL AND (tenure_export IS NULL OR tenure_export < 0)`);
  }
  if (c.manager_id) {
    await reject(c.manager_id, 'value_cleared', `SELECT s.line, s.manager_id AS value, 'manager is not in the employee list' AS reason FROM emp_stage s
      WHERE s.manager_id IS NOT NULL AND s.manager_id NOT IN (SELECT employee_id FROM emp_stage)`);
    await reject(c.manager_id, 'value_cleared', `SELECT line, manager_id AS value, 'employee is their own manager' AS reason FROM emp_stage WHERE manager_id = employee_id`);
  }
  if (c.status) {
    await reject(c.status, 'value_cleared', `SELECT line, status_raw AS value, 'status is not one of ${STATUSES.join('/')} after mapping (values.status); read as active' AS reason
      FROM emp_stage WHERE status_raw IS NOT NULL AND status_raw NOT IN (${STATUSES.map(lit).join(', ')})`);
  }

  if (c.grade && gradeOrder.length) {
    await reject(c.grade, 'value_flagged', `SELECT line, grade AS value, ${lit(`grade is not in scoring.succession.grade_order (${gradeOrder.join(', ')}): succession reads it as no grade`)} AS reason
      FROM emp_stage WHERE grade IS NOT NULL AND grade_rank IS NULL`);
  }

  await db.run(`INSERT INTO employees
    SELECT employee_id, name, department_id, job_title, grade, grade_rank, employment_type, hire_date,
      round(COALESCE(date_diff('day', hire_date, DATE ${lit(asOf)}) / 365.25, CASE WHEN tenure_export >= 0 THEN tenure_export END), 2),
      CASE WHEN manager_id IN (SELECT employee_id FROM emp_stage) AND manager_id <> employee_id THEN manager_id END,
      location,
      CASE WHEN status_raw IN (${STATUSES.map(lit).join(', ')}) THEN status_raw ELSE 'active' END,
      line, ${lit(raw.sourceFile)}
    FROM emp_stage ORDER BY employee_id`);

  const sep = source.department_separator;
  if (sep && !c.department_id) {
    await db.run(`INSERT INTO departments
      WITH paths AS (SELECT DISTINCT department_id AS p FROM emp_stage WHERE department_id IS NOT NULL),
      parts AS (SELECT p, string_split(p, ${lit(sep)}) AS parts FROM paths),
      prefixes AS (SELECT parts, unnest(range(1, len(parts) + 1)) AS i FROM parts)
      SELECT DISTINCT array_to_string(parts[1:i], ${lit(sep)}), parts[i],
        CASE WHEN i > 1 THEN array_to_string(parts[1:i - 1], ${lit(sep)}) END, i, NULL
      FROM prefixes ORDER BY 1`);
  } else {
    await db.run(`INSERT INTO departments
      SELECT department_id, any_value(COALESCE(department_name, department_id)), NULL, 1, NULL
      FROM emp_stage WHERE department_id IS NOT NULL GROUP BY department_id ORDER BY 1`);
  }
  await nameDepartmentsInEnglish(ctx);
  if (c.manager_id) await flagManagers(ctx, raw.sourceFile, c.manager_id);
  await db.run('DROP TABLE emp_stage');
  const e = await db.one<{ e: number; d: number }>(`SELECT (SELECT count(*) FROM employees)::INTEGER e, (SELECT count(*) FROM departments)::INTEGER d`);
  return { employees: e.e, departments: e.d };
}

/** The longest reporting chain followed when looking for cycles (real hierarchies are under 20 deep). */
const MAX_CHAIN = 64;

/**
 * Flags what makes the reporting lines wrong without making any row unreadable: a manager who has left, and
 * manager cycles (A → B → A), each cycle reported once, on the line of its first member, with every id and line.
 */
async function flagManagers(ctx: StageContext, sourceFile: string, column: string): Promise<void> {
  const { db, runId } = ctx;
  const reject = rejecterFor(db, runId, sourceFile);
  await reject(column, 'value_flagged', `SELECT e.source_line AS line, e.manager_id AS value, 'manager ' || e.manager_id || ' has left (status left)' AS reason
    FROM employees e JOIN employees m ON m.employee_id = e.manager_id WHERE m.status = 'left' AND e.status <> 'left'`);
  // Follow every chain upwards; whoever comes back to themselves is on a cycle.
  const members = await db.all<{ employee_id: string; manager_id: string; line: number }>(`
    WITH RECURSIVE up(start, cur, depth) AS (
      -- Everyone on a cycle manages the next one on it: the chains of managers are all there is to follow.
      SELECT employee_id, manager_id, 1 FROM employees WHERE manager_id IS NOT NULL AND employee_id IN (SELECT manager_id FROM employees)
      UNION ALL
      SELECT u.start, e.manager_id, u.depth + 1 FROM up u JOIN employees e ON e.employee_id = u.cur
      WHERE e.manager_id IS NOT NULL AND u.cur <> u.start AND u.depth < ${MAX_CHAIN})
    SELECT e.employee_id, e.manager_id, e.source_line AS line FROM employees e
    WHERE e.employee_id IN (SELECT start FROM up WHERE cur = start) ORDER BY e.employee_id`);
  if (members.length === 0) return;
  const byId = new Map(members.map((m) => [m.employee_id, m]));
  const seen = new Set<string>();
  const sink: string[] = [];
  for (const m of members) {
    if (seen.has(m.employee_id)) continue;
    const cycle: typeof members = [];
    for (let x: (typeof members)[number] | undefined = m; x && !seen.has(x.employee_id); x = byId.get(x.manager_id)) {
      seen.add(x.employee_id);
      cycle.push(x);
    }
    const first = cycle.reduce((a, b) => (b.line < a.line ? b : a));
    const path = [...cycle.map((x) => `${x.employee_id} (line ${x.line})`), cycle[0]!.employee_id].join(' → ');
    sink.push(`(${first.line}, ${lit(cycle.map((x) => x.employee_id).join(' → '))}, ${lit(`manager cycle: ${path}; the reporting lines above them are unknown`)})`);
  }
  await reject(column, 'value_flagged', `SELECT * FROM (VALUES ${sink.join(', ')}) t(line, value, reason)`);
}

/** departments.name_en from the config's names_en.departments: by department_id first, else by name. */
async function nameDepartmentsInEnglish(ctx: StageContext): Promise<void> {
  const names = Object.entries(ctx.config.names_en.departments);
  if (names.length === 0) return;
  const values = names.map(([key, en]) => `(${lit(key)}, ${lit(en)})`).join(', ');
  await ctx.db.run(`UPDATE departments d SET name_en = COALESCE(
      (SELECT en FROM (VALUES ${values}) m(key, en) WHERE m.key = d.department_id),
      (SELECT en FROM (VALUES ${values}) m(key, en) WHERE m.key = d.name))`);
}
