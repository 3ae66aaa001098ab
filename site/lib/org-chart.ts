/**
 * The succession chart's layout: key positions placed in the organisation tree (succession.json's
 * departments), and how the chart is cut into pages so that no page draws more than `maxCards` positions.
 *
 * A page of a unit whose subtree holds at most `maxCards` key positions draws the whole subtree. A larger
 * unit's page (and the company's, when the company is larger) draws the unit's own positions and, for each
 * child unit, a tile that links to the child's page: a division index. So pages exist for the company and for
 * every unit whose parent is too large to draw, and they grow with key positions, not with headcount.
 */
import { KeyPosition as KeyPositionSchema, Readiness, type KeyPosition, type Succession } from '../../schemas/artifacts.ts';

/** Most positions one chart page draws in full (about 2 KB of HTML each, well inside a 250 KB page). */
export const CHART_PAGE_MAX = 40;

/** The unit of positions whose department is unknown or outside the tree: drawn last at the top level. */
export const UNPLACED = '(unplaced)';

export interface ChartUnit {
  department_id: string;
  /** Null for the unplaced group (the page words it). */
  name: string | null;
  parent_id: string | null;
  /** Key positions of this unit itself, by position_id. */
  positions: KeyPosition[];
  children: ChartUnit[];
  /** Key positions in the subtree. */
  total: number;
  /** Positions in the subtree by status. */
  byStatus: Record<KeyPosition['status'], number>;
}

export interface ChartTree {
  /** The top-level units (and the unplaced group last, when any position is unplaced). */
  roots: ChartUnit[];
  total: number;
  /** Positions of the whole company by status. */
  byStatus: Record<KeyPosition['status'], number>;
  /** Every unit by department_id. */
  units: Map<string, ChartUnit>;
}

export function chartTree(succession: Pick<Succession, 'departments' | 'positions'>): ChartTree {
  const units = new Map<string, ChartUnit>();
  for (const d of succession.departments) {
    units.set(d.department_id, { department_id: d.department_id, name: d.name, parent_id: d.parent_id, positions: [], children: [], total: 0, byStatus: zero() });
  }
  const roots: ChartUnit[] = [];
  // departments come parents first, so each parent exists when its children are attached.
  for (const d of succession.departments) {
    const unit = units.get(d.department_id)!;
    const parent = d.parent_id === null ? undefined : units.get(d.parent_id);
    if (parent) parent.children.push(unit);
    else roots.push(unit);
  }
  let unplaced: ChartUnit | undefined;
  for (const p of succession.positions) {
    let unit = p.department_id === null ? undefined : units.get(p.department_id);
    if (!unit) {
      unplaced ??= { department_id: UNPLACED, name: null, parent_id: null, positions: [], children: [], total: 0, byStatus: zero() };
      unit = unplaced;
    }
    unit.positions.push(p);
  }
  if (unplaced) {
    roots.push(unplaced);
    units.set(UNPLACED, unplaced);
  }
  const count = (u: ChartUnit): void => {
    for (const c of u.children) count(c);
    u.total = u.positions.length + u.children.reduce((n, c) => n + c.total, 0);
    for (const p of u.positions) u.byStatus[p.status]++;
    for (const c of u.children) for (const s of STATUSES) u.byStatus[s] += c.byStatus[s];
  };
  roots.forEach(count);
  const byStatus = zero();
  for (const r of roots) for (const st of STATUSES) byStatus[st] += r.byStatus[st];
  return { roots, total: roots.reduce((n, r) => n + r.total, 0), byStatus, units };
}

/** The statuses of a key position, best first (the schema's order). */
export const STATUSES = KeyPositionSchema.shape.status.options;
const zero = (): Record<KeyPosition['status'], number> => ({ ready_now: 0, '1_2_years': 0, none: 0 });

/** Drawn in full on its page, or as a tile linking to its own page. */
export function drawnInFull(unit: ChartUnit | ChartTree, maxCards = CHART_PAGE_MAX): boolean {
  return unit.total <= maxCards;
}

/**
 * The units with a page of their own: each child of a unit (or of the company) too large to draw in full.
 * Parents before children, in tree order.
 */
export function unitPages(tree: ChartTree, maxCards = CHART_PAGE_MAX): ChartUnit[] {
  const out: ChartUnit[] = [];
  const visit = (children: ChartUnit[], parentTooLarge: boolean) => {
    for (const c of children) {
      if (parentTooLarge) out.push(c);
      if (parentTooLarge && !drawnInFull(c, maxCards)) visit(c.children, true);
    }
  };
  visit(tree.roots, !drawnInFull(tree, maxCards));
  return out;
}

/** The units above `unit`, top first. */
export function ancestorsOf(tree: ChartTree, unit: ChartUnit): ChartUnit[] {
  const out: ChartUnit[] = [];
  for (let p = unit.parent_id === null ? undefined : tree.units.get(unit.parent_id); p; p = p.parent_id === null ? undefined : tree.units.get(p.parent_id)) out.unshift(p);
  return out;
}

/** A slate's candidates by readiness, best rank first within each: the chips of a card. */
export function chipsByReadiness(p: KeyPosition): Record<Readiness, KeyPosition['candidates']> {
  const out = Object.fromEntries(Readiness.options.map((r) => [r, [] as KeyPosition['candidates']])) as Record<Readiness, KeyPosition['candidates']>;
  for (const c of [...p.candidates].sort((a, b) => a.rank - b.rank)) out[c.readiness].push(c);
  return out;
}
