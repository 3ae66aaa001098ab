/**
 * The shapes the generator works with: departments, people and key positions, plus the grade and title
 * rules every module needs. Kept apart so company.ts (people) and positions.ts (succession) can share them.
 */
import type { Day, DateStyle } from './dates.ts';
import type { Profile, ProfileKey } from './skills.ts';

export const GRADE_ORDER = ['G1', 'G2', 'G3', 'G4', 'G5', 'M1', 'M2', 'M3', 'E1'] as const;
export type Grade = (typeof GRADE_ORDER)[number];
const GRADE_INDEX = new Map<string, number>(GRADE_ORDER.map((g, i) => [g, i]));
export const gradeIndex = (g: Grade): number => GRADE_INDEX.get(g)!;

export type Locations = readonly (readonly [string, number])[];

export type DeptKind = 'exec' | 'honbu' | 'bu' | 'shitsu' | 'sho' | 'ka' | 'kakari';

export interface Dept {
  path: string;
  name: string;
  parent: Dept | null;
  children: Dept[];
  kind: DeptKind;
  profileKey: ProfileKey;
  profile: Profile;
  locations: Locations;
  headLocation: string | undefined;
  head: Person | null;
  /** People in this unit itself (head included), not in sub-units. */
  members: Person[];
  /**
   * For a unit made by splitting a large unit (only at large sizes): the unit of the fixed tree it was split
   * from. Its head's title is spelled from that unit down, so titles stay unique.
   */
  origin: Dept | null;
  /** The head's grade when it differs from the kind's (a split unit's head runs managers of the kind's own grade). */
  headGrade: Grade | null;
}

export type Status = '在籍' | '休職' | '退職';
export type Employment = '正社員' | '契約社員' | '嘱託' | 'パート' | '派遣';

export interface Person {
  /** Creation order; stable handle before ids are assigned. */
  index: number;
  id: string;
  family: string;
  given: string;
  dept: Dept;
  title: string;
  grade: Grade;
  employment: Employment;
  hireDay: Day;
  /** Set when the date must be written in one style (the 令和元年 example); otherwise styles are mixed. */
  hireStyle: DateStyle | null;
  manager: Person | null;
  location: string;
  status: Status;
  /** Day the person left (退職) or went on leave (休職). */
  statusSince: Day | null;
  /** Latent performance and potential (z-scores); evaluations are noisy draws around them. */
  perf: number;
  pot: number;
  aptitude: number;
  /** Level 0–4 per skill-map column, -1 where the sheet is blank. */
  levels: Int8Array;
  inMatrix: boolean;
  /** Key positions this person is groomed for (first one is their stated aspiration). */
  successorFor: KeyPosition[];
  readiness: 'ready' | 'developing' | null;
  /** In the pool of a position with no strong successor: kept deliberately unremarkable. */
  weakBench: boolean;
  /** Says in an interview that they are thinking of leaving. */
  retentionRisk: boolean;
}

export interface RequiredSkill {
  skill_id: string;
  name_ja: string;
  level: number;
}

export interface KeyPosition {
  id: string;
  title: string;
  dept: Dept;
  incumbent: Person;
  criticality: '高' | '中' | '低';
  required: RequiredSkill[];
  vacancy: string;
  /** No strong successor by design. */
  weak: boolean;
  successors: Person[];
}

export function headRole(d: Dept): { title: string; grade: Grade } {
  const role = kindRole(d);
  return d.headGrade ? { title: role.title, grade: d.headGrade } : role;
}

function kindRole(d: Dept): { title: string; grade: Grade } {
  const topLevel = d.parent === null;
  switch (d.kind) {
    case 'exec':
      return { title: '社長', grade: 'E1' };
    case 'honbu':
      return { title: '本部長', grade: 'E1' };
    case 'bu':
      return { title: '部長', grade: topLevel ? 'M3' : 'M2' };
    case 'shitsu':
      return { title: '室長', grade: topLevel ? 'M2' : 'M1' };
    case 'sho':
      return { title: '所長', grade: 'M2' };
    case 'ka':
      return { title: '課長', grade: 'M1' };
    case 'kakari':
      return { title: '係長', grade: 'G5' };
  }
}

/** Full name as HR tools print it: family and given name separated by a full-width space. */
export const fullName = (p: Person): string => `${p.family}\u3000${p.given}`;
