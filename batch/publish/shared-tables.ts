import type { StageContext } from '../context.ts';
import { inWindowSql } from './dates.ts';

/**
 * Temp tables every artifact builder reads, made once per run after scoring (which makes dept_ancestors,
 * effective_skills and person_scores):
 * - dept_unit: each department and the reporting unit it is counted in (reporting.department_depth);
 * - pub_people: the active people, the reporting unit they are counted in (department_id) and the
 *   department they sit in (leaf_id);
 * - pub_unit_people: each unit (a department no deeper than the reporting depth) and every active person of
 *   its subtree — a 本部's figures include its 部 and 課;
 * - pub_departments: each unit with active people in its subtree: its headcount (the unit of suppression),
 *   its parent unit, its depth in the published tree (0 at the top), its division (units.ts) and its place
 *   in the tree's order (tree_order: parents before children, siblings by department_id);
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
  // Parents count their subtree: a person is in their reporting unit and in every unit above it.
  await db.run(`CREATE OR REPLACE TEMP TABLE pub_unit_people AS
    SELECT a.ancestor_id AS department_id, p.employee_id
    FROM pub_people p JOIN dept_ancestors a ON a.department_id = p.leaf_id JOIN departments d ON d.department_id = a.ancestor_id
    WHERE d.depth <= ${depth}
    UNION ALL
    SELECT p.department_id, p.employee_id FROM pub_people p
    WHERE p.department_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM departments d WHERE d.department_id = p.leaf_id)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE pub_departments AS ${unitTreeSql()}`);
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

/**
 * The published tree of pub_departments. The divisions (事業部・本部) a page can be filtered by are the units
 * at the top, or those one level below when a single unit (the company itself) stands at the top; a flat
 * list of departments (no unit below another) has none: a filter by each department is the page itself.
 */
function unitTreeSql(): string {
  return `WITH RECURSIVE units AS (SELECT department_id, count(*)::INTEGER AS headcount FROM pub_unit_people GROUP BY department_id),
    named AS (
      SELECT u.department_id, COALESCE(d.name, u.department_id) AS name, u.headcount,
        CASE WHEN d.parent_id IN (SELECT department_id FROM units) THEN d.parent_id END AS parent_id
      FROM units u LEFT JOIN departments d USING (department_id)
    ),
    tree AS (
      SELECT department_id, 0 AS depth, [department_id] AS path FROM named WHERE parent_id IS NULL
      UNION ALL
      SELECT n.department_id, t.depth + 1, list_append(t.path, n.department_id) FROM named n JOIN tree t ON n.parent_id = t.department_id
    ),
    division_depth AS (
      SELECT CASE WHEN max(depth) = 0 THEN NULL
        WHEN count(*) FILTER (WHERE depth = 0) = 1 AND count(*) FILTER (WHERE depth = 1) > 0 THEN 1 ELSE 0 END AS depth FROM tree
    )
    SELECT n.department_id, n.name, n.headcount, n.parent_id, t.depth::INTEGER AS depth,
      CASE WHEN t.depth >= v.depth THEN t.path[v.depth + 1] END AS division_id,
      row_number() OVER (ORDER BY t.path)::INTEGER AS tree_order
    FROM named n JOIN tree t USING (department_id), division_depth v`;
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
