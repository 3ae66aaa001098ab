import type { TalentPool } from '../../schemas/artifacts.ts';
import type { StageContext } from '../context.ts';
import { boxLabelText } from '../scoring/talent-pools.ts';
import { complementarySuppression, isSuppressed, tableSuppression, treeSuppression } from './privacy.ts';

type Member = NonNullable<TalentPool['cells'][number]['members']>[number];

/**
 * talent_pool.json: the 9-box with counts (a cell of 1 to k−1 people is suppressed, and more cells with it
 * when the rated total would give it away: shownBoxes) and, where names may be shown, each published cell's
 * members best first — at most pool_members_max per cell, cut in SQL so only the
 * published rows leave DuckDB.
 */
export async function buildTalentPool(ctx: StageContext, publicId: (id: string) => string): Promise<TalentPool> {
  const { db, config } = ctx;
  const k = config.privacy.min_group_size;
  const s = config.scoring;
  const listMembers = config.privacy.show_names && config.privacy.pool_members;
  const byBox = await boxCounts(ctx);
  const shown = new Set(shownBoxes(byBox, k));
  const t = await db.one<{ rated: number; active: number }>(`SELECT (SELECT count(*) FROM talent_pools)::INTEGER AS rated, (SELECT count(*) FROM pub_people)::INTEGER AS active`);
  const members = listMembers
    ? await db.all<Member & { box: number }>(`
        SELECT m.box, m.employee_id, e.name, COALESCE(d.name, e.department_id) AS department, e.grade
        FROM (${listedMembersSql(ctx, [...shown])}) m JOIN employees e USING (employee_id) LEFT JOIN departments d ON d.department_id = e.department_id
        ORDER BY m.box, m.sum DESC, m.employee_id`)
    : [];
  const cells: TalentPool['cells'] = [];
  for (let potential = 1; potential <= 3; potential++) {
    for (let performance = 1; performance <= 3; performance++) {
      const box = 3 * (potential - 1) + performance;
      const n = byBox.get(box) ?? 0;
      const count = shown.has(box) ? n : null;
      const listed =
        listMembers && count !== null
          ? members.filter((m) => m.box === box).map((m) => ({ employee_id: publicId(m.employee_id), name: m.name, department: m.department, grade: m.grade }))
          : null;
      cells.push({
        box,
        performance_band: performance,
        potential_band: potential,
        label: boxLabelText(s.box_labels[String(box) as keyof typeof s.box_labels], box),
        count,
        members: listed,
        members_not_listed: listed === null ? 0 : n - listed.length,
      });
    }
  }
  return {
    min_group_size: k,
    rated: t.rated,
    unrated: t.active - t.rated,
    bands: { performance: s.performance_bands, potential: s.potential_bands },
    cells,
    divisions: await divisionBoxes(ctx, byBox, shown),
  };
}

/**
 * Each division's 9-box (TalentPool.divisions): the counts per box of the people of its subtree, hidden by
 * tableSuppression with the company's cells (shown or not) as the boxes' totals and the rated people in no
 * division as the part of each box no row shows.
 */
async function divisionBoxes(ctx: StageContext, company: ReadonlyMap<number, number>, companyShown: ReadonlySet<number>): Promise<TalentPool['divisions']> {
  const k = ctx.config.privacy.min_group_size;
  const divisions = await ctx.db.all<{ department_id: string; name: string; headcount: number }>(`
    SELECT department_id, name, headcount FROM pub_departments WHERE department_id = division_id ORDER BY tree_order`);
  const rows = await ctx.db.all<{ department_id: string; box: number; n: number }>(`
    SELECT u.department_id, t.box, count(*)::INTEGER AS n FROM talent_pools t JOIN pub_unit_people u USING (employee_id)
    WHERE u.department_id IN (SELECT department_id FROM pub_departments WHERE department_id = division_id) GROUP BY ALL`);
  const BOXES = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const counts = new Map(divisions.map((d) => [d.department_id, new Map(BOXES.map((b) => [b, 0]))]));
  for (const r of rows) counts.get(r.department_id)?.set(r.box, r.n);
  const rated = (id: string) => [...counts.get(id)!.values()].reduce((a, b) => a + b, 0);
  // The divisions' rated counts are a column too, with the company's rated as its total: side by side
  // under it, complementary suppression as down the tree.
  const hiddenRows = treeSuppression(
    divisions.map((d) => ({ id: d.department_id, parent: null, size: rated(d.department_id) })),
    k,
    divisions.filter((d) => isSuppressed(d.headcount, k) || isSuppressed(rated(d.department_id), k)).map((d) => d.department_id),
    { size: [...company.values()].reduce((a, b) => a + b, 0), shown: true },
  );
  const rowShown = (id: string) => !hiddenRows.has(id);
  const column = new Map(
    BOXES.map((b) => [b, { shown: companyShown.has(b), outside: (company.get(b) ?? 0) - divisions.reduce((sum, d) => sum + counts.get(d.department_id)!.get(b)!, 0) }]),
  );
  const table = tableSuppression({ counts, k, rowShown, column });
  return divisions.map((d) => {
    const shown = !table.rowHidden(d.department_id);
    return {
      department_id: d.department_id,
      name: d.name,
      headcount: d.headcount,
      rated: shown ? rated(d.department_id) : null,
      counts: BOXES.map((b) => (table.cellHidden(d.department_id, b) ? null : counts.get(d.department_id)!.get(b)!)),
    };
  });
}

/** People per 9-box cell (1–9, 0 for an empty cell). */
async function boxCounts(ctx: StageContext): Promise<Map<number, number>> {
  const rows = await ctx.db.all<{ box: number; n: number }>(`SELECT box, count(*)::INTEGER AS n FROM talent_pools GROUP BY box`);
  const byBox = new Map(rows.map((r) => [r.box, r.n]));
  return new Map(Array.from({ length: 9 }, (_, i) => [i + 1, byBox.get(i + 1) ?? 0]));
}

/** The cells whose count is published: all but those complementary suppression hides (privacy.ts). */
function shownBoxes(counts: ReadonlyMap<number, number>, k: number): number[] {
  const hidden = complementarySuppression(counts, k);
  return [...counts.keys()].filter((box) => !hidden.has(box));
}

/**
 * The 9-box members the site lists (box, employee_id, and `sum` = performance + potential, the order): the
 * best pool_members_max of each published cell (`boxes`); no rows when names may not be shown. The talent
 * cards (people.json) are made for the same people.
 */
export function listedMembersSql(ctx: StageContext, boxes: readonly number[]): string {
  const { privacy } = ctx.config;
  if (!(privacy.show_names && privacy.pool_members) || boxes.length === 0) return `SELECT NULL::INTEGER AS box, NULL::VARCHAR AS employee_id, NULL::DOUBLE AS sum WHERE false`;
  return `SELECT box, employee_id, performance + potential AS sum FROM talent_pools
    WHERE box IN (${boxes.map((b) => Math.trunc(b)).join(', ')})
    QUALIFY row_number() OVER (PARTITION BY box ORDER BY performance + potential DESC, employee_id) <= ${privacy.pool_members_max}`;
}
