import { describe, expect, it } from 'vitest';
import { offlineDevelopmentPlan, planHorizon } from '../../../../batch/ai/offline/development-plan.ts';
import { DevelopmentPlanInput, DevelopmentPlanOutput } from '../../../../schemas/ai-tasks.ts';

type Input = Parameters<typeof offlineDevelopmentPlan>[0];
const plan = (input: Input) => DevelopmentPlanOutput.parse(offlineDevelopmentPlan(DevelopmentPlanInput.parse(input)));

/** KP-003 生産技術課長 of the sample (生産技術:4;PLC制御:3;プロジェクトマネジメント:3;部下育成:2), for a candidate. */
const CANDIDATE: Input = {
  position_title: '生産技術課長',
  as_of: '2026-10-01',
  readiness: '1_2_years',
  expected_vacancy: null,
  vacancy_before_readiness: false,
  gaps: [
    { skill_id: 'production_engineering', name_ja: '生産技術', required: 4, actual: 2 },
    { skill_id: 'plc', name_ja: 'PLC制御', required: 3, actual: 1 },
    { skill_id: 'project_management', name_ja: 'プロジェクトマネジメント', required: 3, actual: 2 },
    { skill_id: 'subordinate_development', name_ja: '部下育成', required: 2, actual: 2 },
  ],
  aspirations: ['生産技術課長', 'Pythonでのデータ分析'],
};

describe('offlineDevelopmentPlan', () => {
  it('drafts a plan whose review date is six months after as_of', () => {
    expect(plan(CANDIDATE).review_on).toBe('2027-04-01');
  });

  it('clamps the review date to the month end when the day does not exist', () => {
    expect(plan({ ...CANDIDATE, as_of: '2026-08-31' }).review_on).toBe('2027-02-28');
  });

  it('sets the successor goal first, then one goal per gap for the three largest', () => {
    expect(plan(CANDIDATE).goals).toEqual([
      '生産技術課長の後継者として2年以内に即時登用可能な水準へ到達する',
      'PLC制御をレベル1からレベル3へ引き上げる',
      '生産技術をレベル2からレベル4へ引き上げる',
      'プロジェクトマネジメントをレベル2からレベル3へ引き上げる',
    ]);
  });

  it('lists every real gap as a skill from the actual to the required level, largest first (ties by skill_id), and drops a met one', () => {
    expect(plan(CANDIDATE).skills).toEqual([
      { skill_id: 'plc', from_level: 1, to_level: 3 },
      { skill_id: 'production_engineering', from_level: 2, to_level: 4 },
      { skill_id: 'project_management', from_level: 2, to_level: 3 },
    ]);
  });

  it('gives each gap a concrete action, quick wins first, spread over twelve months for 1_2_years', () => {
    expect(plan(CANDIDATE).actions).toEqual([
      { text: 'プロジェクトマネジメントの実務をOJTで担当し、独力で完結できる水準にする（レベル2→3）', by: '2027-02-01' },
      { text: 'PLC制御の基礎研修を受講し、OJTで基本業務を担当する（レベル1→3）', by: '2027-06-01' },
      { text: '社内講師の指導を受けながら生産技術の難度の高い案件を主導し、後輩に教えられる水準にする（レベル2→4）', by: '2027-10-01' },
      { text: '生産技術課長の職務の一部を代行し、判断と部門運営を実務で経験する', by: '2027-10-01' },
      { text: '本人の希望「生産技術課長」を育成計画に反映し、次回レビューで配置・任用の方針を確認する', by: '2027-04-01' },
      { text: '本人の希望「Pythonでのデータ分析」を育成計画に反映し、次回レビューで配置・任用の方針を確認する', by: '2027-04-01' },
    ]);
  });

  it('stretches the dates to 24 months for 3_plus_years', () => {
    const out = plan({ ...CANDIDATE, readiness: '3_plus_years', aspirations: [] });
    expect(out.goals[0]).toBe('生産技術課長の後継者として3年を目安に即時登用可能な水準へ到達する');
    expect(out.actions.map((a) => a.by)).toEqual(['2027-06-01', '2028-02-01', '2028-10-01', '2028-10-01']);
  });

  it('plans a certificate as an exam to pass', () => {
    const out = plan({ ...CANDIDATE, gaps: [{ skill_id: 'qc_exam', name_ja: 'QC検定', required: 3, actual: 2 }], aspirations: [] });
    expect(out.actions[0]).toEqual({ text: 'QC検定の取得に向けて受験計画を立て、合格する（レベル2→3）', by: '2027-10-01' });
  });

  it('rounds fractional levels outwards and still drafts actions when there is no gap', () => {
    expect(plan({ ...CANDIDATE, gaps: [{ skill_id: 'plc', name_ja: 'PLC制御', required: 2.5, actual: 1.5 }] }).skills).toEqual([{ skill_id: 'plc', from_level: 1, to_level: 3 }]);
    const none = plan({ ...CANDIDATE, gaps: [], aspirations: [] });
    expect(none.skills).toEqual([]);
    expect(none.goals).toHaveLength(1);
    expect(none.actions).toEqual([{ text: '生産技術課長の職務の一部を代行し、判断と部門運営を実務で経験する', by: '2027-10-01' }]);
  });

  it('dates every action before an expected vacancy that comes sooner than the horizon, and names it', () => {
    // The seat empties on 2027-09-01, eleven months after as_of: the horizon ends the month before, 2027-08-01
    // (10 months), instead of 12 months on. Gaps on 10 months: max(3, round(10×1/3)) = 3, round(10×2/3) = 7, 10.
    const out = plan({ ...CANDIDATE, expected_vacancy: '2027-09-01' });
    expect(out.goals[0]).toBe('生産技術課長の想定空席（2027年9月）までに即時登用可能な水準へ到達する');
    expect(out.actions.map((a) => a.by)).toEqual(['2027-01-01', '2027-05-01', '2027-08-01', '2027-08-01', '2027-04-01', '2027-04-01']);
    expect(out.actions.every((a) => a.by !== null && a.by < '2027-09-01')).toBe(true);
    // When the candidate cannot be ready by then, the plan aims at acting in the role first.
    expect(plan({ ...CANDIDATE, expected_vacancy: '2027-09-01', vacancy_before_readiness: true }).goals[0]).toBe(
      '生産技術課長の想定空席（2027年9月）までに職務を代行できる水準へ到達し、2年以内に即時登用可能な水準を目指す',
    );
    // A vacancy three months away: everything due within two months (and the review actions too).
    const soon = plan({ ...CANDIDATE, expected_vacancy: '2027-01-01' });
    expect([...new Set(soon.actions.map((a) => a.by))]).toEqual(['2026-12-01']);
    // A vacancy after the horizon changes nothing.
    expect(plan({ ...CANDIDATE, expected_vacancy: '2028-04-01' })).toEqual(plan(CANDIDATE));
  });

  it('puts the horizon at 12 or 24 months, or the month before a sooner vacancy (a past one: one month on)', () => {
    const h = (readiness: '1_2_years' | '3_plus_years', expected_vacancy: string | null) => planHorizon({ as_of: '2026-10-01', readiness, expected_vacancy });
    expect(h('1_2_years', null)).toEqual({ months: 12, due_by: '2027-10-01', by_vacancy: false });
    expect(h('3_plus_years', null)).toEqual({ months: 24, due_by: '2028-10-01', by_vacancy: false });
    expect(h('3_plus_years', '2027-09-01')).toEqual({ months: 10, due_by: '2027-08-01', by_vacancy: true });
    expect(h('1_2_years', '2027-09-15')).toEqual({ months: 10, due_by: '2027-08-01', by_vacancy: true });
    expect(h('1_2_years', '2027-11-01')).toEqual({ months: 12, due_by: '2027-10-01', by_vacancy: false });
    expect(h('1_2_years', '2026-05-01')).toEqual({ months: 1, due_by: '2026-11-01', by_vacancy: true });
  });

  it('is deterministic: the same input gives the same plan', () => {
    expect(plan(CANDIDATE)).toEqual(plan(structuredClone(CANDIDATE)));
  });
});
