/**
 * The organisation tree of the per-department figures (units: parents before children, each counting its
 * subtree — schemas/artifacts.ts UnitPlace) as the pages show it: indented rows, labels that say why a
 * unit is hidden, and the divisions the 9-box, skill map and retention pages can be filtered by.
 */
import type { PageContext } from './page.ts';
import { assertDistinctSlugs, DIVISION_PAGES, idSlug } from './routes.ts';

export interface UnitLike {
  department_id: string;
  name: string;
  headcount: number;
  suppressed: boolean;
  depth: number;
  division_id: string | null;
}

/** Deepest indentation drawn: deeper units stay at this step (the row still names its unit). */
export const MAX_INDENT = 4;

/** A unit's name and headcount, or why its figures are hidden: under k people, or complementary suppression. */
export function departmentLabel(d: Omit<UnitLike, 'depth' | 'division_id' | 'department_id'>, minGroupSize: number, { t, f, department }: PageContext): string {
  if (!d.suppressed) return t.format.withNote(department(d.name), f.count(d.headcount));
  return d.headcount < minGroupSize ? t.skills.suppressedDepartment(department(d.name), minGroupSize) : t.skills.complementDepartment(department(d.name), f.count(d.headcount));
}

/**
 * The label of a unit in a chart, whose labels are right-aligned against the bars (an indent would not
 * show): a unit below another is marked 「└」, once per level, as its table row is indented.
 */
export function treeLabel(d: UnitLike, minGroupSize: number, ctx: PageContext): string {
  const depth = Math.min(d.depth, MAX_INDENT);
  return (depth > 0 ? `${'└'.repeat(depth)} ` : '') + departmentLabel(d, minGroupSize, ctx);
}

/**
 * A unit's figure, or why it is hidden: a unit under k, 「非表示（n<k）」; a unit hidden by complementary
 * suppression, 「非表示（差し引き防止）」. A figure about a part of a shown unit (`part`: the people assessed,
 * those who voiced a wish) is hidden when that part is under k — or, the part being k or more, by the
 * complementary pass over the parts.
 */
export function unitFigure(d: Pick<UnitLike, 'suppressed' | 'headcount'>, value: number | null, k: number, { t }: PageContext, show: (n: number) => string, part?: number | null): string {
  if (value !== null) return show(value);
  if (d.suppressed) return d.headcount >= k ? t.common.suppressedComplement : t.common.suppressedFor(k);
  return part !== undefined && part !== null && part >= k ? t.common.suppressedComplement : t.common.suppressedFor(k);
}

/** The first cell of a unit's table row: its name (with `label`, or the plain name), indented by depth. */
export function unitCell(d: Pick<UnitLike, 'name' | 'depth'>, ctx: PageContext, label: string = ctx.department(d.name)): { text: string; indent: number } {
  return { text: label, indent: Math.min(d.depth, MAX_INDENT) };
}

/** The units of one division (itself and its subtree), or all of them for the whole company (null). */
export function inDivision<T extends Pick<UnitLike, 'division_id'>>(units: readonly T[], divisionId: string | null): T[] {
  return divisionId === null ? [...units] : units.filter((u) => u.division_id === divisionId);
}

/** The divisions pages are made for and the filter offers: none when there is only one (it would offer nothing). */
export function offeredDivisions<T>(divisions: readonly T[]): T[] {
  return divisions.length > 1 ? [...divisions] : [];
}

/** The divisions of a list of units (those that are their own division, in the tree's order), as offeredDivisions. */
export function filterDivisions<T extends Pick<UnitLike, 'department_id' | 'division_id'>>(units: readonly T[]): T[] {
  return offeredDivisions(units.filter((u) => u.division_id === u.department_id));
}

/**
 * The static paths of a page made once per division: each of `pages` (the languages, or the languages ×
 * skill categories) for each division, its slug as `division` and the division as a prop. Two divisions
 * that would share a folder fail the build.
 */
export function divisionPaths<P extends { params: object; props: object }, D extends { department_id: string }>(pages: readonly P[], divisions: readonly D[]) {
  assertDistinctSlugs(
    divisions.map((d) => d.department_id),
    DIVISION_PAGES,
  );
  return pages.flatMap(({ params, props }) => divisions.map((division) => ({ params: { ...params, division: idSlug(division.department_id) }, props: { ...props, division } })));
}
