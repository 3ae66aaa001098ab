import type { SkillMap } from '../../schemas/artifacts.ts';
import type { StageContext } from '../context.ts';
import { lit } from '../db.ts';
import { departmentRow, isSuppressed, ofGroup, round, shareOf } from './privacy.ts';

/**
 * This run's company-wide snapshot for the trend: per category, the active people with an assessed skill of
 * it at or above the threshold. One snapshot per as_of: a rerun of the same date replaces its own.
 * Earlier nights' snapshots are in skill_history already (carried over from the previous DuckDB file).
 */
export async function recordSkillHistory(ctx: StageContext): Promise<void> {
  const { db, asOf, config } = ctx;
  await db.run(`DELETE FROM skill_history WHERE as_of = DATE ${lit(asOf)}`);
  await db.run(`INSERT INTO skill_history
    SELECT DATE ${lit(asOf)}, s.category, count(DISTINCT l.employee_id) FILTER (WHERE l.level >= ${config.skill_map.level_threshold})::INTEGER,
      (SELECT count(*) FROM pub_people)::INTEGER
    FROM assessed_levels l JOIN pub_people p USING (employee_id) JOIN skills s USING (skill_id)
    GROUP BY s.category ORDER BY s.category`);
}

/**
 * skill_map.json: department × skill shares of assessed levels, the gaps against key positions' required
 * levels, the strategic skills of the config and the trend per category. Departments are those people sit
 * in; a department under min_group_size is listed with its headcount and nothing else.
 */
export async function buildSkillMap(ctx: StageContext, input: { levelMax: number; categoryOrder: string[] }): Promise<SkillMap> {
  const { db, config } = ctx;
  const k = config.privacy.min_group_size;
  const threshold = config.skill_map.level_threshold;
  const departments = await db.all<{ department_id: string; name: string; headcount: number }>(`SELECT department_id, name, headcount FROM pub_departments ORDER BY department_id`);
  const skills = await db.all<SkillMap['skills'][number]>(`
    SELECT s.skill_id, s.name_ja, s.name_en, s.category FROM skills s
    WHERE s.skill_id IN (SELECT skill_id FROM assessed_levels) ORDER BY s.category, s.skill_id`);
  const cells = await db.all<{ department_id: string; skill_id: string; people: number; headcount: number }>(`
    SELECT p.department_id, l.skill_id, (count(*) FILTER (WHERE l.level >= ${threshold}))::INTEGER AS people, any_value(d.headcount)::INTEGER AS headcount
    FROM assessed_levels l JOIN pub_people p USING (employee_id) JOIN pub_departments d USING (department_id)
    GROUP BY ALL ORDER BY 1, 2`);
  const used = new Set(skills.map((s) => s.category));
  return {
    level_threshold: threshold,
    level_max: input.levelMax,
    min_group_size: k,
    departments: departments.map((d) => departmentRow(d, k)),
    skills,
    cells: cells.map((c) => ({
      department_id: c.department_id,
      skill_id: c.skill_id,
      people_at_level: ofGroup(c.headcount, k, c.people),
      share: shareOf(c.people, c.headcount, k),
    })),
    categories: input.categoryOrder.filter((c, i, all) => used.has(c) && all.indexOf(c) === i),
    position_gaps: await positionGaps(ctx),
    strategic: await strategic(ctx, departments),
    trend: await trend(ctx),
  };
}

/**
 * For each department owning key positions: the highest level its positions require of each skill, and how
 * many active people of the department's subtree hold it at that level, against skill_map.holders_target.
 */
async function positionGaps(ctx: StageContext): Promise<SkillMap['position_gaps']> {
  const { db, config } = ctx;
  const k = config.privacy.min_group_size;
  const target = config.skill_map.holders_target;
  const rows = await db.all<{ department_id: string; name: string; headcount: number; skill_id: string; required_level: number; position_ids: string[]; holders: number }>(`
    WITH req AS (
      SELECT k.department_id, r.skill_id, max(r.level)::INTEGER AS required_level, list_sort(list_distinct(list(k.position_id))) AS position_ids
      FROM key_positions k JOIN key_position_skills r USING (position_id) WHERE k.department_id IS NOT NULL GROUP BY ALL
    ),
    subtree AS (
      SELECT a.ancestor_id AS department_id, p.employee_id FROM pub_people p JOIN dept_ancestors a ON a.department_id = p.leaf_id
      WHERE a.ancestor_id IN (SELECT department_id FROM req)
    ),
    heads AS (SELECT department_id, count(*)::INTEGER AS headcount FROM subtree GROUP BY ALL),
    holders AS (
      SELECT r.department_id, r.skill_id, count(*)::INTEGER AS holders
      FROM req r JOIN subtree t USING (department_id) JOIN assessed_levels l ON l.employee_id = t.employee_id AND l.skill_id = r.skill_id AND l.level >= r.required_level
      GROUP BY ALL
    )
    SELECT r.department_id, COALESCE(d.name, r.department_id) AS name, COALESCE(h.headcount, 0) AS headcount, r.skill_id, r.required_level, r.position_ids,
      COALESCE(x.holders, 0) AS holders
    FROM req r LEFT JOIN departments d USING (department_id) LEFT JOIN heads h USING (department_id) LEFT JOIN holders x USING (department_id, skill_id)
    ORDER BY r.department_id, r.required_level DESC, r.skill_id`);
  const out: SkillMap['position_gaps'] = [];
  for (const r of rows) {
    let dept = out.at(-1);
    if (dept?.department_id !== r.department_id) {
      dept = { ...departmentRow(r, k), skills: [] };
      out.push(dept);
    }
    dept.skills.push({
      skill_id: r.skill_id,
      required_level: r.required_level,
      position_ids: r.position_ids,
      holders: ofGroup(r.headcount, k, r.holders),
      target,
      shortfall: ofGroup(r.headcount, k, Math.max(target - r.holders, 0)),
    });
  }
  return out;
}

/** The strategic skills of the config: share of active people at or above their level, company-wide and by department. */
async function strategic(ctx: StageContext, departments: Array<{ department_id: string; headcount: number }>): Promise<SkillMap['strategic']> {
  const { db, config } = ctx;
  const k = config.privacy.min_group_size;
  const wanted = config.skill_map.strategic_skills.map((s, i) => ({ i, skill_id: s.skill_id, level: s.level ?? config.skill_map.level_threshold, target_share: s.target_share }));
  if (wanted.length === 0) return [];
  const values = wanted.map((w) => `(${w.i}, ${lit(w.skill_id)}, ${w.level})`).join(', ');
  const rows = await db.all<{ i: number; department_id: string | null; holders: number }>(`
    WITH wanted(i, skill_id, level) AS (VALUES ${values})
    SELECT w.i, p.department_id, count(*)::INTEGER AS holders
    FROM wanted w JOIN assessed_levels l ON l.skill_id = w.skill_id AND l.level >= w.level JOIN pub_people p USING (employee_id)
    GROUP BY ALL`);
  const { headcount } = await db.one<{ headcount: number }>(`SELECT count(*)::INTEGER AS headcount FROM pub_people`);
  return wanted.map((w) => {
    const mine = rows.filter((r) => r.i === w.i);
    const byDept = new Map(mine.map((r) => [r.department_id, r.holders]));
    const company = mine.reduce((sum, r) => sum + r.holders, 0);
    return {
      skill_id: w.skill_id,
      level: w.level,
      target_share: w.target_share,
      company_share: shareOf(company, headcount, k),
      departments: departments.map((d) => ({ department_id: d.department_id, share: shareOf(byDept.get(d.department_id) ?? 0, d.headcount, k) })),
    };
  });
}

/** Every snapshot in skill_history (earlier nights and this one), oldest first; a company under k people has none. */
async function trend(ctx: StageContext): Promise<SkillMap['trend']> {
  const k = ctx.config.privacy.min_group_size;
  const rows = await ctx.db.all<{ as_of: string; category: string; people_at_level: number; headcount: number }>(`
    SELECT CAST(as_of AS VARCHAR) AS as_of, category, people_at_level, headcount FROM skill_history ORDER BY as_of, category`);
  return rows
    .filter((r) => !isSuppressed(r.headcount, k))
    .map((r) => ({ as_of: r.as_of, category: r.category, share: round(r.people_at_level / r.headcount), headcount: r.headcount }));
}
