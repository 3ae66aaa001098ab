import type { StageContext } from '../context.ts';
import { isSuppressed, treeSuppression, type TreeUnit } from './privacy.ts';

/** A unit of the published organisation tree (pub_departments), parents before children. */
export interface Unit {
  department_id: string;
  name: string;
  /** Active people of its subtree. */
  headcount: number;
  parent_id: string | null;
  depth: number;
  division_id: string | null;
}

/** The units every per-department aggregate is published for, in the tree's order. */
export async function publishedUnits(ctx: StageContext): Promise<Unit[]> {
  return ctx.db.all<Unit>(`SELECT department_id, name, headcount, parent_id, depth, division_id FROM pub_departments ORDER BY tree_order`);
}

/** Active people in the company: the root of the tree, people in no unit included. */
export async function companyHeadcount(ctx: StageContext): Promise<number> {
  return (await ctx.db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM pub_people`)).n;
}

/** The units as treeSuppression's tree, each of `size` (its headcount unless given). */
export function unitTree(units: readonly Unit[], size: (u: Unit) => number = (u) => u.headcount): TreeUnit<string>[] {
  return units.map((u) => ({ id: u.department_id, parent: u.parent_id, size: size(u) }));
}

/**
 * The units whose figures are hidden: under k people, and those complementary suppression adds so that no
 * hidden unit's figures follow from a parent's or the company's (privacy.ts treeSuppression). `size` is what
 * the k rule counts (headcount unless given: the people assessed, those who voiced a wish); `hidden`, units
 * already hidden by an earlier pass.
 */
export function hiddenUnits(
  units: readonly Unit[],
  k: number,
  root: { size: number; shown?: boolean },
  size: (u: Unit) => number = (u) => u.headcount,
  hidden: Iterable<string> = [],
): Set<string> {
  const start = new Set(hidden);
  for (const u of units) {
    const n = size(u);
    if (isSuppressed(u.headcount, k) || (n > 0 && isSuppressed(n, k))) start.add(u.department_id);
  }
  return treeSuppression(unitTree(units, size), k, start, { size: root.size, shown: root.shown ?? !isSuppressed(root.size, k) });
}

/** The department fields every per-department aggregate starts with; `suppressed` when its figures are hidden. */
export function unitRow(u: Unit, hidden: ReadonlySet<string>) {
  return { department_id: u.department_id, name: u.name, headcount: u.headcount, parent_id: u.parent_id, depth: u.depth, division_id: u.division_id, suppressed: hidden.has(u.department_id) };
}
