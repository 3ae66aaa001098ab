import type { SkillMap } from '../../schemas/artifacts.ts';
import type { StageContext } from '../context.ts';
import { lit } from '../db.ts';
import { isSuppressed, round, treeSuppression, type TreeUnit } from './privacy.ts';
import { companyHeadcount, publishedUnits, unitRow, unitTree, type Unit } from './units.ts';

type GapRow = { department_id: string; name: string; headcount: number; division_id: string | null; skill_id: string; required_level: number; position_ids: string[]; holders: number };

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
 * levels, the strategic skills of the config and the trend per category. Departments are the units of the
 * published tree, each counting its subtree; a hidden one (under min_group_size, or complementary) is listed
 * with its headcount and nothing else. The key-position departments of the gaps (課 below the units
 * included) are hidden by the same tree, as a gap's holders at the threshold level are a heatmap's count.
 */
export async function buildSkillMap(ctx: StageContext, input: { levelMax: number; categoryOrder: string[] }): Promise<SkillMap> {
  const { db, config } = ctx;
  const k = config.privacy.min_group_size;
  const threshold = config.skill_map.level_threshold;
  const units = await publishedUnits(ctx);
  const company = await companyHeadcount(ctx);
  const gaps = await positionGapRows(ctx);
  const hidden = treeSuppression(await skillTree(ctx, units, gaps), k, [...units, ...gaps].filter((u) => isSuppressed(u.headcount, k)).map((u) => u.department_id), {
    size: company,
    shown: !isSuppressed(company, k),
  });
  const skills = await db.all<SkillMap['skills'][number]>(`
    SELECT s.skill_id, s.name_ja, s.name_en, s.category FROM skills s
    WHERE s.skill_id IN (SELECT skill_id FROM assessed_levels) ORDER BY s.category, s.skill_id`);
  const cells = await db.all<{ department_id: string; skill_id: string; people: number; headcount: number }>(`
    SELECT u.department_id, l.skill_id, (count(*) FILTER (WHERE l.level >= ${threshold}))::INTEGER AS people, any_value(d.headcount)::INTEGER AS headcount
    FROM assessed_levels l JOIN pub_unit_people u USING (employee_id) JOIN pub_departments d USING (department_id)
    GROUP BY ALL ORDER BY 1, 2`);
  const used = new Set(skills.map((s) => s.category));
  return {
    level_threshold: threshold,
    level_max: input.levelMax,
    min_group_size: k,
    departments: units.map((u) => unitRow(u, hidden)),
    skills,
    cells: cells.map((c) => ({
      department_id: c.department_id,
      skill_id: c.skill_id,
      people_at_level: hidden.has(c.department_id) ? null : c.people,
      share: hidden.has(c.department_id) ? null : round(c.people / c.headcount),
    })),
    categories: input.categoryOrder.filter((c, i, all) => used.has(c) && all.indexOf(c) === i),
    position_gaps: positionGaps(ctx, gaps, hidden),
    strategic: await strategic(ctx, units, hidden, company),
    trend: await trend(ctx),
  };
}

/**
 * The tree complementary suppression runs over for the skill map: the units, and the key-position
 * departments of the gaps under their nearest ancestor among them.
 */
async function skillTree(ctx: StageContext, units: Unit[], gaps: GapRow[]): Promise<TreeUnit<string>[]> {
  const unitIds = new Set(units.map((u) => u.department_id));
  const unitNodes = unitTree(units);
  const extra = [...new Map(gaps.filter((g) => !unitIds.has(g.department_id)).map((g) => [g.department_id, g])).values()];
  if (extra.length === 0) return unitNodes;
  const ids = [...unitIds, ...extra.map((g) => g.department_id)];
  const nearest = await ctx.db.all<{ department_id: string; parent_id: string }>(`
    WITH ids(id) AS (VALUES ${ids.map((id) => `(${lit(id)})`).join(', ')}), extra(id) AS (VALUES ${extra.map((g) => `(${lit(g.department_id)})`).join(', ')})
    SELECT a.department_id, arg_max(a.ancestor_id, d.depth) AS parent_id
    FROM dept_ancestors a JOIN departments d ON d.department_id = a.ancestor_id
    WHERE a.department_id IN (SELECT id FROM extra) AND a.ancestor_id <> a.department_id AND a.ancestor_id IN (SELECT id FROM ids)
    GROUP BY a.department_id`);
  const parentOf = new Map(nearest.map((n) => [n.department_id, n.parent_id]));
  return [
    ...unitNodes,
    ...extra.map((g) => ({ id: g.department_id, parent: parentOf.get(g.department_id) ?? null, size: g.headcount })),
  ];
}

/**
 * For each department owning key positions: the highest level its positions require of each skill, and how
 * many active people of the department's subtree hold it at that level, against skill_map.holders_target.
 */
async function positionGapRows(ctx: StageContext): Promise<GapRow[]> {
  return ctx.db.all<GapRow>(`
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
    ),
    divisions AS (
      SELECT a.department_id, any_value(u.division_id) AS division_id FROM dept_ancestors a JOIN pub_departments u ON u.department_id = a.ancestor_id AND u.department_id = u.division_id
      WHERE a.department_id IN (SELECT department_id FROM req) GROUP BY ALL
    )
    SELECT r.department_id, COALESCE(d.name, r.department_id) AS name, COALESCE(h.headcount, 0) AS headcount, v.division_id, r.skill_id, r.required_level, r.position_ids,
      COALESCE(x.holders, 0) AS holders
    FROM req r LEFT JOIN departments d USING (department_id) LEFT JOIN heads h USING (department_id) LEFT JOIN holders x USING (department_id, skill_id)
      LEFT JOIN divisions v USING (department_id)
    ORDER BY r.department_id, r.required_level DESC, r.skill_id`);
}

function positionGaps(ctx: StageContext, rows: GapRow[], hidden: ReadonlySet<string>): SkillMap['position_gaps'] {
  const target = ctx.config.skill_map.holders_target;
  const out: SkillMap['position_gaps'] = [];
  for (const r of rows) {
    let dept = out.at(-1);
    const suppressed = hidden.has(r.department_id);
    if (dept?.department_id !== r.department_id) {
      dept = { department_id: r.department_id, name: r.name, headcount: r.headcount, division_id: r.division_id, suppressed, skills: [] };
      out.push(dept);
    }
    dept.skills.push({
      skill_id: r.skill_id,
      required_level: r.required_level,
      position_ids: r.position_ids,
      holders: suppressed ? null : r.holders,
      target,
      shortfall: suppressed ? null : Math.max(target - r.holders, 0),
    });
  }
  return out;
}

/** The strategic skills of the config: share of active people at or above their level, company-wide and by unit. */
async function strategic(ctx: StageContext, units: Unit[], hidden: ReadonlySet<string>, headcount: number): Promise<SkillMap['strategic']> {
  const { db, config } = ctx;
  const k = config.privacy.min_group_size;
  const wanted = config.skill_map.strategic_skills.map((s, i) => ({ i, skill_id: s.skill_id, level: s.level ?? config.skill_map.level_threshold, target_share: s.target_share }));
  if (wanted.length === 0) return [];
  const values = wanted.map((w) => `(${w.i}, ${lit(w.skill_id)}, ${w.level})`).join(', ');
  const held = `WITH wanted(i, skill_id, level) AS (VALUES ${values}),
    held AS (SELECT w.i, l.employee_id FROM wanted w JOIN assessed_levels l ON l.skill_id = w.skill_id AND l.level >= w.level)`;
  const rows = await db.all<{ i: number; department_id: string; holders: number }>(`${held}
    SELECT h.i, u.department_id, count(*)::INTEGER AS holders FROM held h JOIN pub_unit_people u USING (employee_id) GROUP BY ALL`);
  const totals = await db.all<{ i: number; holders: number }>(`${held}
    SELECT h.i, count(*)::INTEGER AS holders FROM held h JOIN pub_people p USING (employee_id) GROUP BY ALL`);
  return wanted.map((w) => {
    const byDept = new Map(rows.filter((r) => r.i === w.i).map((r) => [r.department_id, r.holders]));
    const company = totals.find((t) => t.i === w.i)?.holders ?? 0;
    return {
      skill_id: w.skill_id,
      level: w.level,
      target_share: w.target_share,
      company_share: isSuppressed(headcount, k) || headcount === 0 ? null : round(company / headcount),
      departments: units.map((u) => ({ department_id: u.department_id, share: hidden.has(u.department_id) ? null : round((byDept.get(u.department_id) ?? 0) / u.headcount) })),
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
