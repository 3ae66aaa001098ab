/**
 * The fictional 株式会社みなと精機: department tree, people, reporting lines and skill levels; key positions
 * and their successors come from positions.ts.
 * Everything here is decided before any file is written, because the files cross-reference each other
 * (evaluators are managers, key positions need successors whose ratings, skills and interview notes agree).
 */
import { type Day, fromDay, toDay } from './dates.ts';
import {
  type Dept,
  type DeptKind,
  type Employment,
  type Grade,
  type KeyPosition,
  type Locations,
  type Person,
  GRADE_ORDER,
  gradeIndex,
  headRole,
} from './model.ts';
import { FAMILY_NAMES, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, generationOf } from './names.ts';
import { type Rng, apportion, chance, fork, int, normal, pick, weighted } from './random.ts';
import { groomSuccessors, keyPositions } from './positions.ts';
import { type MatrixColumn, type ProfileKey, MANAGEMENT_SKILLS, PROFILES, relevance, skillLevel } from './skills.ts';

export const LOCATIONS = {
  hq: '本社(東京)',
  hamamatsu: '浜松工場',
  nagoya: '名古屋工場',
  osaka: '大阪営業所',
  thai: 'タイ工場',
} as const;
const { hq, hamamatsu, nagoya, osaka, thai } = LOCATIONS;


interface DeptSpec {
  path: string;
  /** Share of the staff (people other than unit heads); roughly the headcount at the default size. */
  weight: number;
  profile: ProfileKey;
  locations: Locations;
  /** Where the head sits when it differs from the staff (the Thai plant is run from 浜松). */
  headLocation?: string;
  /** Staff that does not grow with the company (the president's secretary). */
  fixedStaff?: number;
}

/**
 * The department tree in sheet order. Sizes vary on purpose: several units have fewer than 5 people so the
 * dashboard's small-group suppression has something to suppress.
 */
const DEPARTMENTS: readonly DeptSpec[] = [
  { path: '役員室', weight: 0, fixedStaff: 1, profile: 'executive', locations: [[hq, 1]] },
  { path: '経営企画室', weight: 5, profile: 'planning', locations: [[hq, 1]] },
  { path: '管理本部', weight: 0, profile: 'executive', locations: [[hq, 1]] },
  { path: '管理本部/人事部', weight: 9, profile: 'hr', locations: [[hq, 7], [hamamatsu, 3]] },
  { path: '管理本部/経理部', weight: 7, profile: 'finance', locations: [[hq, 8], [hamamatsu, 2]] },
  { path: '管理本部/総務部', weight: 6, profile: 'general_affairs', locations: [[hq, 5], [hamamatsu, 3], [nagoya, 2]] },
  { path: '管理本部/法務知財部', weight: 2, profile: 'legal', locations: [[hq, 1]] },
  { path: '技術本部', weight: 0, profile: 'executive', locations: [[hamamatsu, 1]] },
  { path: '技術本部/設計開発部', weight: 0, profile: 'mech_design', locations: [[hamamatsu, 1]] },
  { path: '技術本部/設計開発部/機構設計課', weight: 19, profile: 'mech_design', locations: [[hamamatsu, 1]] },
  { path: '技術本部/設計開発部/電気制御設計課', weight: 13, profile: 'elec_design', locations: [[hamamatsu, 1]] },
  { path: '技術本部/設計開発部/ソフトウェア設計課', weight: 11, profile: 'software', locations: [[hamamatsu, 8], [hq, 2]] },
  { path: '技術本部/生産技術部', weight: 0, profile: 'prod_eng', locations: [[hamamatsu, 1]] },
  { path: '技術本部/生産技術部/生産技術課', weight: 16, profile: 'prod_eng', locations: [[hamamatsu, 3], [nagoya, 1]] },
  { path: '技術本部/先端技術研究所', weight: 3, profile: 'research', locations: [[hamamatsu, 1]] },
  { path: '製造本部', weight: 0, profile: 'executive', locations: [[hamamatsu, 1]] },
  { path: '製造本部/第一製造部', weight: 0, profile: 'assembly', locations: [[hamamatsu, 1]] },
  { path: '製造本部/第一製造部/組立課', weight: 44, profile: 'assembly', locations: [[hamamatsu, 1]] },
  { path: '製造本部/第一製造部/機械加工課', weight: 34, profile: 'machining', locations: [[hamamatsu, 1]] },
  { path: '製造本部/第一製造部/成形課', weight: 16, profile: 'molding', locations: [[hamamatsu, 1]] },
  { path: '製造本部/第一製造部/設備保全課', weight: 11, profile: 'maintenance', locations: [[hamamatsu, 1]] },
  { path: '製造本部/第二製造部', weight: 0, profile: 'assembly', locations: [[nagoya, 1]] },
  { path: '製造本部/第二製造部/ユニット組立課', weight: 26, profile: 'assembly', locations: [[nagoya, 1]] },
  { path: '製造本部/第二製造部/部品加工課', weight: 22, profile: 'machining', locations: [[nagoya, 1]] },
  { path: '製造本部/生産管理部', weight: 0, profile: 'production_control', locations: [[hamamatsu, 1]] },
  { path: '製造本部/生産管理部/生産管理課', weight: 14, profile: 'production_control', locations: [[hamamatsu, 7], [nagoya, 3]] },
  { path: '製造本部/生産管理部/調達課', weight: 10, profile: 'procurement', locations: [[hamamatsu, 1]] },
  { path: '製造本部/海外生産推進室', weight: 3, profile: 'overseas_production', locations: [[thai, 1]], headLocation: hamamatsu },
  { path: '品質保証部', weight: 0, profile: 'quality_assurance', locations: [[hamamatsu, 1]] },
  { path: '品質保証部/品質管理課', weight: 17, profile: 'quality_control', locations: [[hamamatsu, 13], [nagoya, 7]] },
  { path: '品質保証部/品質保証課', weight: 12, profile: 'quality_assurance', locations: [[hamamatsu, 1]] },
  { path: '品質保証部/環境安全課', weight: 2, profile: 'env_safety', locations: [[hamamatsu, 1]] },
  { path: '情報システム部', weight: 9, profile: 'it', locations: [[hq, 6], [hamamatsu, 4]] },
  { path: '情報システム部/データ活用推進課', weight: 2, profile: 'data', locations: [[hq, 1]] },
  { path: '営業本部', weight: 0, profile: 'executive', locations: [[hq, 1]] },
  { path: '営業本部/国内営業部', weight: 0, profile: 'sales', locations: [[hq, 1]] },
  { path: '営業本部/国内営業部/東日本営業課', weight: 17, profile: 'sales', locations: [[hq, 1]] },
  { path: '営業本部/国内営業部/西日本営業課', weight: 13, profile: 'sales', locations: [[osaka, 1]] },
  { path: '営業本部/海外営業部', weight: 10, profile: 'overseas_sales', locations: [[hq, 1]] },
  { path: '営業本部/サービス部', weight: 14, profile: 'service', locations: [[hamamatsu, 4], [nagoya, 3], [osaka, 3]] },
  { path: '営業本部/営業企画課', weight: 2, profile: 'sales_planning', locations: [[hq, 1]] },
];

/**
 * Units with more staff than this are split (only at large sizes: at the sample's 400 people no unit is this
 * big): into 係 of about SECTION_SIZE people, grouped under numbered 課 and 部 so that no manager has more
 * than about SPAN units under them — a 100,000-person company has about one manager per 100 people.
 */
const SPLIT_ABOVE = 60;
const SECTION_SIZE = 12;
const SPAN = 8;

export interface Company {
  depts: Dept[];
  /** Sorted by id (= hire order). */
  people: Person[];
  president: Person;
  positions: KeyPosition[];
  columns: MatrixColumn[];
  idWidth: number;
  asOf: Day;
}

export interface CompanyOptions {
  employees: number;
  seed: number;
  asOf: Day;
  columns: MatrixColumn[];
}

/** Below this the fixed department tree (41 unit heads) would have almost no staff. */
export const MIN_EMPLOYEES = 100;

export function buildCompany(opts: CompanyOptions): Company {
  const { employees, seed, asOf, columns } = opts;
  if (!Number.isInteger(employees) || employees < MIN_EMPLOYEES) {
    throw new Error(`employees must be an integer ≥ ${MIN_EMPLOYEES}`);
  }
  const units = buildDepartments(employees);
  const depts = units.map((u) => u.dept);
  const people = staffDepartments(fork(seed, 'people'), units, asOf);
  const idWidth = Math.max(5, String(people.length).length);
  assignIds(fork(seed, 'ids'), people, idWidth);
  const president = depts[0]!.head!;
  assignSkills(fork(seed, 'skills'), people, columns, asOf);
  const positions = keyPositions(fork(seed, 'positions'), depts, employees, columns, asOf);
  groomSuccessors(fork(seed, 'succession'), positions, people, columns);
  markMatrixRows(fork(seed, 'matrix-rows'), people);
  return { depts, people, president, positions, columns, idWidth, asOf };
}

// ---------------------------------------------------------------------------------------------------------
// Departments

function kindOf(name: string): DeptKind {
  if (name === '役員室') return 'exec';
  if (name.endsWith('本部')) return 'honbu';
  if (name.endsWith('係')) return 'kakari';
  if (name.endsWith('課')) return 'ka';
  if (name.endsWith('室')) return 'shitsu';
  if (name.endsWith('所')) return 'sho';
  return 'bu';
}

function newDept(path: string, parent: Dept | null, profileKey: ProfileKey, locations: Locations, headLocation?: string): Dept {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const d: Dept = {
    path,
    name,
    parent,
    children: [],
    kind: kindOf(name),
    profileKey,
    profile: PROFILES[profileKey],
    locations,
    headLocation,
    head: null,
    members: [],
    origin: null,
    headGrade: null,
  };
  parent?.children.push(d);
  return d;
}

interface Unit {
  dept: Dept;
  staff: number;
}

/** The tree plus how many staff each unit gets; big units become 係 so spans of control stay realistic. */
function buildDepartments(employees: number): Unit[] {
  const byPath = new Map<string, Dept>();
  const depts: Dept[] = [];
  for (const spec of DEPARTMENTS) {
    const parentPath = spec.path.includes('/') ? spec.path.slice(0, spec.path.lastIndexOf('/')) : null;
    const parent = parentPath === null ? null : (byPath.get(parentPath) ?? null);
    if (parentPath !== null && !parent) throw new Error(`department ${spec.path} listed before its parent`);
    const d = newDept(spec.path, parent, spec.profile, spec.locations, spec.headLocation);
    byPath.set(spec.path, d);
    depts.push(d);
  }
  const fixed = DEPARTMENTS.reduce((a, s) => a + (s.fixedStaff ?? 0), 0);
  const staffTotal = employees - depts.length - fixed;
  const shares = apportion(staffTotal, DEPARTMENTS.map((s) => s.weight));
  const units: Unit[] = [];
  depts.forEach((d, i) => {
    const staff = shares[i]! + (DEPARTMENTS[i]!.fixedStaff ?? 0);
    if (staff <= SPLIT_ABOVE) {
      units.push({ dept: d, staff });
      return;
    }
    units.push({ dept: d, staff: 0 });
    units.push(...splitUnit(d, staff));
  });
  return units;
}

/**
 * A large unit's staff as a tree of numbered units below it: 係 of about SECTION_SIZE people, then 課 of at
 * most SPAN 係, then 部 of at most SPAN 課, as deep as the size needs. Every head below is one of the staff,
 * so the headcount is unchanged. Heads above a split are raised a grade above the managers they now lead.
 */
function splitUnit(d: Dept, staff: number): Unit[] {
  const sections = Math.ceil(staff / SECTION_SIZE);
  const kas = sections > SPAN ? Math.ceil(sections / SPAN) : 0;
  const bus = kas > SPAN ? Math.ceil(kas / SPAN) : 0;
  const units: Unit[] = [];
  const child = (parent: Dept, label: string): Dept => {
    const c = newDept(`${parent.path}/${label}`, parent, d.profileKey, d.locations);
    c.origin = d;
    return c;
  };
  const sectionStaff = apportion(staff - sections - kas - bus, new Array<number>(sections).fill(1));
  let nextSection = 0;
  const addSections = (parent: Dept, n: number) => {
    for (let k = 0; k < n; k++) units.push({ dept: child(parent, `第${k + 1}係`), staff: sectionStaff[nextSection++]! });
  };
  const addKas = (parent: Dept, nKa: number, nSections: number) => {
    apportion(nSections, new Array<number>(nKa).fill(1)).forEach((n, k) => {
      const ka = child(parent, `第${k + 1}課`);
      units.push({ dept: ka, staff: 0 });
      addSections(ka, n);
    });
  };
  if (bus > 0) {
    const kaPerBu = apportion(kas, new Array<number>(bus).fill(1));
    const sectionsPerKa = apportion(sections, new Array<number>(kas).fill(1));
    let ka = 0;
    kaPerBu.forEach((n, k) => {
      const bu = child(d, `第${k + 1}部`);
      units.push({ dept: bu, staff: 0 });
      addKas(bu, n, sectionsPerKa.slice(ka, ka + n).reduce((a, b) => a + b, 0));
      ka += n;
    });
  } else if (kas > 0) addKas(d, kas, sections);
  else addSections(d, sections);
  if (kas > 0) raiseHeads(d, bus > 0 ? 'M3' : 'M2');
  return units;
}

/** The head of `d` and of every unit above it ranks at least `grade`, each a grade above the one below. */
function raiseHeads(d: Dept, grade: Grade): void {
  let want = GRADE_ORDER.indexOf(grade);
  for (let x: Dept | null = d; x; x = x.parent) {
    const own = gradeIndex(headRole(x).grade);
    if (own >= want) return;
    x.headGrade = GRADE_ORDER[Math.min(want, GRADE_ORDER.length - 1)]!;
    want = Math.min(want + 1, GRADE_ORDER.length - 1);
  }
}

// ---------------------------------------------------------------------------------------------------------
// People

const TENURE_BY_GRADE: Record<Grade, readonly [number, number]> = {
  G1: [0, 4],
  G2: [2, 8],
  G3: [4, 15],
  G4: [7, 20],
  G5: [10, 25],
  M1: [13, 28],
  M2: [18, 32],
  M3: [22, 34],
  E1: [26, 38],
};

const isFactory = (d: Dept): boolean => d.path.startsWith('製造本部');

function staffDepartments(rng: Rng, units: Unit[], asOf: Day): Person[] {
  const people: Person[] = [];
  const make = (dept: Dept, title: string, grade: Grade, employment: Employment, location: string): Person => {
    // Women are still rare among managers at a traditional manufacturer; the sample keeps that imbalance.
    const base = isFactory(dept) ? 0.22 : dept.path.startsWith('管理本部') ? 0.55 : 0.3;
    const female = chance(rng, gradeIndex(grade) >= 5 ? 0.1 : grade === 'G5' ? 0.15 : base);
    const hired = hireDay(rng, grade, employment, asOf);
    const midCareer = fromDay(hired).m !== 4 || fromDay(hired).d !== 1;
    const birthYear = fromDay(hired).y - 22 - (employment === '嘱託' ? 8 : midCareer ? int(rng, 2, 15) : 0);
    const names = female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES;
    const p: Person = {
      index: people.length,
      id: '',
      family: weighted(rng, FAMILY_NAMES),
      given: pick(rng, names[generationOf(birthYear)]),
      dept,
      title,
      grade,
      employment,
      hireDay: hired,
      hireStyle: null,
      manager: null,
      location,
      status: '在籍',
      statusSince: null,
      perf: normal(rng) + (gradeIndex(grade) >= 5 ? 0.3 : 0),
      pot: 0,
      aptitude: normal(rng),
      levels: new Int8Array(0),
      inMatrix: true,
      successorFor: [],
      readiness: null,
      weakBench: false,
      retentionRisk: false,
    };
    p.pot = 0.4 * p.perf + 0.8 * normal(rng);
    const years = (asOf - p.hireDay) / 365.25;
    if (gradeIndex(grade) >= 1 && gradeIndex(grade) <= 3 && years < 10) p.pot += 0.3;
    people.push(p);
    dept.members.push(p);
    return p;
  };

  for (const { dept, staff } of units) {
    const role = headRole(dept);
    const headLoc = dept.headLocation ?? (dept.locations[0]![0] as string);
    const head = make(dept, role.title, role.grade, '正社員', headLoc);
    dept.head = head;
    head.manager = nearestHead(dept.parent) ?? null;
    const leads: Person[] = [];
    const leadCount = dept.kind !== 'kakari' && dept.kind !== 'exec' && staff >= 8 ? Math.max(1, Math.round(staff / 9)) : 0;
    for (let k = 0; k < staff; k++) {
      const loc = weighted(rng, dept.locations);
      if (k < leadCount) {
        const lead = make(dept, '係長', 'G5', '正社員', loc);
        lead.manager = head;
        leads.push(lead);
        continue;
      }
      const senior = chance(rng, 0.15) && dept.kind !== 'exec';
      const employment: Employment = senior ? '正社員' : employmentFor(rng, dept);
      const grade: Grade = senior ? 'G4' : staffGrade(rng, employment);
      const p = make(dept, senior ? '主任' : '一般', grade, employment, loc);
      p.manager = leads.length > 0 ? leads[(k - leadCount) % leads.length]! : head;
    }
  }
  // A president's org chart: heads of top-level units report to the 社長.
  const president = units[0]!.dept.head!;
  for (const p of people) if (p !== president && p.manager === null) p.manager = president;

  assignStatus(rng, people, asOf);
  plantReiwaGannen(rng, people, asOf);
  return people;
}

/**
 * HR staff still type the first year of an era as 元年; make sure at least one mid-career hire joined
 * just after the 2019 Golden Week holidays so that spelling appears.
 */
function plantReiwaGannen(rng: Rng, people: Person[], asOf: Day): void {
  const day = toDay(2019, 5, 7);
  if (day > asOf) return;
  const candidates = people.filter(
    (p) => p.title === '一般' && p.employment === '正社員' && p.status === '在籍' && Math.abs(p.hireDay - day) < 2 * 365,
  );
  if (candidates.length === 0) return;
  const p = pick(rng, candidates);
  p.hireDay = day;
  p.hireStyle = 'wareki';
}

function nearestHead(d: Dept | null): Person | null {
  for (let x = d; x; x = x.parent) if (x.head) return x.head;
  return null;
}

function employmentFor(rng: Rng, dept: Dept): Employment {
  if (dept.kind === 'exec') return '正社員';
  const factory = isFactory(dept) && dept.profileKey !== 'production_control' && dept.profileKey !== 'procurement';
  return weighted<Employment>(rng, [
    ['正社員', factory ? 76 : 86],
    ['契約社員', 7],
    ['嘱託', 3],
    ['パート', factory ? 8 : 3],
    ['派遣', factory ? 6 : 1],
  ]);
}

function staffGrade(rng: Rng, employment: Employment): Grade {
  switch (employment) {
    case '正社員':
      return weighted<Grade>(rng, [
        ['G1', 30],
        ['G2', 35],
        ['G3', 35],
      ]);
    case '契約社員':
      return chance(rng, 0.5) ? 'G1' : 'G2';
    case '嘱託':
      return 'G3';
    default:
      return 'G1';
  }
}

/** Graduates join on 4/1; mid-career hires on the 1st or 16th, sometimes another day. */
function hireDay(rng: Rng, grade: Grade, employment: Employment, asOf: Day): Day {
  const [lo, hi] =
    employment === '嘱託' ? ([30, 40] as const) : employment === '正社員' ? TENURE_BY_GRADE[grade] : ([0, 6] as const);
  const years = lo + rng() * (hi - lo);
  const asOfYmd = fromDay(asOf);
  const graduate = employment === '正社員' && chance(rng, 0.7);
  if (graduate) {
    let y = asOfYmd.y - Math.floor(years);
    if (toDay(y, 4, 1) > asOf) y -= 1;
    return toDay(y, 4, 1);
  }
  const raw = asOf - Math.floor(years * 365.25);
  const { y, m, d } = fromDay(raw);
  const day = weighted<number>(rng, [
    [1, 70],
    [16, 15],
    [d, 15],
  ]);
  const out = toDay(y, m, day);
  return out > asOf ? toDay(y, m, 1) : out;
}

/** A few people are on leave or have left; leavers keep their history, so they stay in the exports. */
function assignStatus(rng: Rng, people: Person[], asOf: Day): void {
  const windowStart = toDay(2025, 4, 1);
  for (const p of people) {
    if (p.title !== '一般' && p.title !== '主任') continue;
    const r = rng();
    const earliest = Math.max(windowStart, p.hireDay + 200);
    if (earliest >= asOf - 30) continue;
    if (r < 0.035) {
      p.status = '退職';
      p.statusSince = earliest + Math.floor(rng() * (asOf - 30 - earliest));
      p.retentionRisk = chance(rng, 0.6);
    } else if (r < 0.05) {
      p.status = '休職';
      p.statusSince = earliest + Math.floor(rng() * (asOf - 30 - earliest));
    } else if (r < 0.08) {
      // Still here but thinking of leaving: the people a retention view exists for.
      p.retentionRisk = true;
    }
  }
}

/** Ids follow hire order, as in a real HRIS where numbers are issued on joining. */
function assignIds(rng: Rng, people: Person[], width: number): void {
  const tie = new Map(people.map((p) => [p, rng()]));
  people.sort((a, b) => a.hireDay - b.hireDay || tie.get(a)! - tie.get(b)! || a.index - b.index);
  people.forEach((p, i) => {
    p.id = `E${String(i + 1).padStart(width, '0')}`;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Skills

export function seniority(p: Person, asOf: Day): number {
  const years = Math.min(20, (asOf - p.hireDay) / 365.25);
  return 0.5 * (years / 20) + 0.5 * (gradeIndex(p.grade) / 8);
}

function assignSkills(rng: Rng, people: Person[], columns: MatrixColumn[], asOf: Day): void {
  for (const p of people) {
    const s = seniority(p, asOf);
    const rank = gradeIndex(p.grade) / 8;
    p.levels = new Int8Array(columns.length);
    columns.forEach((c, i) => {
      let rel = relevance(p.dept.profile, c.skill_id);
      // Managers stay assessed on their old trade but drift away from the daily hands-on skills.
      if (rel === 'core' && rank >= 5 / 8 && !MANAGEMENT_SKILLS.includes(c.skill_id) && chance(rng, 0.3)) rel = 'secondary';
      const level = skillLevel(rng, rel, s, rank, p.aptitude);
      p.levels[i] = level === null ? -1 : level;
    });
  }
}

/** About 90% of people are in the skill map: leavers were removed, some agency staff were never added. */
function markMatrixRows(rng: Rng, people: Person[]): void {
  for (const p of people) {
    // Successors are always assessed: their skill fit is the point of the succession story.
    const keep = p.successorFor.length > 0 ? 1 : p.status === '退職' ? 0.1 : p.employment === '派遣' ? 0.5 : p.title === '社長' ? 0 : 0.94;
    p.inMatrix = chance(rng, keep);
  }
}

