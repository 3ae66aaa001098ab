import type { StageContext } from '../context.ts';
import { lit } from '../db.ts';
import { CliError, EXIT } from '../errors.ts';

/**
 * department_functions: each department's function, the unit the succession reach rule compares. A listed
 * department (scoring.succession.reach.functions) gives its function to everything under it, the nearest
 * listing winning; the rest belong to their ancestor at reach.function_depth. Needs dept_ancestors.
 */
export async function storeDepartmentFunctions(ctx: StageContext): Promise<void> {
  const { db } = ctx;
  const reach = ctx.config.scoring.succession.reach;
  const listed = Object.entries(reach.functions).flatMap(([fn, ids]) => ids.map((id) => ({ fn, id })));
  await checkListedDepartments(ctx, listed);
  // Scoring's own table, filled afresh: a second scoring on the same database must not double it.
  await db.run(`DELETE FROM department_functions`);
  const depth = reach.function_depth === 'auto' ? await autoFunctionDepth(ctx) : reach.function_depth;
  const values = listed.length ? listed.map((l) => `(${lit(l.id)}, ${lit(l.fn)})`).join(', ') : `(NULL, NULL)`;
  await db.run(`INSERT INTO department_functions
    WITH listed(department_id, function) AS (VALUES ${values}),
    by_config AS (
      SELECT a.department_id, arg_max(l.function, d.depth) AS function
      FROM dept_ancestors a JOIN listed l ON l.department_id = a.ancestor_id JOIN departments d ON d.department_id = a.ancestor_id
      GROUP BY a.department_id
    ),
    by_tree AS (
      SELECT a.department_id, arg_max(a.ancestor_id, d.depth) AS function
      FROM dept_ancestors a JOIN departments d ON d.department_id = a.ancestor_id
      WHERE d.depth <= ${depth} GROUP BY a.department_id
    )
    SELECT d.department_id, COALESCE(c.function, t.function), CASE WHEN c.function IS NOT NULL THEN 'config' ELSE 'tree' END
    FROM departments d LEFT JOIN by_config c USING (department_id) LEFT JOIN by_tree t USING (department_id)
    ORDER BY d.department_id`);
}

/** The first depth of the tree with more than one department (1 when none has). */
async function autoFunctionDepth(ctx: StageContext): Promise<number> {
  const row = await ctx.db.one<{ depth: number | null }>(`SELECT min(depth)::INTEGER AS depth FROM (SELECT depth FROM departments GROUP BY depth HAVING count(*) > 1)`);
  return row.depth ?? 1;
}

/** A listed department the exports do not have would silently group nothing: a config error naming the key. */
async function checkListedDepartments(ctx: StageContext, listed: Array<{ fn: string; id: string }>): Promise<void> {
  if (!listed.length) return;
  const known = new Set((await ctx.db.all<{ department_id: string }>(`SELECT department_id FROM departments`)).map((d) => d.department_id));
  const missing = listed.filter((l) => !known.has(l.id));
  if (!missing.length) return;
  const top = (await ctx.db.all<{ department_id: string }>(`SELECT department_id FROM departments WHERE depth = 1 ORDER BY department_id LIMIT 8`)).map((d) => d.department_id);
  throw new CliError(
    missing.map((m) => `scoring.succession.reach.functions.${m.fn}: no department "${m.id}" in the exports.`).join('\n') +
      `\nWrite departments as their ids (the path as exported, e.g. ${top[0] ?? '製造本部'}/…); the top of the tree is: ${top.join(', ') || '(no departments)'}.`,
    EXIT.config,
  );
}
