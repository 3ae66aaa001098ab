import type { StageContext } from '../context.ts';
import { inWindowSql } from './dates.ts';

/**
 * Temp tables every artifact builder reads, made once per run after scoring (which makes dept_ancestors,
 * effective_skills and person_scores):
 * - dept_unit: each department and the reporting unit it is counted in (reporting.department_depth);
 * - pub_people: the active people, the reporting unit they are counted in (department_id) and the
 *   department they sit in (leaf_id);
 * - pub_departments: each reporting unit with active people, with its headcount (the unit of suppression);
 * - assessed_levels: each person's assessed level of each skill (skill matrix, not inferred) and its date;
 * - person_retention: each person's retention risk — the signal of their latest interview within
 *   retention.window_months before as_of, `unknown` without one — and that interview.
 */
export async function createPublishTables(ctx: StageContext): Promise<void> {
  const { db, config, asOf } = ctx;
  const depth = await reportingDepth(ctx);
  await db.run(`CREATE OR REPLACE TEMP TABLE dept_unit AS ${deptUnitSql(depth)}`);
  await db.run(`CREATE OR REPLACE TEMP TABLE pub_people AS
    SELECT e.employee_id, COALESCE(u.unit_id, e.department_id) AS department_id, e.department_id AS leaf_id
    FROM employees e LEFT JOIN dept_unit u USING (department_id) WHERE e.status = 'active'`);
  await db.run(`CREATE OR REPLACE TEMP TABLE pub_departments AS
    SELECT p.department_id, COALESCE(any_value(d.name), p.department_id) AS name, count(*)::INTEGER AS headcount
    FROM pub_people p LEFT JOIN departments d USING (department_id)
    WHERE p.department_id IS NOT NULL GROUP BY p.department_id`);
  await db.run(`CREATE OR REPLACE TEMP TABLE assessed_levels AS
    SELECT employee_id, skill_id, max(level) AS level, max(assessed_on) AS assessed_on
    FROM employee_skills WHERE source <> 'inferred' GROUP BY employee_id, skill_id`);
  await db.run(`CREATE OR REPLACE TEMP TABLE person_retention AS
    WITH latest AS (
      SELECT employee_id, interview_id, retention_signal AS risk FROM interview_insights
      WHERE ${inWindowSql('held_on', asOf, config.retention.window_months)}
      QUALIFY row_number() OVER (PARTITION BY employee_id ORDER BY held_on DESC, interview_id DESC) = 1
    )
    SELECT e.employee_id, COALESCE(l.risk, 'unknown') AS risk, l.interview_id
    FROM employees e LEFT JOIN latest l USING (employee_id)`);
}

/** Each department and its unit at `depth`: its ancestor at that depth, or itself when it is not deeper. */
function deptUnitSql(depth: number): string {
  return `SELECT d.department_id, CASE WHEN d.depth <= ${depth} THEN d.department_id ELSE a.ancestor_id END AS unit_id
    FROM departments d LEFT JOIN dept_ancestors a ON a.department_id = d.department_id
      AND a.ancestor_id IN (SELECT department_id FROM departments WHERE depth = ${depth})
    WHERE d.depth <= ${depth} OR a.ancestor_id IS NOT NULL`;
}

/**
 * reporting.department_depth, or the deepest level whose units (with active people) number at most
 * reporting.max_departments — 1 when even the top level has more. Department-sized work: a few queries over
 * the tree, never over people.
 */
async function reportingDepth(ctx: StageContext): Promise<number> {
  const { db, config } = ctx;
  if (config.reporting.department_depth !== undefined) return config.reporting.department_depth;
  const { max } = await db.one<{ max: number | null }>(`SELECT max(depth)::INTEGER AS max FROM departments`);
  await db.run(`CREATE OR REPLACE TEMP TABLE occupied_departments AS SELECT DISTINCT department_id FROM employees WHERE status = 'active' AND department_id IS NOT NULL`);
  let depth = max ?? 1;
  for (; depth > 1; depth--) {
    const { n } = await db.one<{ n: number }>(`SELECT count(DISTINCT u.unit_id)::INTEGER AS n FROM occupied_departments o JOIN (${deptUnitSql(depth)}) u USING (department_id)`);
    if (n <= config.reporting.max_departments) break;
  }
  await db.run(`DROP TABLE occupied_departments`);
  return depth;
}
