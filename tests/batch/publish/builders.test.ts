import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from '../../../schemas/artifacts.ts';
import { openDb } from '../../../batch/db.ts';
import { createTablesSql } from '../../../batch/model/tables.ts';
import { buildArtifacts, type ArtifactSet } from '../../../batch/publish/build-artifacts.ts';
import { carryOverHistory, readRuns } from '../../../batch/publish/history.ts';
import { createPublishTables } from '../../../batch/publish/shared-tables.ts';
import { pseudonym } from '../../../batch/publish/pseudonym.ts';
import { buildSkillMap, recordSkillHistory } from '../../../batch/publish/skill-map.ts';
import { buildTalentPool } from '../../../batch/publish/talent-pool.ts';
import { memoryLogger } from '../../../batch/log.ts';
import { scoreSuccession } from '../../../batch/scoring/succession.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { AS_OF, createFixture, fixtureConfig, type Fixture } from './fixture.ts';

const input = {
  notices: [],
  sources: [],
  levelMax: 4,
  ai: { provider: 'offline', model: 'rules', prompt_versions: {}, left_over: 0 },
  categoryOrder: ['製造', 'データ', '語学'],
  pseudonymKey: null,
};

let f: Fixture;
let a: ArtifactSet;
beforeAll(async () => {
  f = await createFixture(fixtureConfig({ privacy: { min_group_size: 3 }, skill_map: { strategic_skills: [{ skill_id: 'sk1', target_share: 0.3 }] } }));
  a = await buildArtifacts(f.ctx, input);
});
afterAll(() => f.db.close());

const byId = <T extends { department_id: string }>(rows: T[], id: string): T => {
  const row = rows.find((r) => r.department_id === id);
  if (!row) throw new Error(`no row for ${id}`);
  return row;
};

describe('every artifact of the small company', () => {
  it('fits its schema', () => {
    for (const [name, schema] of Object.entries(ARTIFACTS)) expect(schema.safeParse(a[name as keyof ArtifactSet]).success, name).toBe(true);
  });
});

describe('suppression below k (3)', () => {
  it('publishes nothing but the headcount of a department of 2', () => {
    const s = 'S';
    expect(byId(a['skill_map.json'].departments, s)).toEqual({ department_id: 'S', name: 'S室', headcount: 2, parent_id: null, depth: 0, division_id: 'S', suppressed: true });
    expect(a['skill_map.json'].cells.filter((c) => c.department_id === s)).toEqual([{ department_id: 'S', skill_id: 'sk1', people_at_level: null, share: null }]);
    expect(byId(a['interviews.json'].coverage, s)).toMatchObject({ suppressed: true, covered: null, share: null });
    expect(byId(a['interviews.json'].overdue_actions.by_department, s)).toMatchObject({ overdue: null, people: null });
    expect(byId(a['interviews.json'].mismatches.by_department, s)).toMatchObject({ with_aspirations: null, mismatched: null });
    expect(byId(a['retention.json'].by_department, s)).toMatchObject({ assessed: null, high: null, medium: null, share_high: null, signals: null });
    expect(byId(a['skill_map.json'].position_gaps, s)).toMatchObject({ headcount: 2, suppressed: true, skills: [{ skill_id: 'sk1', holders: null, shortfall: null, target: 2 }] });
    expect(byId(a['skill_map.json'].strategic[0]!.departments, s).share).toBeNull();
  });
  it('shows a department of exactly k', () => {
    expect(byId(a['interviews.json'].coverage, 'D1/B')).toMatchObject({ headcount: 3, suppressed: false, covered: 2, share: 0.6667 });
  });
  it('hides a 9-box cell of 1 to k−1 people, and its members', () => {
    const cell = a['talent_pool.json'].cells.find((c) => c.box === 5)!;
    expect(cell).toMatchObject({ count: null, members: null, members_not_listed: 0 });
    expect(a['talent_pool.json'].cells.find((c) => c.box === 1)).toMatchObject({ count: 0, members: [], members_not_listed: 0 });
    // 4 rated: box 5 (1 person) and box 9 (3). Showing box 9 would give box 5 away (4 − 3 = 1), so it is hidden too.
    expect(a['talent_pool.json'].rated).toBe(4);
    expect(a['talent_pool.json'].cells.find((c) => c.box === 9)).toMatchObject({ count: null, members: null, members_not_listed: 0 });
  });
});

describe('organisation rollup and complementary suppression', () => {
  it('counts a parent\'s subtree, and hides it when the company minus it gives a small unit away', () => {
    const rows = a['interviews.json'].coverage.map((d) => [d.department_id, d.parent_id, d.depth, d.headcount, d.suppressed, d.covered]);
    // 本部: h1 and its 課, 8 people; the company's 10 − 8 = S室's 2, so 本部 is hidden; 10 − 4 − 3 = 3 then.
    expect(rows).toEqual([
      ['D1', null, 0, 8, true, null],
      ['D1/A', 'D1', 1, 4, false, 1],
      ['D1/B', 'D1', 1, 3, false, 2],
      ['S', null, 0, 2, true, null],
    ]);
  });
  it('shows the parent with its subtree once the rest is safe, and hides a 課 its lone head would be given away by', async () => {
    const g = await createFixture(fixtureConfig({ privacy: { min_group_size: 3 } }));
    try {
      // A third member of S室 (no interviews): the company's 11 − 本部 8 − S室 3 = 0. 本部 − A課 4 − B課 3 = 1 (h1):
      // B課 (its own 3 fill the 2 missing; A課 would add 4) is hidden, 本部 − A課 = 4.
      await g.db.run(`INSERT INTO employees (employee_id, name, department_id, status, source_line, source_file) VALUES ('s3', '佐藤 三', 'S', 'active', 13, 'e.csv')`);
      await createPublishTables(g.ctx);
      const built = await buildArtifacts(g.ctx, input);
      const coverage = built['interviews.json'].coverage.map((d) => [d.department_id, d.headcount, d.suppressed, d.covered, d.share]);
      // Career interviews in the cycle: a1 (A課), b1 and b2 (B課): 本部 3 of 8.
      expect(coverage).toEqual([
        ['D1', 8, false, 3, 0.375],
        ['D1/A', 4, false, 1, 0.25],
        ['D1/B', 3, true, null, null],
        ['S', 3, false, 0, 0],
      ]);
      // The skill map: 本部 has sk1 at level 3 or more in a1, a2 (A課): 2 of 8.
      expect(built['skill_map.json'].cells.filter((c) => c.department_id === 'D1' && c.skill_id === 'sk1')).toEqual([{ department_id: 'D1', skill_id: 'sk1', people_at_level: 2, share: 0.25 }]);
    } finally {
      g.db.close();
    }
  });
  it('publishes each division\'s 9-box by counts, hidden where a division or a box would give a small cell away', () => {
    // 4 rated, all in 本部 (a2, b2, a4 in box 9; b3 in box 5); the company's boxes 5 and 9 are hidden.
    // 本部 has 8 people but its rated 4 against a company total of 4 would repeat the company's cells: its
    // cells 5 (1) and 9 (3) are hidden, the empty ones shown; S室 (2 people) has no counts.
    expect(a['talent_pool.json'].divisions).toEqual([
      { department_id: 'D1', name: '本部', headcount: 8, rated: 4, counts: [0, 0, 0, 0, null, 0, 0, 0, null] },
      { department_id: 'S', name: 'S室', headcount: 2, rated: null, counts: [null, null, null, null, null, null, null, null, null] },
    ]);
  });
});

describe('overview', () => {
  it('counts bench strength with people on two slates at half each', () => {
    // a2 (KP1 ready now, KP3 1–2 years) and b2 (KP1, KP2 in 1–2 years): four nominations, two people.
    expect(a['overview.json'].bench_strength).toEqual({ successors: 4, effective_successors: 2, per_position: 0.5 });
  });
  it('lists the positions at risk with their reasons, most severe first', () => {
    // KP3: vacant, vacancy (2027-04) within 12 months and before its best, a2 in 1–2 years, can be ready
    // (2027-10-01), nobody ready now → high. KP4: only s2, 3+ years → medium, its
    // vacancy (2030-01) before KP2's unknown one. KP2: incumbent b1 at high risk, b2 only 1–2 years → medium.
    // KP1: a2 ready now, the only one, at low risk; its cover a2 holds no key position → not at risk.
    expect(a['overview.json'].positions_at_risk).toEqual([
      { position_id: 'KP3', title: '本部長', department: '本部', status: '1_2_years', severity: 'high', reasons: ['vacant', 'vacancy_soon', 'vacancy_before_readiness'], expected_vacancy_on: '2027-04-01' },
      { position_id: 'KP4', title: 'S室長', department: 'S室', status: 'none', severity: 'medium', reasons: ['nobody_within_two_years'], expected_vacancy_on: '2030-01-01' },
      { position_id: 'KP2', title: 'B課長', department: 'B課', status: '1_2_years', severity: 'medium', reasons: ['incumbent_retention_high'], expected_vacancy_on: null },
    ]);
  });
  it('counts career interviews from exactly cycle_months before as_of up to as_of, for active people', () => {
    // a1 on 2026-04-01 (first day in), b1 on 2026-06-01, b2 on as_of; a2's career interview on 2026-03-31 is out,
    // her 1on1 is no career interview, and b9 has left.
    expect(a['overview.json'].interview_coverage).toEqual({ cycle_months: 6, covered: 3, eligible: 10, share: 0.3 });
  });
  it('says how old each kind of source is', () => {
    expect(a['overview.json'].data_age).toEqual([
      { kind: 'employees', newest: '2020-04-01', age_days: 2374 },
      { kind: 'skill_matrix', newest: '2026-04-01', age_days: 183 },
      { kind: 'evaluations', newest: null, age_days: null },
      { kind: 'interviews', newest: '2026-10-01', age_days: 0 },
    ]);
  });
});

describe('retention', () => {
  it('takes the latest signal within window_months, unknown without one', async () => {
    const risks = await f.db.all<{ employee_id: string; risk: string }>(`SELECT employee_id, risk FROM person_retention ORDER BY employee_id`);
    expect(Object.fromEntries(risks.map((r) => [r.employee_id, r.risk]))).toEqual({
      a1: 'low',
      a2: 'low', // high on 2026-03-31, low on 2026-09-01: the latest counts
      a3: 'unknown', // high on 2025-09-30, a day before the 12-month window
      a4: 'medium', // 2025-10-01, the window's first day
      b1: 'high',
      b2: 'medium',
      b3: 'unknown',
      b9: 'high',
      h1: 'unknown',
      s1: 'low',
      s2: 'unknown',
    });
  });
  it('aggregates active people by department, hiding counts over fewer than k assessed', () => {
    const r = a['retention.json'];
    expect(r.total).toEqual({ headcount: 10, assessed: 6, high: 1, medium: 2 });
    // The second pass (the people assessed, 6): the company minus A課's 3 leaves B課's 2 and s1 — 3, enough.
    expect(byId(r.by_department, 'D1/A')).toEqual({
      department_id: 'D1/A', name: 'A課', headcount: 4, parent_id: 'D1', depth: 1, division_id: 'D1', suppressed: false, assessed: 3, high: 0, medium: 1, share_high: 0, signals: [],
    });
    expect(byId(r.by_department, 'D1/B')).toMatchObject({ assessed: 2, high: null, medium: null, share_high: null, signals: null });
  });
  it('counts concern categories of the latest medium/high interview only, leaving out those under k', () => {
    // workload: a4, b1, b2; family: a4 only; career was a2's earlier interview, not her latest.
    expect(a['retention.json'].signals).toEqual([{ category: 'workload', people: 3 }]);
  });
  it('shows the risk around each key position', () => {
    expect(a['retention.json'].by_position).toEqual([
      { position_id: 'KP1', title: 'A課長', department: 'A課', division_id: 'D1', incumbent_risk: 'low', candidates: 2, candidates_high: 0, status: 'ready_now' },
      { position_id: 'KP2', title: 'B課長', department: 'B課', division_id: 'D1', incumbent_risk: 'high', candidates: 2, candidates_high: 0, status: '1_2_years' },
      { position_id: 'KP3', title: '本部長', department: '本部', division_id: 'D1', incumbent_risk: null, candidates: 1, candidates_high: 0, status: '1_2_years' },
      { position_id: 'KP4', title: 'S室長', department: 'S室', division_id: 'S', incumbent_risk: 'low', candidates: 1, candidates_high: 0, status: 'none' },
    ]);
  });
});

describe('interviews', () => {
  it('counts overdue follow-ups: due before as_of, no interview of the person on or after the due date', () => {
    const o = a['interviews.json'].overdue_actions;
    // a3's action due 2025-12-01 and a2's due 2026-09-15 (her last interview was 2026-09-01), s1's due 2026-06-01;
    // b1's due 2026-02-01 is cleared by her interview of 2026-06-01; b9 has left.
    expect({ total: o.total, with_due_date: o.with_due_date, overdue: o.overdue }).toEqual({ total: 6, with_due_date: 5, overdue: 3 });
    expect(o.by_owner).toEqual([
      { owner: 'manager', overdue: 0 },
      { owner: 'employee', overdue: 1 },
      { owner: 'hr', overdue: 1 },
      { owner: 'other', overdue: 1 },
    ]);
    expect(byId(o.by_department, 'D1/A')).toMatchObject({ overdue: 2, people: 2 });
    expect(byId(o.by_department, 'D1/B')).toMatchObject({ overdue: 0, people: 0 });
  });
  it('finds wishes the organization does not answer', () => {
    const m = a['interviews.json'].mismatches;
    // a3 wants sk2, which nobody in A課 holds and no A課 position requires; b3 names KP1 but is not on its slate.
    // a4 wants sk1 (held in A課), b3 wants sk3 (KP2 of B課 requires it), b2 is on KP1's slate, a1 holds KP1.
    expect({ with: m.people_with_aspirations, mismatched: m.people_mismatched }).toEqual({ with: 5, mismatched: 2 });
    // 5 voiced a wish, 3 of them in A課: showing A課's answer would give B課's 2 away (5 − 3), so it is hidden too.
    expect(byId(m.by_department, 'D1/A')).toMatchObject({ with_aspirations: 3, mismatched: null });
    expect(byId(m.by_department, 'D1/B')).toMatchObject({ with_aspirations: 2, mismatched: null });
    expect(m.skills).toEqual([]);
    expect(m.positions).toEqual([{ position_id: 'KP1', title: 'A課長', named_by: 3, not_on_slate: null }]);
  });
});

describe('succession', () => {
  const positions = () => a['succession.json'].positions;
  it('holds on its hand-made slates exactly the values scoring computes for each pair from the fixture\'s rows', async () => {
    const { db, ctx } = await createFixture();
    try {
      const columns = 'position_id, employee_id, score, readiness, performance, potential, skill_fit, experience, aspiration, grade_gap, reach, reach_fit';
      const hand = await db.all(`SELECT ${columns} FROM succession_candidates ORDER BY position_id, employee_id`);
      for (const t of ['succession_candidates', 'succession_components', 'succession_status', 'emergency_covers', 'succession_next_steps', 'department_functions']) await db.run(`DELETE FROM ${t}`);
      await scoreSuccession(ctx);
      const scored = await db.all(`SELECT ${columns} FROM succession_candidates ORDER BY position_id, employee_id`);
      expect(hand.length).toBe(6);
      for (const row of hand) expect(scored, JSON.stringify(row)).toContainEqual(row);
    } finally {
      db.close();
    }
  });
  it('carries each candidate\'s number of slates, the seats they would cover, the flag threshold, and the points as stored', () => {
    // a2 is on KP1 and KP3, b2 on KP1 and KP2; a2 covers KP1 (ready now), b2 KP2 (acting, 1 grade below);
    // nobody on a slate holds a key position in this fixture.
    expect(positions().flatMap((p) => p.candidates.map((c) => [p.position_id, c.employee_id, c.slates, c.covers, c.holds_position]))).toEqual([
      ['KP1', 'a2', 2, ['KP1'], null], ['KP1', 'b2', 2, ['KP2'], null], ['KP2', 'b2', 2, ['KP2'], null], ['KP2', 'b3', 1, [], null], ['KP3', 'a2', 2, ['KP1'], null], ['KP4', 's2', 1, [], null],
    ]);
    expect(a['succession.json'].flag_slates_from).toBe(3);
    // KP1's a2: performance 0.75 (2026上期 A) × 0.3 ÷ 1 × 100 = 22.5 points, potential 1 → 25, fit 1 → 25,
    // experience 0.7667 → 7.7, no aspiration → 0.
    expect(positions()[0]!.candidates[0]!.components.map((c) => c.points)).toEqual([22.5, 25, 25, 7.7, 0]);
  });
  it('reads expected vacancies and gives everyone on it a retention risk', () => {
    expect(positions().map((p) => [p.position_id, p.expected_vacancy, p.expected_vacancy_on])).toEqual([
      ['KP1', '2027/3', '2027-03-01'],
      ['KP2', null, null],
      ['KP3', '令和9年4月', '2027-04-01'],
      ['KP4', '2030-01', '2030-01-01'],
    ]);
    expect(positions()[1]!.incumbent).toMatchObject({ employee_id: 'b1', retention_risk: 'high' });
    expect(positions()[1]!.candidates.map((c) => [c.employee_id, c.retention_risk])).toEqual([
      ['b2', 'medium'],
      ['b3', 'unknown'],
    ]);
  });
  it('names the emergency cover: ready now, else acting at most one grade below', () => {
    expect(positions().map((p) => p.emergency_cover)).toEqual([
      { employee_id: 'a2', name: '青木 二', rank: 1, basis: 'ready_now', holds_position: null },
      { employee_id: 'b2', name: '馬場 二', rank: 1, basis: 'acting', holds_position: null },
      null,
      null,
    ]);
  });
  it('gives skill names and reasons in both languages', () => {
    const kp1 = positions()[0]!;
    expect(kp1.required_skills).toEqual([{ skill_id: 'sk1', name_ja: '旋盤', name_en: 'Lathe', level: 3 }]);
    expect(kp1.candidates[1]!.skill_gaps).toEqual([{ skill_id: 'sk1', name_ja: '旋盤', name_en: 'Lathe', required: 3, actual: 2 }]);
    expect(kp1.plan_summary).toEqual({ plans: 0, next_review_on: null, top_gaps: [{ skill_id: 'sk1', name_ja: '旋盤', name_en: 'Lathe', candidates: 1 }] });
    const perf = kp1.candidates[0]!.components.find((c) => c.name === 'performance')!;
    expect(perf.reason).toEqual({ ja: '直近 2026上期 A', en: 'Latest 2026上期 A' });
    expect(a['succession.json'].readiness).toEqual({ ready_now: { min_score: 70, min_skill_fit: 0.85, max_grade_gap: 1 }, one_to_two_years: { min_score: 55, min_skill_fit: 0.6 } });
  });
});

describe('skill map', () => {
  const m = () => a['skill_map.json'];
  it('lists categories of the published skills in taxonomy order', () => {
    expect(m().categories).toEqual(['製造', '語学']);
  });
  it('measures each key-position department (its subtree) against holders_target', () => {
    expect(m().position_gaps.map((d) => [d.department_id, d.headcount, d.skills.map((s) => [s.skill_id, s.required_level, s.position_ids, s.holders, s.shortfall])])).toEqual([
      // 本部 is hidden with the units: the company minus its 8 is S室's 2.
      ['D1', 8, [['sk1', 2, ['KP3'], null, null], ['sk3', 2, ['KP3'], null, null]]],
      ['D1/A', 4, [['sk1', 3, ['KP1'], 2, 0]]],
      ['D1/B', 3, [['sk3', 3, ['KP2'], 0, 2]]],
      ['S', 2, [['sk1', 3, ['KP4'], null, null]]],
    ]);
    // Each in its division: 本部 for itself and its 課, S室 for itself.
    expect(m().position_gaps.map((d) => [d.department_id, d.division_id])).toEqual([['D1', 'D1'], ['D1/A', 'D1'], ['D1/B', 'D1'], ['S', 'S']]);
  });
  it('shares strategic skills company-wide and by department', () => {
    expect(m().strategic).toEqual([
      {
        skill_id: 'sk1',
        level: 3,
        target_share: 0.3,
        company_share: 0.4,
        departments: [
          { department_id: 'D1', share: null },
          { department_id: 'D1/A', share: 0.5 },
          { department_id: 'D1/B', share: 0 },
          { department_id: 'S', share: null },
        ],
      },
    ]);
  });
});

describe('skill trend', () => {
  it('keeps earlier snapshots, replaces the one of the same as_of and leaves out a company under k', async () => {
    const g = await createFixture();
    try {
      await g.db.run(`INSERT INTO skill_history VALUES ('2025-10-01', '製造', 1, 2), ('2026-04-01', '製造', 1, 10), ('${AS_OF}', '製造', 99, 99)`);
      await recordSkillHistory(g.ctx);
      const map = await buildSkillMap(g.ctx, { levelMax: 4, categoryOrder: [] });
      expect(map.trend).toEqual([
        { as_of: '2026-04-01', category: '製造', share: 0.1, headcount: 10 },
        { as_of: AS_OF, category: '製造', share: 0.4, headcount: 10 },
        { as_of: AS_OF, category: '語学', share: 0, headcount: 10 },
      ]);
      await recordSkillHistory(g.ctx);
      const n = await g.db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM skill_history WHERE as_of = DATE '${AS_OF}'`);
      expect(n.n).toBe(2);
    } finally {
      g.db.close();
    }
  });
  it('carries runs and snapshots over from the previous DuckDB file, each table on its own', async () => {
    const dir = await tempDir('history');
    const previous = join(dir, 'talent.duckdb');
    const old = await openDb(previous);
    await old.run(createTablesSql());
    await old.run(`INSERT INTO skill_history VALUES ('2026-04-01', '製造', 3, 10)`);
    await old.run(`INSERT INTO runs VALUES ('r1', '2026-04-01 02:00:00', '2026-04-01 02:00:05.5', '2026-04-01', 'succeeded', 'c.yaml', 'h1',
      '{}', '{"tables": {"employees": 11, "rejects": 2, "ai_backlog": 1}}', 0, 0, 0, '{"provider": "offline"}')`);
    old.close();
    const g = await createFixture();
    try {
      await carryOverHistory(g.ctx, previous);
      await recordSkillHistory(g.ctx);
      const history = await g.db.all<{ as_of: string; people_at_level: number }>(`SELECT CAST(as_of AS VARCHAR) AS as_of, people_at_level FROM skill_history ORDER BY as_of, category`);
      expect(history.map((h) => h.as_of)).toEqual(['2026-04-01', AS_OF, AS_OF]);
      expect((await readRuns(g.ctx)).runs).toEqual([
        { run_id: 'r1', started_at: '2026-04-01T02:00:00.000Z', finished_at: '2026-04-01T02:00:05.500Z', as_of: '2026-04-01', seconds: 5.5, input_hash: 'h1', employees: 11, rejects: 2, ai_provider: 'offline', ai_left_over: 1 },
      ]);
    } finally {
      g.db.close();
    }
    // A file from before skill_history existed still hands over its runs.
    const older = await openDb(join(dir, 'older.duckdb'));
    await older.run(createTablesSql().replace(/CREATE TABLE skill_history[\s\S]*?\);\n(COMMENT ON [^\n]*skill_history[^\n]*\n?)*/, ''));
    await older.run(`INSERT INTO runs VALUES ('r0', '2026-03-01 02:00:00', '2026-03-01 02:00:01', '2026-03-01', 'succeeded', 'c.yaml', 'h0', '{}', '{}', 0, 0, 0, '{}')`);
    older.close();
    const h = await createFixture();
    try {
      h.ctx.log = memoryLogger();
      await carryOverHistory(h.ctx, join(dir, 'older.duckdb'));
      expect((await readRuns(h.ctx)).runs.map((r) => r.run_id)).toEqual(['r0']);
      expect((h.ctx.log as ReturnType<typeof memoryLogger>).lines.some((l) => l.includes('skill_history history'))).toBe(true);
    } finally {
      h.db.close();
    }
  });
});

describe('talent pool members', () => {
  it('lists members best first up to pool_members_max and counts the rest', async () => {
    // k = 1: with k = 3 the single person of box 5 would hide box 9 too (4 rated − 3 shown = 1).
    const g = await createFixture(fixtureConfig({ privacy: { min_group_size: 1, pool_members_max: 2 } }));
    try {
      const pool = await buildTalentPool(g.ctx, (id) => id);
      const star = pool.cells.find((c) => c.box === 9)!;
      expect(star.label).toEqual({ ja: 'スター', en: 'Star' });
      expect(star.count).toBe(3);
      expect(star.members).toEqual([
        { employee_id: 'a2', name: '青木 二', department: 'A課', grade: 'G5' },
        { employee_id: 'a4', name: '青木 四', department: 'A課', grade: 'G3' },
      ]);
      expect(star.members_not_listed).toBe(1);
      expect(pool).toMatchObject({ rated: 4, unrated: 6 });
    } finally {
      g.db.close();
    }
  });
  it('lists nobody when names may not be shown', async () => {
    for (const privacy of [{ show_names: false }, { pool_members: false }]) {
      const g = await createFixture(fixtureConfig({ privacy: { min_group_size: 3, ...privacy } }));
      try {
        const pool = await buildTalentPool(g.ctx, (id) => id);
        expect(pool.cells.every((c) => c.members === null && c.members_not_listed === 0)).toBe(true);
      } finally {
        g.db.close();
      }
    }
  });
});

describe('English names', () => {
  it('are published as the site looks them up: departments by their name, key positions by id', () => {
    expect(a['overview.json'].names_en).toEqual({ departments: { A課: 'Section A', 本部: 'Head office' }, positions: { KP1: 'Head of section A' } });
  });
});

describe('talent cards (people.json)', () => {
  it('are made for the people the site names: without names, only those on a slate or holding a key position, unnamed', async () => {
    const g = await createFixture(fixtureConfig({ privacy: { min_group_size: 3, show_names: false } }));
    try {
      const set = await buildArtifacts(g.ctx, input);
      const s = set['succession.json'];
      const named = new Set(s.positions.flatMap((p) => [p.incumbent?.employee_id, ...p.candidates.map((c) => c.employee_id)]).filter((x) => x !== undefined));
      expect(new Set(set['people.json'].people.map((p) => p.employee_id))).toEqual(named);
      expect(set['people.json'].people.every((p) => p.name === null)).toBe(true);
    } finally {
      g.db.close();
    }
  });
});

describe('pseudonymized ids', () => {
  it('replaces every published employee id, and only those', async () => {
    const key = 'fixture-pseudonym-key';
    // k = 1, so that the 9-box lists members (with k = 3, box 5's one person hides box 9 as well).
    const g = await createFixture(fixtureConfig({ privacy: { min_group_size: 1, pseudonymize_ids: true, pseudonym_key: key } }));
    try {
      const set = await buildArtifacts(g.ctx, { ...input, pseudonymKey: key });
      const s = set['succession.json'];
      expect(s.positions[0]!.incumbent!.employee_id).toBe(pseudonym(key, 'a1'));
      expect(s.positions[0]!.candidates.map((c) => c.employee_id)).toEqual([pseudonym(key, 'a2'), pseudonym(key, 'b2')]);
      expect(s.positions[0]!.emergency_cover!.employee_id).toBe(pseudonym(key, 'a2'));
      expect(set['talent_pool.json'].cells.find((c) => c.box === 9)!.members!.map((m) => m.employee_id)).toEqual([pseudonym(key, 'a2'), pseudonym(key, 'a4'), pseudonym(key, 'b2')]);
      // b2 is on two slates: the same pseudonym on both, so bench strength still sees one person.
      expect(set['overview.json'].bench_strength).toEqual({ successors: 4, effective_successors: 2, per_position: 0.5 });
      // The talent cards under the same pseudonyms, in the order of the pseudonyms (not of the ids behind them).
      const cards = set['people.json'].people.map((p) => p.employee_id);
      expect(cards).toEqual([...cards].sort());
      expect(new Set(cards)).toEqual(new Set([...s.positions.flatMap((p) => [p.incumbent?.employee_id, ...p.candidates.map((c) => c.employee_id)]), ...set['talent_pool.json'].cells.flatMap((c) => (c.members ?? []).map((m) => m.employee_id))].filter((x) => x !== undefined)));
      const text = JSON.stringify(set);
      for (const id of ['a1', 'a2', 'a4', 'b1', 'b2', 'b3', 's1', 's2']) expect(text).not.toContain(`"employee_id":"${id}"`);
    } finally {
      g.db.close();
    }
  });
});

describe('quality checks', () => {
  it('counts stale and missing records among active people and key positions', () => {
    const checks = Object.fromEntries(a['quality.json'].checks.map((c) => [c.check, [c.count, c.total, c.months]]));
    expect(checks).toEqual({
      no_evaluation_latest_period: [8, 10, null],
      no_skill_assessment: [4, 10, null], // h1, a4, b1, and a3 whose only skill is inferred
      skill_assessment_stale: [2, 10, 24], // s1 and s2, assessed 2024-04-01
      no_interview_in_window: [4, 10, 12], // h1, a3 (a day too early), b3, s2
      no_manager: [2, 10, null],
      no_hire_date: [1, 10, null],
      position_vacant_or_unknown: [1, 4, null],
      position_without_required_skills: [0, 4, null],
    });
  });
});

describe('reporting units (reporting.department_depth / max_departments)', () => {
  const departmentsOf = async (reporting: { department_depth?: number; max_departments?: number }) => {
    const g = await createFixture(fixtureConfig({ privacy: { min_group_size: 3 }, reporting }));
    try {
      const built = await buildArtifacts(g.ctx, input);
      return {
        skills: built['skill_map.json'].departments.map((d) => [d.department_id, d.headcount, d.suppressed]),
        divisions: built['skill_map.json'].departments.map((d) => d.division_id),
        retention: built['retention.json'].by_department.map((d) => [d.department_id, d.headcount]),
        departments: built['overview.json'].departments,
        gaps: built['skill_map.json'].position_gaps.map((d) => [d.department_id, d.headcount]),
      };
    } finally {
      g.db.close();
    }
  };

  it('counts people in the department they sit in when the tree has few enough units', async () => {
    const r = await departmentsOf({});
    // 本部 counts its 課 (8 people) and is hidden all the same: the company's 10 minus its 8 is S室's 2.
    expect(r.skills).toEqual([['D1', 8, true], ['D1/A', 4, false], ['D1/B', 3, false], ['S', 2, true]]);
  });

  it('rolls people up into their top-level unit at department_depth 1, so the lone head joins her sections', async () => {
    const r = await departmentsOf({ department_depth: 1 });
    expect(r.skills).toEqual([['D1', 8, true], ['S', 2, true]]);
    // No unit below another: no division to filter by (each would be a page of one row).
    expect(r.divisions).toEqual([null, null]);
    expect(r.retention).toEqual([['D1', 8], ['S', 2]]);
    // The overview still counts the departments people sit in; key-position gaps still measure each
    // position's own department subtree.
    expect(r.departments).toBe(4);
    expect(r.gaps).toContainEqual(['D1/A', 4]);
  });

  it('picks the deepest level with at most max_departments units', async () => {
    expect((await departmentsOf({ max_departments: 3 })).skills.map(([id]) => id)).toEqual(['D1', 'S']);
    expect((await departmentsOf({ max_departments: 4 })).skills.map(([id]) => id)).toEqual(['D1', 'D1/A', 'D1/B', 'S']);
  });
});
