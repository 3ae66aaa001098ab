/**
 * Writes the five exports of the sample company, plus BAD_ROWS.md. Each file has its own random stream, and
 * rows are streamed to disk as they are produced.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Company, buildCompany } from './company.ts';
import { type KeyPosition, type Person, fullName, gradeIndex } from './model.ts';
import { type Day, addMonths, fromDay, hireDateText, formatDate, parseIso, slashShort, toDay } from './dates.ts';
import { type Rng, chance, fork, hashSeed, int, mulberry32, normal, pick, sample, weighted } from './random.ts';
import { checkProfiles, levelSymbol, matrixColumns, relevance } from './skills.ts';
import { loadTaxonomy, skillIndex, synonymCollisions } from './taxonomy.ts';
import { type InterviewKind, evaluationComment, interviewNote } from './texts.ts';
import { CsvWriter, type WriteStats } from './write.ts';

export const DEFAULTS = {
  employees: 400,
  seed: 20261001,
  asOf: '2026-10-01',
  taxonomyPath: fileURLToPath(new URL('../taxonomy/skills.csv', import.meta.url)),
} as const;

export interface GenerateOptions {
  outDir: string;
  employees?: number;
  seed?: number;
  /** Reference date (the config's as_of): nothing in the data happens after it. */
  asOf?: string;
  taxonomyPath?: string;
  /** Plant the documented bad rows (on for the committed sample, off for benchmarks). */
  badRows?: boolean;
  /**
   * sample: one to three interviews in the last two years for most people (the committed sample).
   * half-yearly: one every half year over the last three years, six for everyone there that long (benchmarks).
   */
  interviews?: InterviewCadence;
}

export type InterviewCadence = 'sample' | 'half-yearly';

export interface BadRow {
  file: string;
  line: number;
  column: string;
  value: string;
  reason: string;
}

export interface GenerateResult {
  files: (WriteStats & { file: string; encoding: string })[];
  badRows: BadRow[];
  company: Company;
}

export const FILES = {
  employees: 'employees.csv',
  skillMatrix: 'skill_matrix.csv',
  evaluations: 'evaluations.csv',
  interviews: 'career_interviews.csv',
  keyPositions: 'key_positions.csv',
  badRows: 'BAD_ROWS.md',
} as const;

export const PERIODS = ['2023上期', '2023下期', '2024上期', '2024下期', '2025上期', '2025下期'] as const;

/** First and last day of a half year (上期 April–September, 下期 October–March). */
export function periodRange(period: string): [Day, Day] {
  const y = Number(period.slice(0, 4));
  return period.endsWith('上期') ? [toDay(y, 4, 1), toDay(y, 9, 30)] : [toDay(y, 10, 1), toDay(y + 1, 3, 31)];
}

export function generate(options: GenerateOptions): GenerateResult {
  const employees = options.employees ?? DEFAULTS.employees;
  const seed = options.seed ?? DEFAULTS.seed;
  const asOf = parseIso(options.asOf ?? DEFAULTS.asOf);
  const skills = loadTaxonomy(options.taxonomyPath ?? DEFAULTS.taxonomyPath);
  const collisions = synonymCollisions(skills);
  if (collisions.length > 0) throw new Error(`taxonomy: "${collisions[0]!.term}" belongs to ${collisions[0]!.skills.join(' and ')}`);
  const columns = matrixColumns(skillIndex(skills));
  checkProfiles(columns);

  const company = buildCompany({ employees, seed, asOf, columns });
  const plan = options.badRows === false ? null : planBadRows(fork(seed, 'bad-rows'), company);
  mkdirSync(options.outDir, { recursive: true });
  const badRows: BadRow[] = [];
  const files = [
    { file: FILES.employees, encoding: 'cp932, CRLF', stats: writeEmployees(seed, company, options.outDir, plan, badRows) },
    { file: FILES.skillMatrix, encoding: 'utf-8 with BOM, CRLF', stats: writeSkillMatrix(seed, company, options.outDir, plan, badRows) },
    { file: FILES.evaluations, encoding: 'utf-8, LF', stats: writeEvaluations(seed, company, options.outDir, plan, badRows) },
    { file: FILES.interviews, encoding: 'cp932, CRLF', stats: writeInterviews(seed, company, options.outDir, options.interviews ?? 'sample') },
    { file: FILES.keyPositions, encoding: 'utf-8, LF', stats: writeKeyPositions(company, options.outDir) },
  ].map(({ file, encoding, stats }) => ({ ...stats, file, encoding }));
  writeFileSync(join(options.outDir, FILES.badRows), badRowsMarkdown(badRows, employees, seed, plan !== null));
  return { files, badRows, company };
}

// ---------------------------------------------------------------------------------------------------------
// Bad rows

interface BadRowPlan {
  unknownManager: Person;
  impossibleDate: Person;
  /** An existing employee whose number a later row repeats. */
  duplicateOf: Person;
  badGrade: Person;
  badCell: Person;
}

/** Bad rows are planted on ordinary staff, so no succession story or key position depends on them. */
function planBadRows(rng: Rng, c: Company): BadRowPlan {
  const eligible = (hiredBefore: Day) =>
    c.people.filter(
      (p) =>
        p.title === '一般' &&
        p.status === '在籍' &&
        p.employment === '正社員' &&
        p.successorFor.length === 0 &&
        !p.weakBench &&
        p.hireStyle === null &&
        p.hireDay < hiredBefore,
    );
  // Long-serving staff are preferred (they have all six evaluations); small companies fall back to anyone
  // evaluated at least once.
  let plain = eligible(toDay(2023, 1, 1));
  if (plain.length < 12) plain = eligible(toDay(2025, 4, 1));
  const [a, b, e] = sample(rng, plain, 3);
  const rest = plain.filter((p) => p !== a && p !== b && p !== e);
  const inMatrix = rest.filter((p) => p.inMatrix);
  const early = rest.filter((p) => Number(p.id.slice(1)) <= c.people.length / 3);
  const duplicateOf = early.length > 0 ? pick(rng, early) : rest[0];
  if (!a || !b || !e || inMatrix.length === 0 || !duplicateOf) throw new Error('too few employees to plant bad rows (use --no-bad-rows)');
  return { unknownManager: a, impossibleDate: b, duplicateOf, badGrade: e, badCell: pick(rng, inMatrix) };
}

function badRowsMarkdown(rows: readonly BadRow[], employees: number, seed: number, planted: boolean): string {
  const out = [
    '# Planted bad rows',
    '',
    `Generated by \`node data/generator/cli.ts --employees ${employees} --seed ${seed}\`${planted ? '' : ' --no-bad-rows'}.`,
    'Line numbers are physical lines counted from 1, with the header as line 1 (a quoted field with a line',
    'break spans several physical lines). The batch must send each of these rows to `rejects` and load the rest.',
    '',
    '| file | line | column | value | reason |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.file} | ${r.line} | ${r.column} | ${r.value} | ${r.reason} |`),
  ];
  if (rows.length === 0) out.push('', 'None: this sample was generated without bad rows.');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// employees.csv

const EMPLOYEE_HEADER = ['社員番号', '姓', '名', '部署', '役職', '等級', '雇用形態', '入社年月日', '上長社員番号', '勤務地', '在籍区分'];

function writeEmployees(seed: number, c: Company, dir: string, plan: BadRowPlan | null, bad: BadRow[]): WriteStats {
  const rng = fork(seed, 'employees');
  const w = new CsvWriter(join(dir, FILES.employees), { encoding: 'cp932', eol: '\r\n' }, EMPLOYEE_HEADER);
  const missingManager = `E${'9'.repeat(c.idWidth)}`;
  // The duplicate goes near the end, as when a transfer was keyed in again months later.
  const duplicateAfter = Math.max(0, Math.floor(c.people.length * 0.9) - 1);
  c.people.forEach((p, i) => {
    let hire = p.hireStyle ? formatDate(p.hireDay, p.hireStyle) : hireDateText(rng, p.hireDay);
    let manager = p.manager?.id ?? '';
    if (plan?.unknownManager === p) manager = missingManager;
    if (plan?.impossibleDate === p) hire = `${fromDay(p.hireDay).y}/2/30`;
    const line = w.row([p.id, p.family, p.given, p.dept.path, p.title, p.grade, p.employment, hire, manager, p.location, p.status]);
    if (plan?.unknownManager === p) {
      bad.push({ file: FILES.employees, line, column: '上長社員番号', value: manager, reason: `unknown manager: no employee ${manager}` });
    }
    if (plan?.impossibleDate === p) {
      bad.push({ file: FILES.employees, line, column: '入社年月日', value: hire, reason: 'impossible date: February has no 30th' });
    }
    if (plan && i === duplicateAfter) {
      const d = plan.duplicateOf;
      const other = c.people[c.people.length - 1]!;
      const dupLine = w.row([d.id, other.family, pick(rng, ['健太', '美咲', '翔', '陽菜']), other.dept.path, '一般', 'G1', '派遣', slashShort(addMonths(c.asOf, -2)), other.manager?.id ?? '', other.location, '在籍']);
      bad.push({ file: FILES.employees, line: dupLine, column: '社員番号', value: d.id, reason: `duplicate employee id: ${d.id} is already on a previous line (the first occurrence is the valid one)` });
    }
  });
  return w.close();
}

// ---------------------------------------------------------------------------------------------------------
// skill_matrix.csv

function writeSkillMatrix(seed: number, c: Company, dir: string, plan: BadRowPlan | null, bad: BadRow[]): WriteStats {
  const rng = fork(seed, 'skill-matrix');
  const header = ['社員番号', '氏名', '部署', ...c.columns.map((col) => col.header)];
  const w = new CsvWriter(join(dir, FILES.skillMatrix), { encoding: 'utf-8-bom', eol: '\r\n' }, header);
  for (const p of c.people) {
    if (!p.inMatrix) continue;
    // A few people filled in their own row and typed numbers instead of symbols.
    const digits = chance(rng, 0.015);
    const cells = Array.from(p.levels, (level) => {
      if (level < 0) return chance(rng, 0.01) ? '-' : '';
      return digits ? String(level) : levelSymbol(rng, level);
    });
    let badCol = -1;
    if (plan?.badCell === p) {
      badCol = strengths(p, c.columns)[0] ?? p.levels.findIndex((l) => l >= 0);
      if (badCol < 0) badCol = 0;
      cells[badCol] = '□';
    }
    const line = w.row([p.id, fullName(p), p.dept.name, ...cells]);
    if (badCol >= 0) {
      bad.push({ file: FILES.skillMatrix, line, column: c.columns[badCol]!.header, value: '□', reason: 'unknown skill symbol (not in the scale ◎○〇△×-)' });
    }
  }
  return w.close();
}

// ---------------------------------------------------------------------------------------------------------
// evaluations.csv

const EVALUATION_HEADER = ['社員番号', '評価期間', '総合評価', 'ポテンシャル', '評価者社員番号', '評価コメント'];

/** Half years the person was in the company for at least three months (and had not left or gone on leave). */
export function evaluatedPeriods(p: Person): string[] {
  return PERIODS.filter((period) => {
    const [start, end] = periodRange(period);
    if (p.hireDay > end - 90) return false;
    if (p.status === '退職' && p.statusSince !== null && p.statusSince <= end) return false;
    if (p.status === '休職' && p.statusSince !== null && p.statusSince <= start + 90) return false;
    return true;
  });
}

const isEvaluated = (p: Person): boolean => p.manager !== null && p.employment !== '派遣';

function gradeLetter(score: number): string {
  if (score > 1.75) return 'S';
  if (score > 0.8) return 'A';
  if (score > -0.8) return 'B';
  if (score > -1.75) return 'C';
  return 'D';
}

/**
 * Column indexes of skills the person is good at and that belong to their job, strongest first; a stray ○
 * in an unrelated column should not become the subject of a comment.
 */
function strengths(p: Person, columns: Company['columns']): number[] {
  return Array.from(p.levels.keys())
    .filter((i) => p.levels[i]! >= 3 && relevance(p.dept.profile, columns[i]!.skill_id) !== 'none')
    .sort((a, b) => p.levels[b]! - p.levels[a]! || a - b);
}

function writeEvaluations(seed: number, c: Company, dir: string, plan: BadRowPlan | null, bad: BadRow[]): WriteStats {
  const rng = fork(seed, 'evaluations');
  const w = new CsvWriter(join(dir, FILES.evaluations), { encoding: 'utf-8', eol: '\n' }, EVALUATION_HEADER);
  const diligence = new Map<string, number>();
  const diligenceOf = (id: string): number => {
    let d = diligence.get(id);
    if (d === undefined) {
      // Some managers write paragraphs, others "特になし": a trait of the evaluator, not of the period.
      d = mulberry32(hashSeed(seed, 'diligence', id))();
      diligence.set(id, d);
    }
    return d;
  };
  const skillName = (id: string): string => c.columns.find((col) => col.skill_id === id)?.name_ja ?? id;
  for (const p of c.people) {
    if (!isEvaluated(p)) continue;
    const periods = evaluatedPeriods(p);
    const strong = strengths(p, c.columns).map((i) => c.columns[i]!.skill_id);
    const badPeriod = plan?.badGrade === p ? periods[Math.floor(periods.length / 2)] : undefined;
    periods.forEach((period, k) => {
      // Older periods are noisier around today's level, so ratings drift rather than jump.
      const age = periods.length - 1 - k;
      const letter = gradeLetter(0.75 * p.perf + 0.55 * normal(rng) - 0.05 * age * Math.sign(p.perf));
      const potScore = p.pot + 0.3 * normal(rng);
      const potential = chance(rng, 0.02) ? '' : potScore > 1.0 ? '高' : potScore < -0.8 ? '低' : '中';
      const evaluator = p.manager!.id;
      const comment = evaluationComment(rng, {
        grade: letter,
        strengths: strong,
        skillName,
        diligence: diligenceOf(evaluator),
        successor: p.successorFor.length > 0,
      });
      const grade = period === badPeriod ? 'SS' : letter;
      const line = w.row([p.id, period, grade, potential, evaluator, comment]);
      if (period === badPeriod) {
        bad.push({ file: FILES.evaluations, line, column: '総合評価', value: 'SS', reason: 'unknown grade (not in the scale S/A/B/C/D)' });
      }
    });
  }
  return w.close();
}

// ---------------------------------------------------------------------------------------------------------
// career_interviews.csv

const INTERVIEW_HEADER = ['面談ID', '社員番号', '面談者社員番号', '実施日', '面談種別', '面談メモ'];
const INTERVIEW_FROM = toDay(2024, 10, 1);

/** Company holidays (New Year, Golden Week, Obon) when nobody holds interviews. */
function isHoliday(day: Day): boolean {
  const { m, d } = fromDay(day);
  return (m === 12 && d >= 29) || (m === 1 && d <= 3) || (m === 4 && d >= 29) || (m === 5 && d <= 5) || (m === 8 && d >= 13 && d <= 16);
}

/** Meetings are held on working days; day numbers count from a Thursday (1970-01-01). */
function workingDay(day: Day): Day {
  let d = day;
  while ((d + 4) % 7 === 0 || (d + 4) % 7 === 6 || isHoliday(d)) d++;
  return d;
}

/** The working days of a person's meetings between `start` and `end`. */
function meetingDays(rng: Rng, cadence: InterviewCadence, start: Day, end: Day): Day[] {
  if (cadence === 'half-yearly') {
    const days: Day[] = [];
    for (const period of HALF_YEARS) {
      const [from, to] = periodRange(period);
      const lo = Math.max(from, start);
      const hi = Math.min(to, end);
      if (hi - lo < 20) continue;
      const d = workingDay(lo + int(rng, 0, hi - lo - 10));
      if (d <= hi) days.push(d);
    }
    return days;
  }
  const count = weighted(rng, [
    [1, 45],
    [2, 35],
    [3, 20],
  ]);
  const days = new Set<Day>();
  for (let k = 0; k < count * 3 && days.size < count; k++) {
    const d = workingDay(start + int(rng, 0, end - start));
    if (d >= start && d <= end) days.add(d);
  }
  return [...days].sort((a, b) => a - b);
}

/** The half years of a half-yearly interview cycle: the last three years before the sample's as-of date. */
const HALF_YEARS = ['2023下期', '2024上期', '2024下期', '2025上期', '2025下期', '2026上期'] as const;

function writeInterviews(seed: number, c: Company, dir: string, cadence: InterviewCadence): WriteStats {
  const rng = fork(seed, 'interviews');
  const w = new CsvWriter(join(dir, FILES.interviews), { encoding: 'cp932', eol: '\r\n' }, INTERVIEW_HEADER);
  const until = Math.min(c.asOf - 1, toDay(2026, 9, 30));
  const hr = c.people.filter((p) => p.dept.name === '人事部' && p.status === '在籍' && gradeIndex(p.grade) >= 3);
  const titlesNear = nearbyTitles(c.positions);
  const seq = new Map<number, number>();
  const col = new Map(c.columns.map((cl, i) => [cl.skill_id, i]));
  const level = (p: Person, id: string): number => p.levels[col.get(id)!]!;
  for (const p of c.people) {
    if (!p.manager || p.employment === '派遣' || p.grade === 'E1') continue;
    const start = Math.max(cadence === 'sample' ? INTERVIEW_FROM : periodRange(HALF_YEARS[0])[0], p.hireDay + 30);
    const end = p.statusSince !== null ? Math.min(until, p.statusSince - 7) : until;
    if (end - start < 20) continue;
    const must = p.successorFor.length > 0 || p.retentionRisk;
    if (cadence === 'sample' && !must && !chance(rng, 0.85)) continue;
    const sorted = meetingDays(rng, cadence, start, end);
    const goal = p.successorFor[0];
    const strong = strengths(p, c.columns).map((i) => c.columns[i]!.name_ja);
    const lastRating = lastRatingLow(p);
    sorted.forEach((heldOn, k) => {
      // Groomed people get at least one career talk, where their aspiration is written down.
      const kind: InterviewKind =
        k === 0 && goal ? 'キャリア面談' : weighted<InterviewKind>(rng, [['キャリア面談', 60], ['1on1', 25], ['評価面談', 15]]);
      // HR joins some career talks of staff (not of managers, whose talks stay with their own boss).
      const byHr = kind === 'キャリア面談' && hr.length > 0 && p.dept.name !== '人事部' && gradeIndex(p.grade) <= 4 && chance(rng, 0.2);
      const interviewer = byHr ? pick(rng, hr) : p.manager!;
      const y = fromDay(heldOn).y;
      const n = (seq.get(y) ?? 0) + 1;
      seq.set(y, n);
      const note = interviewNote(rng, {
        kind,
        heldOn,
        task: pick(rng, p.dept.profile.tasks),
        years: (heldOn - p.hireDay) / 365.25,
        isManager: gradeIndex(p.grade) >= 5,
        strengths: strong,
        aspirationTitle: goal ? goal.title : null,
        aspirationSkills: goal ? goal.required.map((r) => r.name_ja) : [],
        nearbyTitles: titlesNear(p.dept.path, p),
        retentionRisk: p.retentionRisk,
        lowRating: lastRating,
        noExcel: level(p, 'excel') <= 0 && p.dept.path.startsWith('製造本部/第') && gradeIndex(p.grade) <= 3,
        weakEnglish: level(p, 'english') <= 1,
        inSales: p.dept.path.startsWith('営業本部/国内営業部'),
        weakSales: level(p, 'sales') <= 2,
        managerFamily: p.manager!.family,
        abroad: p.location === 'タイ工場',
      });
      w.row([`CI-${y}-${String(n).padStart(5, '0')}`, p.id, interviewer.id, slashShort(heldOn), kind, note]);
    });
  }
  return w.close();
}

/**
 * Key-position titles at the person's department or above it and senior to them, for idle "I'd like to be …"
 * remarks by people who are not groomed for the role.
 */
function nearbyTitles(positions: readonly KeyPosition[]): (path: string, p: Person) => string[] {
  const own = new Map<string, KeyPosition[]>();
  for (const pos of positions) own.set(pos.dept.path, [...(own.get(pos.dept.path) ?? []), pos]);
  const memo = new Map<string, KeyPosition[]>();
  const resolve = (path: string): KeyPosition[] => {
    let found = memo.get(path);
    if (!found) {
      const parent = path.includes('/') ? resolve(path.slice(0, path.lastIndexOf('/'))) : [];
      found = [...parent, ...(own.get(path) ?? [])];
      memo.set(path, found);
    }
    return found;
  };
  return (path, p) =>
    resolve(path)
      .filter((pos) => gradeIndex(pos.incumbent.grade) > gradeIndex(p.grade))
      .map((pos) => pos.title);
}

/** A poor rating is what people complain about in their next interview. */
function lastRatingLow(p: Person): boolean {
  return p.perf < -0.9;
}

// ---------------------------------------------------------------------------------------------------------
// key_positions.csv

const POSITION_HEADER = ['ポジションID', 'ポジション名', '部署', '現任者社員番号', '重要度', '必要スキル', '想定空席時期'];

function writeKeyPositions(c: Company, dir: string): WriteStats {
  const w = new CsvWriter(join(dir, FILES.keyPositions), { encoding: 'utf-8', eol: '\n' }, POSITION_HEADER);
  for (const pos of c.positions) {
    const required = pos.required.map((r) => `${r.name_ja}:${r.level}`).join(';');
    w.row([pos.id, pos.title, pos.dept.path, pos.incumbent.id, pos.criticality, required, pos.vacancy]);
  }
  return w.close();
}
