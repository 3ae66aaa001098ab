import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candidate, KeyPosition } from '../../../schemas/artifacts.ts';
import { openDb, type Db } from '../../../batch/db.ts';
import { vacancyDateMacroSql, warekiMacroSql } from '../../../batch/normalize/sql-expressions.ts';
import { addMonths, daysBetween, inWindowSql } from '../../../batch/publish/dates.ts';
import { benchStrength, positionsAtRisk } from '../../../batch/publish/overview.ts';
import { cellCount, complementarySuppression, shareOf, tableSuppression, treeSuppression } from '../../../batch/publish/privacy.ts';
import { publicIdFunction, pseudonym } from '../../../batch/publish/pseudonym.ts';
import { componentReasons } from '../../../batch/publish/reasons.ts';
import { planSummary } from '../../../batch/publish/succession.ts';

let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:');
  await db.run(warekiMacroSql());
  await db.run(vacancyDateMacroSql());
});
afterAll(() => db.close());

async function vacancy(text: string | null): Promise<string | null> {
  const r = await db.one<{ d: string | null }>(`SELECT CAST(vacancy_date(?::VARCHAR) AS VARCHAR) AS d`, [text]);
  return r.d;
}

describe('expected vacancy read as a date', () => {
  it('reads full dates in ISO and slash styles', async () => {
    expect(await vacancy('2027-09-30')).toBe('2027-09-30');
    expect(await vacancy('2027/9/30')).toBe('2027-09-30');
    expect(await vacancy('２０２７／９／３０')).toBe('2027-09-30');
  });
  it('reads a month alone as its first day', async () => {
    expect(await vacancy('2027/9')).toBe('2027-09-01');
    expect(await vacancy('2027-09')).toBe('2027-09-01');
    expect(await vacancy('2028/03')).toBe('2028-03-01');
    expect(await vacancy('2027年9月')).toBe('2027-09-01');
    expect(await vacancy('2027年9月15日')).toBe('2027-09-15');
  });
  it('reads Japanese era months and dates', async () => {
    expect(await vacancy('令和9年9月')).toBe('2027-09-01');
    expect(await vacancy('令和9年9月30日')).toBe('2027-09-30');
    expect(await vacancy('R9.9.30')).toBe('2027-09-30');
  });
  it('gives null for text it cannot read or dates that do not exist', async () => {
    expect(await vacancy(null)).toBeNull();
    expect(await vacancy('未定')).toBeNull();
    expect(await vacancy('2027年度末')).toBeNull();
    expect(await vacancy('2027/13')).toBeNull();
    expect(await vacancy('2027/2/30')).toBeNull();
    expect(await vacancy('9/2027')).toBeNull();
  });
});

describe('date windows', () => {
  it('includes both ends of "the last N months before as_of"', async () => {
    const rows = await db.all<{ d: string; inside: boolean }>(`
      SELECT CAST(d AS VARCHAR) AS d, ${inWindowSql('d', '2026-10-01', 6)} AS inside
      FROM (VALUES (DATE '2026-03-31'), (DATE '2026-04-01'), (DATE '2026-10-01'), (DATE '2026-10-02')) t(d) ORDER BY d`);
    expect(rows).toEqual([
      { d: '2026-03-31', inside: false },
      { d: '2026-04-01', inside: true },
      { d: '2026-10-01', inside: true },
      { d: '2026-10-02', inside: false },
    ]);
  });
  it('adds months as DuckDB does, clamping to the end of the month', () => {
    expect(addMonths('2026-10-01', 12)).toBe('2027-10-01');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
    expect(addMonths('2026-10-01', 0)).toBe('2026-10-01');
  });
  it('counts whole days between two dates', () => {
    expect(daysBetween('2026-09-30', '2026-10-01')).toBe(1);
    expect(daysBetween('2026-04-01', '2026-10-01')).toBe(183);
  });
});

describe('pseudonyms', () => {
  const key = 'a-key-of-sixteen-characters';
  it('are P- and the first 10 hex digits of HMAC-SHA256(key, id)', () => {
    const expected = createHmac('sha256', key).update('E00042').digest('hex').slice(0, 10);
    expect(pseudonym(key, 'E00042')).toBe(`P-${expected}`);
    expect(pseudonym(key, 'E00042')).toMatch(/^P-[0-9a-f]{10}$/);
  });
  it('differ by key and by id, and are stable', () => {
    expect(pseudonym(key, 'E00042')).not.toBe(pseudonym(`${key}!`, 'E00042'));
    expect(pseudonym(key, 'E00042')).not.toBe(pseudonym(key, 'E00043'));
    expect(pseudonym(key, '社員001')).toBe(pseudonym(key, '社員001'));
  });
  it('are used only when a key is given', () => {
    expect(publicIdFunction(null)('E00042')).toBe('E00042');
    expect(publicIdFunction(key)('E00042')).toBe(pseudonym(key, 'E00042'));
  });
});

describe('suppression', () => {
  it('hides a share whose whole is under k, and never divides by zero', () => {
    expect(shareOf(1, 4, 5)).toBeNull();
    expect(shareOf(1, 3, 3)).toBe(0.3333);
    expect(shareOf(0, 0, 1)).toBeNull();
  });
  it('hides a cell of 1 to k−1 people but says 0', () => {
    expect([0, 1, 4, 5, 9].map((n) => cellCount(n, 5))).toEqual([0, null, null, 5, 9]);
  });
  it('hides more cells with a small one, so that the total minus the cells shown gives nothing away', () => {
    const cells = (counts: number[]) => new Map(counts.map((n, i) => [i + 1, n]));
    const hidden = (counts: number[], k = 5) => [...complementarySuppression(cells(counts), k)].sort();
    // Nothing small: nothing hidden; 0 is safe to say.
    expect(hidden([0, 12, 30, 5, 40, 7, 9, 11, 6])).toEqual([]);
    // 366 placed − 364 shown = 2: the one small cell (box 1, 2 people) takes the smallest other cell (box 4, 5) with it.
    expect(hidden([2, 12, 30, 5, 40, 7, 9, 11, 250])).toEqual([1, 4]);
    // Two small cells, 1 + 2 = 3 < 5 together: the smallest shown one (box 9, 6) joins them.
    expect(hidden([1, 2, 30, 0, 40, 7, 9, 11, 6])).toEqual([1, 2, 9]);
    // Two small cells of 5 or more together: enough.
    expect(hidden([3, 4, 30, 0, 40, 7, 9, 11, 6])).toEqual([1, 2]);
    // A single non-empty cell cannot be helped by a second: it stays the only one hidden.
    expect(hidden([0, 0, 3, 0, 0, 0, 0, 0, 0])).toEqual([3]);
  });
  it('hides more units down a tree, so that no parent minus the units shown under it leaves fewer than k people', () => {
    // k = 5. The company: 60 people, 2 of them in no unit. 製造本部 M (40: 3 of its own) holds 第一製造部 M1
    // (22: 2 of its own, 課 M1a 12 and M1b 8) and 第二製造部 M2 (15); 管理本部 A (18) holds A1 (3, under k) and A2 (15).
    const tree = [
      { id: 'M', parent: null, size: 40 },
      { id: 'M1', parent: 'M', size: 22 },
      { id: 'M1a', parent: 'M1', size: 12 },
      { id: 'M1b', parent: 'M1', size: 8 },
      { id: 'M2', parent: 'M', size: 15 },
      { id: 'A', parent: null, size: 18 },
      { id: 'A1', parent: 'A', size: 3 },
      { id: 'A2', parent: 'A', size: 15 },
    ];
    const hidden = treeSuppression(tree, 5, ['A1'], { size: 60, shown: true });
    // The company: 60 − M 40 − A 18 = 2 (the people in no unit): A (its own rest A1, 3 people, fills the
    // 3 missing; M's 3 would too, A is smaller) is hidden: 60 − 40 − A2 15 = 5. M: 40 − M1 22 − M2 15 = 3:
    // hiding M1 adds its own 2 (M1a, M1b stay shown): 40 − 12 − 8 − 15 = 5; hiding M2 would lose 15.
    expect([...hidden].sort()).toEqual(['A', 'A1', 'M1']);
    // Every shown unit's rest, worked out by hand: the company 5, M 5, the others no children.
    // Without a published company total, the company's 2 constrain nothing — but A, shown then, minus A2
    // is A1's 3: A2, its only shown child, goes.
    expect([...treeSuppression(tree, 5, ['A1'], { size: 60, shown: false })].sort()).toEqual(['A1', 'A2', 'M1']);
    // A rest of exactly 0 is safe: a parent that is only the sum of its children gives nothing away.
    expect([...treeSuppression([{ id: 'P', parent: null, size: 10 }, { id: 'C1', parent: 'P', size: 5 }, { id: 'C2', parent: 'P', size: 5 }], 5, [], { size: 10, shown: true })]).toEqual([]);
  });
  it('hides the units a parent\'s own few members would be given away by, and a child under k with a sibling', () => {
    // 本部 H (8: its head alone of its own) over A課 (4) and B課 (3), k = 3: 8 − 4 − 3 = 1 → B課 (its own 3 fill the 2 missing).
    const tree = [
      { id: 'H', parent: null, size: 8 },
      { id: 'A', parent: 'H', size: 4 },
      { id: 'B', parent: 'H', size: 3 },
    ];
    expect([...treeSuppression(tree, 3, [], { size: 8, shown: true })]).toEqual(['B']);
    // A child under k starts hidden; its 2 and the head make 3: nothing more.
    expect([...treeSuppression([...tree.slice(0, 2), { id: 'B', parent: 'H', size: 2 }, { id: 'C', parent: 'H', size: 1 }].map((u) => (u.id === 'H' ? { ...u, size: 8 } : u)), 3, ['B', 'C'], { size: 8, shown: true })].sort()).toEqual(['B', 'C']);
  });
  it('hides cells of a table with its margins so that no row or column gives one away', () => {
    // k = 5; two divisions × three boxes, the company's boxes as column totals (13, 10, 10), no one outside.
    const counts = new Map([
      ['D1', new Map([[1, 6], [2, 2], [3, 10]])],
      ['D2', new Map([[1, 7], [2, 8], [3, 0]])],
    ]);
    const column = new Map([1, 2, 3].map((b) => [b, { shown: true, outside: 0 }]));
    const hidden = tableSuppression({ counts, k: 5, rowShown: () => true, column });
    // D1's 2 takes D1's 6 with it (8 ≥ 5); box 1 then has one hidden cell, the column total minus D2 gives
    // it, so D2's 7 goes too; box 2 likewise takes D2's 8. Left: four unknowns, four sums, one free.
    const grid = [...counts].map(([d, row]) => [...row.keys()].map((b) => (hidden.cellHidden(d, b) ? 'x' : String(row.get(b)))));
    expect(grid).toEqual([['x', 'x', '10'], ['x', 'x', '0']]);
    // A hidden company cell (the column's total) with every cell of its column shown would be their sum.
    const open = tableSuppression({
      counts: new Map([['D1', new Map([[1, 6]])], ['D2', new Map([[1, 7]])]]),
      k: 5,
      rowShown: () => true,
      column: new Map([[1, { shown: false, outside: 0 }]]),
    });
    expect([open.cellHidden('D1', 1), open.cellHidden('D2', 1)]).toEqual([true, false]);
    // People in no division are a hidden part of their column: 3 of them and D1's 2 hold 5.
    const outside = tableSuppression({
      counts: new Map([['D1', new Map([[1, 2]])], ['D2', new Map([[1, 7]])]]),
      k: 5,
      rowShown: () => true,
      column: new Map([[1, { shown: true, outside: 3 }]]),
    });
    expect([outside.cellHidden('D1', 1), outside.cellHidden('D2', 1)]).toEqual([true, false]);
  });
  it('leaves no small cell that subtraction along rows and columns gives, on the review\'s tables and on 2,000 random ones', () => {
    // The attacker, written apart from the suppression: knows every published figure (shown cells, the
    // totals of shown rows, the company's shown cells) and solves any row or column with one unknown left.
    const attack = (rows: number[][], companyShown: boolean[], outside: number[], k: number) => {
      const counts = new Map(rows.map((r, i) => [`D${i}`, new Map(r.map((n, b) => [b, n]))]));
      const rated = rows.map((r) => r.reduce((a, b) => a + b, 0));
      const column = new Map(companyShown.map((shown, b) => [b, { shown, outside: outside[b]! }]));
      const t = tableSuppression({ counts, k, rowShown: (r) => rated[Number(r.slice(1))]! >= k, column });
      const known = rows.map((r, i) => r.map((_, b) => !t.cellHidden(`D${i}`, b)));
      const rowKnown = rows.map((_, i) => !t.rowHidden(`D${i}`));
      const colKnown = [...companyShown];
      const outKnown = outside.map(() => false);
      for (let progress = true; progress; ) {
        progress = false;
        rows.forEach((r, i) => {
          const unknown = [!rowKnown[i], ...r.map((_, b) => !known[i]![b])].filter(Boolean).length;
          if (unknown === 1) {
            rowKnown[i] = true;
            r.forEach((_, b) => (known[i]![b] = true));
            progress = true;
          }
        });
        companyShown.forEach((_, b) => {
          const unknown = [!colKnown[b], !outKnown[b], ...rows.map((_, i) => !known[i]![b])].filter(Boolean).length;
          if (unknown === 1) {
            colKnown[b] = outKnown[b] = true;
            rows.forEach((_, i) => (known[i]![b] = true));
            progress = true;
          }
        });
      }
      const leaks: string[] = [];
      rows.forEach((r, i) => r.forEach((n, b) => { if (t.cellHidden(`D${i}`, b) && known[i]![b] && n > 0 && n < k) leaks.push(`D${i} box ${b}: ${n}`); }));
      return leaks;
    };
    const k = 5;
    // The review's: A's box 9 follows from its column (6), then A's box 1 from A's rated total (2); and the mirror by a row.
    const company = (rows: number[][]) => rows[0]!.map((_, b) => rows.reduce((s, r) => s + r[b]!, 0));
    const box = (cells: Record<number, number>) => Array.from({ length: 9 }, (_, b) => cells[b + 1] ?? 0);
    const first = [box({ 1: 2, 3: 20, 9: 6 }), box({ 1: 10, 2: 10 }), box({ 1: 10, 2: 10 }), box({ 3: 20 })];
    const second = [box({ 5: 6 }), box({ 1: 10, 5: 1 }), box({ 5: 40 }), box({ 1: 10, 2: 10 }), box({ 1: 12, 2: 10 })];
    for (const rows of [first, second]) expect(attack(rows, company(rows).map((n) => n === 0 || n >= k), box({}), k)).toEqual([]);
    // Random tables, seeded: 2–5 divisions, small and large cells, some people in no division.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const leaks: string[] = [];
    for (let n = 0; n < 2000; n++) {
      const rows = Array.from({ length: 2 + Math.floor(random() * 4) }, () => Array.from({ length: 9 }, () => (random() < 0.3 ? 0 : random() < 0.5 ? Math.floor(random() * 5) : Math.floor(random() * 30))));
      const outside = Array.from({ length: 9 }, () => (random() < 0.7 ? 0 : Math.floor(random() * 8)));
      const totals = company(rows).map((x, b) => x + outside[b]!);
      const shown = totals.map((x) => x === 0 || x >= k);
      leaks.push(...attack(rows, shown, outside, k).map((l) => `table ${n}: ${l}`));
    }
    expect(leaks).toEqual([]);
  });
});

const candidate = (employee_id: string, readiness: Candidate['readiness'], extra: Partial<Candidate> = {}): Candidate => ({
  rank: 1,
  employee_id,
  name: null,
  department: null,
  job_title: null,
  grade: null,
  score: 50,
  retention_risk: 'unknown',
  readiness,
  components: [],
  slates: 1,
  covers: [],
  holds_position: null,
  reach: { basis: 'department', fit: 1 },
  skill_gaps: [],
  next_step: { tested: 'ready_now', conditions: [], change: null },
  development_plan: null,
  ...extra,
});

const position = (id: string, extra: Partial<KeyPosition> = {}): KeyPosition => ({
  position_id: id,
  title: id,
  department: null,
  department_id: null,
  criticality: null,
  expected_vacancy: null,
  expected_vacancy_on: null,
  months_to_vacancy: null,
  incumbent: { employee_id: 'inc', name: null, grade: null, job_title: null, retention_risk: 'low' },
  required_skills: [],
  status: 'none',
  status_rests_on: null,
  ready_from: null,
  vacancy_before_readiness: false,
  emergency_cover: null,
  capped: [],
  plan_summary: { plans: 0, next_review_on: null, top_gaps: [] },
  candidates: [],
  ...extra,
});

describe('bench strength', () => {
  it('counts each successor 1 ÷ the positions they are a successor for', () => {
    const positions = [
      position('P1', { candidates: [candidate('x', 'ready_now'), candidate('y', '1_2_years'), candidate('z', '3_plus_years')] }),
      position('P2', { candidates: [candidate('x', '1_2_years')] }),
      position('P3', { candidates: [candidate('x', 'ready_now'), candidate('w', '1_2_years')] }),
      position('P4', { candidates: [candidate('x', '1_2_years')] }),
    ];
    // x is on four slates (0.25 each), y and w on one: 1 + 1 + 1 = 3 effective successors over 6 nominations.
    expect(benchStrength(positions)).toEqual({ successors: 6, effective_successors: 3, per_position: 0.75 });
  });
  it('is empty without key positions', () => {
    expect(benchStrength([])).toEqual({ successors: 0, effective_successors: 0, per_position: null });
  });
});

describe('positions at risk', () => {
  const asOf = '2026-10-01';
  const high = { employee_id: 'inc', name: null, grade: null, job_title: null, retention_risk: 'high' as const };
  const cover = (holds: boolean): KeyPosition['emergency_cover'] => ({ employee_id: 'c', name: null, rank: 1, basis: 'ready_now', holds_position: holds ? { position_id: 'KX', title: 'X' } : null });
  it('lists each position the rules select, with its reasons and severity, most severe first', () => {
    const positions = [
      // ready now and nothing else wrong, although vacant: not at risk (someone can take over today)
      position('P1', { status: 'ready_now', incumbent: null, candidates: [candidate('a', 'ready_now')], emergency_cover: cover(false) }),
      // 1–2 years, the incumbent may leave, the vacancy is 12 months away (on the limit): high
      position('P2', { status: '1_2_years', incumbent: high, expected_vacancy_on: '2027-10-01', candidates: [candidate('b', '1_2_years')] }),
      // nobody within two years, vacant, the vacancy one day after the limit: high (vacant)
      position('P3', { status: 'none', incumbent: null, expected_vacancy_on: '2027-10-02', candidates: [candidate('c', '3_plus_years')] }),
      // an empty slate with a vacancy already past: high
      position('P4', { status: 'none', expected_vacancy_on: '2025-01-01' }),
      // only 3+ years, nothing else: medium
      position('P5', { status: 'none', candidates: [candidate('d', '3_plus_years')] }),
      // the only ready-now successor may leave: medium
      position('P6', { status: 'ready_now', candidates: [candidate('e', 'ready_now', { retention_risk: 'high' }), candidate('f', '1_2_years')], emergency_cover: cover(false) }),
      // two ready-now successors, one at high risk: not at risk
      position('P7', { status: 'ready_now', candidates: [candidate('g', 'ready_now', { retention_risk: 'high' }), candidate('h', 'ready_now')], emergency_cover: cover(false) }),
      // ready now, but the cover holds another key position: low
      position('P8', { status: 'ready_now', candidates: [candidate('i', 'ready_now')], emergency_cover: cover(true) }),
      // the incumbent may leave and nobody is within two years: high
      position('P9', { status: 'none', incumbent: high, candidates: [candidate('j', '3_plus_years')] }),
      // the vacancy (20 months away, after the limit) comes before the best candidate (3+ years) can be ready: high
      position('P10', { status: 'none', expected_vacancy_on: '2028-06-01', vacancy_before_readiness: true, candidates: [candidate('k', '3_plus_years')] }),
    ];
    expect(positionsAtRisk(positions, asOf, 12).map((p) => [p.position_id, p.severity, p.reasons])).toEqual([
      ['P4', 'high', ['vacancy_soon', 'nobody_within_two_years']],
      ['P2', 'high', ['vacancy_soon', 'incumbent_retention_high']],
      ['P3', 'high', ['vacant', 'nobody_within_two_years']],
      ['P10', 'high', ['vacancy_before_readiness', 'nobody_within_two_years']],
      ['P9', 'high', ['incumbent_retention_high', 'nobody_within_two_years']],
      ['P5', 'medium', ['nobody_within_two_years']],
      ['P6', 'medium', ['sole_ready_now_retention_high']],
      ['P8', 'low', ['cover_holds_key_position']],
    ]);
  });
});

describe('plan summary', () => {
  it('counts plans, takes the earliest review and the skills most often short', () => {
    const gap = (skill_id: string) => ({ skill_id, name_ja: skill_id, name_en: skill_id, required: 3, actual: 1 });
    const plan = (review_on: string) => ({ goals: [], actions: [], review_on, due_by: '2027-10-01', vacancy_before_readiness: false, model: 'm', prompt_version: 'v' });
    const summary = planSummary([
      candidate('a', '1_2_years', { skill_gaps: [gap('s2'), gap('s1')], development_plan: plan('2027-04-01') }),
      candidate('b', '3_plus_years', { skill_gaps: [gap('s2'), gap('s3')], development_plan: plan('2027-03-01') }),
      candidate('c', 'ready_now', { skill_gaps: [gap('s4'), gap('s1')] }),
      candidate('d', 'ready_now', { skill_gaps: [gap('s2')] }),
    ]);
    expect(summary).toEqual({
      plans: 2,
      next_review_on: '2027-03-01',
      top_gaps: [
        { skill_id: 's2', name_ja: 's2', name_en: 's2', candidates: 3 },
        { skill_id: 's1', name_ja: 's1', name_en: 's1', candidates: 2 },
        { skill_id: 's3', name_ja: 's3', name_en: 's3', candidates: 1 },
      ],
    });
  });
});

describe('score reasons in both languages', () => {
  it('says each component in Japanese and English', () => {
    const r = componentReasons({
      performanceGrades: ['2025上期 A', '2025下期 S'],
      potential: '2025下期 高',
      requiredSkills: 5,
      requiredMet: 4,
      grade: 'G5',
      gradeGap: 1,
      tenureYears: 12.34,
      namedPosition: false,
      wantedSkills: 2,
    });
    expect(r.performance).toEqual({ ja: '直近 2025上期 A・2025下期 S', en: 'Latest 2025上期 A, 2025下期 S' });
    expect(r.skill_fit).toEqual({ ja: '必要スキル 4/5 を充足', en: 'Meets 4 of 5 required skills' });
    expect(r.experience).toEqual({ ja: '等級 G5・現任者の1段下・勤続12.3年', en: 'Grade G5, 1 grade below the incumbent, 12.3 years of service' });
    expect(r.aspiration).toEqual({ ja: '必要スキル2件の習得を希望', en: 'Wants to gain 2 required skills' });
  });
  it('says what is missing', () => {
    const r = componentReasons({ performanceGrades: null, potential: null, requiredSkills: 0, requiredMet: 0, grade: null, gradeGap: null, tenureYears: null, namedPosition: true, wantedSkills: 0 });
    expect(r.performance).toEqual({ ja: '評価なし', en: 'No evaluation' });
    expect(r.potential).toEqual({ ja: 'ポテンシャル評価なし', en: 'No potential rating' });
    expect(r.skill_fit.en).toBe('No required skills set (neutral 0.5)');
    expect(r.experience).toEqual({ ja: '等級不明', en: 'Grade unknown' });
    expect(r.aspiration).toEqual({ ja: '面談で本ポジションを志望', en: 'Named this position as a goal in an interview' });
  });
});
