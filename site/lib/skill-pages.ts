/**
 * How the skill map is cut into pages: the answer page (largest gaps first, then strategic skills and the
 * trend), one page per skill category (its heatmaps), and the gaps of every department owning key
 * positions on pages of GAP_DEPARTMENTS_PER_PAGE departments — so no page grows with the company.
 */
import type { SkillMap } from '../../schemas/artifacts.ts';
import { compareText } from './compare.ts';
import type { PageContext } from './page.ts';
import { pagesOf } from './paging.ts';
import { idSlug } from './routes.ts';

/** Departments per page of /skills/gaps/ (about 2.5 KB each at the sample's four skills a department). */
export const GAP_DEPARTMENTS_PER_PAGE = 50;
/** Rows of the largest-gaps table on the skill map's first page. */
export const LARGEST_GAPS = 20;

export interface SkillCategory {
  name: string;
  skills: SkillMap['skills'];
}

/** Categories in the artifact's order (the taxonomy's), then any category only skills carry; empty ones left out. */
export function skillCategories(skillMap: Pick<SkillMap, 'categories' | 'skills'>): SkillCategory[] {
  const order = [...skillMap.categories, ...skillMap.skills.map((s) => s.category).filter((c) => !skillMap.categories.includes(c))];
  return [...new Set(order)].map((name) => ({ name, skills: skillMap.skills.filter((s) => s.category === name) })).filter((c) => c.skills.length > 0);
}

/** The position gaps in pages: page 1 is /skills/gaps/, page n /skills/gaps/n/. */
export function gapPages(gaps: SkillMap['position_gaps'], perPage = GAP_DEPARTMENTS_PER_PAGE): SkillMap['position_gaps'][] {
  return pagesOf(gaps, perPage);
}

/** The page (1-based) of /skills/gaps/ that holds a department's gaps. */
export function gapPageOf(gaps: SkillMap['position_gaps'], departmentId: string, perPage = GAP_DEPARTMENTS_PER_PAGE): number {
  const i = gaps.findIndex((d) => d.department_id === departmentId);
  return i < 0 ? 1 : Math.floor(i / perPage) + 1;
}

export interface LargestGap {
  department: SkillMap['position_gaps'][number];
  skill: SkillMap['position_gaps'][number]['skills'][number];
}

/** The largest shortfalls against key-position requirements, largest first (then department, then skill); suppressed ones are not shown. */
export function largestGaps(gaps: SkillMap['position_gaps'], n = LARGEST_GAPS): LargestGap[] {
  return gaps
    .flatMap((department) => department.skills.filter((s) => s.shortfall !== null && s.shortfall > 0).map((skill) => ({ department, skill })))
    .sort((a, b) => b.skill.shortfall! - a.skill.shortfall! || compareText(a.department.name, b.department.name) || compareText(a.skill.skill_id, b.skill.skill_id))
    .slice(0, n);
}

/** The id of a department's gaps on its page of /skills/gaps/: the target of the links to it. */
export function gapAnchor(departmentId: string): string {
  return `gaps-${idSlug(departmentId)}`;
}

/**
 * The key positions that require a skill, as a gap table's cell: a link to the position when it is one, else
 * their titles listed. `titleOf`: each position's title in the page's language, made once per page.
 */
export function positionsCell(positionIds: readonly string[], titleOf: ReadonlyMap<string, string>, ctx: PageContext): string | { text: string; href: string } {
  const titles = positionIds.map((id) => titleOf.get(id) ?? id);
  return positionIds.length === 1 ? { text: titles[0]!, href: ctx.r.position(positionIds[0]!) } : ctx.f.list(titles);
}
