/**
 * Key positions and their successors. The positions are chosen from the department tree (the ones executives
 * ask about first), and then the data is bent to tell a succession story the batch can find.
 */
import { type Day, addMonths, fromDay } from './dates.ts';
import { type Dept, type KeyPosition, type Person, gradeIndex, headRole } from './model.ts';
import { type Rng, chance, int, sample, weighted } from './random.ts';
import { type MatrixColumn, MANAGEMENT_SKILLS } from './skills.ts';

interface PositionSpec {
  path: string;
  title?: string;
  criticality: '高' | '中' | '低';
  required?: readonly (readonly [string, number])[];
}

/** The positions executives ask about first; further positions (at larger sizes) follow the tree. */
const POSITION_SPECS: readonly PositionSpec[] = [
  {
    path: '製造本部',
    title: '浜松工場長',
    criticality: '高',
    required: [['production_engineering', 3], ['quality_control', 3], ['cost_management', 3], ['safety_health', 3], ['leadership', 4]],
  },
  {
    path: '製造本部/第一製造部',
    criticality: '高',
    required: [['assembly', 3], ['quality_control', 3], ['kaizen', 3], ['leadership', 3], ['people_development', 3]],
  },
  {
    path: '技術本部/生産技術部/生産技術課',
    criticality: '高',
    required: [['production_engineering', 4], ['plc', 3], ['project_management', 3], ['people_development', 2]],
  },
  {
    path: '品質保証部',
    criticality: '高',
    required: [['quality_assurance', 4], ['fmea', 3], ['why_why', 3], ['negotiation', 3], ['leadership', 3]],
  },
  {
    path: '情報システム部',
    criticality: '高',
    required: [['security', 3], ['sql', 3], ['aws', 2], ['project_management', 4], ['leadership', 3]],
  },
  { path: '技術本部/設計開発部', criticality: '高' },
  { path: '製造本部/第二製造部', criticality: '中' },
  { path: '製造本部/生産管理部', criticality: '中' },
  { path: '製造本部/第一製造部/組立課', criticality: '中' },
  { path: '製造本部/第一製造部/設備保全課', criticality: '高' },
  { path: '営業本部/海外営業部', criticality: '高' },
  { path: '製造本部/第一製造部/機械加工課', criticality: '中' },
  { path: '管理本部/人事部', criticality: '中' },
  { path: '技術本部/設計開発部/電気制御設計課', criticality: '中' },
  { path: '管理本部/経理部', criticality: '中' },
  { path: '製造本部/生産管理部/調達課', criticality: '低' },
  { path: '品質保証部/品質管理課', criticality: '中' },
  { path: '営業本部/国内営業部', criticality: '中' },
  { path: '管理本部/法務知財部', criticality: '低' },
  { path: '技術本部/先端技術研究所', criticality: '低' },
];

/** About one key position per 25 people up to 2,500 people, and at least 1% of headcount beyond. */
export function positionCount(employees: number): number {
  return Math.max(Math.round(Math.min(employees, 2500) / 25), Math.ceil(employees / 100));
}

function positionTitle(d: Dept): string {
  const suffix = headRole(d).title;
  const base = d.name.endsWith('本部') || d.name.endsWith('部') || d.name.endsWith('課') || d.name.endsWith('室') || d.name.endsWith('所') || d.name.endsWith('係')
    ? d.name.slice(0, -1)
    : d.name;
  const own = `${base}${suffix}`;
  if (d.origin) {
    // A split unit is spelled from the unit it was split from: 組立課第3部第1課長.
    let chain = '';
    for (let x = d.parent; x && x !== d.origin.parent; x = x.parent) chain = `${x.name}${chain}`;
    return `${chain}${own}`;
  }
  return d.kind === 'kakari' && d.parent ? `${d.parent.name}${own}` : own;
}

export function keyPositions(rng: Rng, depts: readonly Dept[], employees: number, columns: MatrixColumn[], asOf: Day): KeyPosition[] {
  const byPath = new Map(depts.map((d) => [d.path, d]));
  const specs = new Map(POSITION_SPECS.map((s) => [s.path, s]));
  const ordered: Dept[] = [];
  for (const s of POSITION_SPECS) {
    const d = byPath.get(s.path);
    if (d) ordered.push(d);
  }
  // Then every other unit head of the fixed tree in tree order; then the units split from large ones (only at
  // large sizes), higher levels first; 係 last.
  for (const d of depts) if (d.kind !== 'exec' && d.kind !== 'kakari' && !specs.has(d.path) && !d.origin) ordered.push(d);
  const depth = (d: Dept): number => d.path.split('/').length;
  const split = depts.filter((d) => d.origin && d.kind !== 'kakari');
  ordered.push(...split.map((d, i) => ({ d, i })).sort((a, b) => depth(a.d) - depth(b.d) || a.i - b.i).map((x) => x.d));
  for (const d of depts) if (d.kind === 'kakari') ordered.push(d);

  const count = Math.min(positionCount(employees), ordered.length);
  const nameOf = new Map(columns.map((c) => [c.skill_id, c.name_ja]));
  const titles = new Set<string>();
  const positions: KeyPosition[] = [];
  for (const d of ordered.slice(0, count)) {
    const spec = specs.get(d.path);
    let title = spec?.title ?? positionTitle(d);
    if (titles.has(title) && d.parent) title = `${d.parent.name}${title}`;
    titles.add(title);
    const incumbent = d.head!;
    const criticality = spec?.criticality ?? defaultCriticality(rng, d);
    const required = (spec?.required ?? defaultRequired(rng, d, incumbent)).map(([skill_id, level]) => {
      const name_ja = nameOf.get(skill_id);
      if (!name_ja) throw new Error(`required skill ${skill_id} is not a skill-map column`);
      return { skill_id, name_ja, level };
    });
    positions.push({
      id: `KP-${String(positions.length + 1).padStart(Math.max(3, String(count).length), '0')}`,
      title,
      dept: d,
      incumbent,
      criticality,
      required,
      vacancy: vacancy(rng, incumbent, asOf),
      weak: false,
      successors: [],
    });
  }
  return positions;
}

function defaultCriticality(rng: Rng, d: Dept): '高' | '中' | '低' {
  const table: Record<string, readonly (readonly ['高' | '中' | '低', number])[]> = {
    kakari: [['高', 5], ['中', 35], ['低', 60]],
    ka: [['高', 15], ['中', 50], ['低', 35]],
  };
  return weighted(rng, table[d.kind] ?? [['高', 30], ['中', 50], ['低', 20]]);
}

/**
 * The unit's defining skill (first core skill of its profile) at a high level, one or two more of its core
 * skills, then leadership: a 経理部長 must know accounting, not merely Excel, or any manager would fit.
 */
function defaultRequired(rng: Rng, d: Dept, incumbent: Person): [string, number][] {
  const [defining, ...rest] = d.profile.core.filter((s) => !MANAGEMENT_SKILLS.includes(s));
  const senior = gradeIndex(incumbent.grade) >= 6;
  const out: [string, number][] = [];
  if (defining) out.push([defining, senior || d.kind === 'bu' || chance(rng, 0.5) ? 4 : 3]);
  for (const s of sample(rng, rest, chance(rng, 0.5) ? 2 : 1)) out.push([s, chance(rng, 0.3) ? 4 : 3]);
  out.push(['leadership', incumbent.grade === 'G5' ? 2 : senior && chance(rng, 0.5) ? 4 : 3]);
  if (out.length < 5 && chance(rng, 0.5)) out.push([chance(rng, 0.7) ? 'people_development' : 'negotiation', incumbent.grade === 'G5' ? 2 : 3]);
  return out;
}

/** Incumbents near retirement (long tenure) are expected to vacate soon; others often have no date. */
function vacancy(rng: Rng, incumbent: Person, asOf: Day): string {
  const years = (asOf - incumbent.hireDay) / 365.25;
  if (years < 30 && chance(rng, 0.5)) return '';
  const months = years >= 30 ? int(rng, 6, 24) : int(rng, 9, 36);
  const { y, m } = fromDay(addMonths(asOf, months));
  // Moves happen at the start of a half year, so round to March or September.
  const [vy, vm] = m <= 3 ? [y, 3] : m <= 9 ? [y, 9] : [y + 1, 3];
  return `${vy}/${vm}`;
}

// ---------------------------------------------------------------------------------------------------------
// Succession

/** People in a department and all units below it. */
function subtreeMembers(root: Dept): Person[] {
  const out: Person[] = [];
  const stack = [root];
  for (let d = stack.pop(); d; d = stack.pop()) {
    out.push(...d.members);
    stack.push(...d.children);
  }
  return out.sort((a, b) => a.index - b.index);
}

const MAX_GRADE_GAP = 2;

/** Who the batch could consider for a position: active regular staff up to two grades below the incumbent. */
export function successorPool(pos: KeyPosition): Person[] {
  const top = gradeIndex(pos.incumbent.grade);
  return subtreeMembers(pos.dept).filter(
    (p) =>
      p !== pos.incumbent &&
      p.status === '在籍' &&
      p.employment === '正社員' &&
      gradeIndex(p.grade) < top &&
      gradeIndex(p.grade) >= top - MAX_GRADE_GAP,
  );
}

/**
 * Make the data tell a succession story: for most positions one to three people are strong (good recent
 * ratings, high potential, the required skills, and they say in interviews that they want the role);
 * for a few positions nobody is, so the dashboard can show an empty bench.
 */
export function groomSuccessors(rng: Rng, positions: KeyPosition[], people: readonly Person[], columns: MatrixColumn[]): void {
  const col = new Map(columns.map((c, i) => [c.skill_id, i]));
  const pools = positions.map((pos) => successorPool(pos));
  const weakCount = positions.length <= 2 ? 0 : Math.max(2, Math.round(positions.length * 0.12));
  const weakIdx = new Set(sample(rng, positions.slice(2).map((_, i) => i + 2), weakCount));
  const weakMembers = new Set<Person>();
  for (const i of weakIdx) {
    positions[i]!.weak = true;
    for (const p of pools[i]!) weakMembers.add(p);
  }

  positions.forEach((pos, i) => {
    if (pos.weak) return;
    const pool = pools[i]!.filter((p) => !weakMembers.has(p) && p.successorFor.length < 2);
    if (pool.length === 0) {
      pos.weak = true;
      return;
    }
    const n = Math.min(pool.length, pool.length >= 3 ? int(rng, 2, 3) : int(rng, 1, 2));
    const shuffled = sample(rng, pool, pool.length);
    shuffled.sort((a, b) => gradeIndex(b.grade) - gradeIndex(a.grade));
    const chosen = shuffled.slice(0, n);
    chosen.forEach((p, k) => {
      const ready = k === 0;
      pos.successors.push(p);
      // The role they are first in line for is the one they talk about in interviews.
      if (ready) p.successorFor.unshift(pos);
      else p.successorFor.push(pos);
      if (p.readiness !== 'ready') p.readiness = ready ? 'ready' : 'developing';
      p.perf = Math.max(p.perf, 0.3) + (ready ? 1.2 : 0.8);
      p.pot = Math.max(p.pot, 1.3) + 0.3;
      if (chance(rng, 0.12)) p.retentionRisk = true;
      const stretch = ready ? -1 : int(rng, 0, pos.required.length - 1);
      pos.required.forEach((r, j) => {
        const idx = col.get(r.skill_id)!;
        const floor = ready || j === stretch ? r.level : r.level - 1;
        if (p.levels[idx]! < floor) p.levels[idx] = floor;
      });
    });
  });

  // The weak bench: solid people, but not ready for the step up. Outside the department nobody knows the
  // position's defining skill either, so a lateral move from elsewhere does not look ready by accident.
  positions.forEach((pos, i) => {
    if (!pos.weak) return;
    const defining = pos.required[0]!;
    const idx = col.get(defining.skill_id)!;
    const inside = new Set(pools[i]);
    for (const p of people) {
      if (p === pos.incumbent || inside.has(p) || p.dept === pos.dept) continue;
      if (p.successorFor.some((q) => q.required.some((r) => r.skill_id === defining.skill_id))) continue;
      if (p.levels[idx]! > 1) p.levels[idx] = 0;
    }
    for (const p of pools[i]!) {
      if (p.successorFor.length > 0) continue;
      p.weakBench = true;
      p.perf = Math.min(p.perf, 0.2) - 0.3;
      p.pot = Math.min(p.pot, 0.2);
      for (const r of pos.required) {
        const idx = col.get(r.skill_id)!;
        const cap = Math.max(0, r.level - 2);
        if (p.levels[idx]! > cap) p.levels[idx] = cap;
      }
    }
  });
}
