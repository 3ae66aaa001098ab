import type { Interviews, KeyPosition, KpiName, Notice, Overview } from '../../schemas/artifacts.ts';
import type { Source } from '../../schemas/config.ts';
import type { StageContext } from '../context.ts';
import { compareText } from './compare.ts';
import { addMonths, daysBetween } from './dates.ts';
import { round } from './privacy.ts';

/**
 * Bench strength after Nakisa: each successor (ready now or in 1–2 years) counts 1 ÷ the number of key
 * positions they are a successor for, so a bench made of the same few people reads as thin. Summed over all
 * positions, that is the number of distinct successors; the sum is kept as a sum so the rule stays visible.
 */
export function benchStrength(positions: Array<Pick<KeyPosition, 'candidates'>>): Overview['bench_strength'] {
  const pairs = positions.flatMap((p) => p.candidates.filter((c) => c.readiness !== '3_plus_years').map((c) => c.employee_id));
  const slatesOf = new Map<string, number>();
  for (const id of pairs) slatesOf.set(id, (slatesOf.get(id) ?? 0) + 1);
  const effective = pairs.reduce((sum, id) => sum + 1 / slatesOf.get(id)!, 0);
  return {
    successors: pairs.length,
    effective_successors: round(effective, 2),
    per_position: positions.length ? round(effective / positions.length, 2) : null,
  };
}

type AtRisk = Overview['positions_at_risk'][number];
type RiskReason = AtRisk['reasons'][number];
const RISK_ORDER: readonly RiskReason[] = ['vacant', 'vacancy_soon', 'vacancy_before_readiness', 'incumbent_retention_high', 'nobody_within_two_years', 'sole_ready_now_retention_high', 'cover_holds_key_position'];
const SEVERITY_ORDER: readonly AtRisk['severity'][] = ['high', 'medium', 'low'];

/**
 * Key positions at risk, each with its reasons and a severity, most severe first (then the earliest expected
 * vacancy, then the id). Reasons: without a ready-now successor, the position is vacant, its vacancy is on or
 * before as_of + vacancySoonMonths (a date already past counts too) or its incumbent is at high retention
 * risk; the expected vacancy comes before the best candidate can be ready (succession_status); nobody on the
 * slate can be ready within two years (3+ years only, or an empty slate); the only ready-now successor is at
 * high retention risk; the emergency cover holds another key position.
 * Severity: high when the seat empties (vacant, soon, or before anyone is ready) with nobody ready now, or the incumbent may leave with
 * nobody within two years; low when the only reason is the cover's own seat; medium otherwise.
 */
export function positionsAtRisk(positions: KeyPosition[], asOf: string, vacancySoonMonths: number): Overview['positions_at_risk'] {
  const soon = addMonths(asOf, vacancySoonMonths);
  const out: Overview['positions_at_risk'] = [];
  for (const p of positions) {
    const reasons = new Set<RiskReason>();
    const readyNow = p.candidates.filter((c) => c.readiness === 'ready_now');
    if (p.status !== 'ready_now') {
      if (p.incumbent === null) reasons.add('vacant');
      if (p.expected_vacancy_on !== null && p.expected_vacancy_on <= soon) reasons.add('vacancy_soon');
      if (p.incumbent?.retention_risk === 'high') reasons.add('incumbent_retention_high');
    }
    if (p.vacancy_before_readiness) reasons.add('vacancy_before_readiness');
    if (p.status === 'none') reasons.add('nobody_within_two_years');
    if (readyNow.length === 1 && readyNow[0]!.retention_risk === 'high') reasons.add('sole_ready_now_retention_high');
    if (p.emergency_cover?.holds_position) reasons.add('cover_holds_key_position');
    if (reasons.size === 0) continue;
    const empties = reasons.has('vacant') || reasons.has('vacancy_soon') || reasons.has('vacancy_before_readiness');
    const severity: AtRisk['severity'] =
      empties || (reasons.has('incumbent_retention_high') && reasons.has('nobody_within_two_years')) ? 'high' : reasons.size === 1 && reasons.has('cover_holds_key_position') ? 'low' : 'medium';
    out.push({
      position_id: p.position_id,
      title: p.title,
      department: p.department,
      status: p.status,
      severity,
      reasons: RISK_ORDER.filter((r) => reasons.has(r)),
      expected_vacancy_on: p.expected_vacancy_on,
    });
  }
  return out.sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      compareText(a.expected_vacancy_on ?? '9999', b.expected_vacancy_on ?? '9999') ||
      compareText(a.position_id, b.position_id),
  );
}

/** The source kinds whose age is shown, in pipeline order, each with the SQL of its newest date. */
const NEWEST: Array<{ kind: Source['kind']; sql: string | null }> = [
  { kind: 'employees', sql: `SELECT max(hire_date) FROM employees` },
  { kind: 'skill_matrix', sql: `SELECT max(assessed_on) FROM employee_skills WHERE source <> 'inferred'` },
  { kind: 'skill_list', sql: `SELECT max(assessed_on) FROM skill_assessments` },
  // Evaluation periods are labels (2025下期), not dates: their age cannot be told without guessing a calendar.
  { kind: 'evaluations', sql: null },
  { kind: 'interviews', sql: `SELECT max(held_on) FROM interviews` },
];

export async function buildOverview(
  ctx: StageContext,
  input: { positions: KeyPosition[]; interviews: Interviews; rejects: number; notices: Notice[] },
): Promise<Overview> {
  const { db, config, asOf } = ctx;
  const c = await db.one<{ headcount: number; departments: number }>(`SELECT
    (SELECT count(*) FROM pub_people)::INTEGER AS headcount,
    (SELECT count(DISTINCT leaf_id) FROM pub_people WHERE leaf_id IS NOT NULL)::INTEGER AS departments`);
  const kinds = new Set(config.sources.map((s) => s.kind));
  const shown = NEWEST.filter((n) => kinds.has(n.kind));
  const newest = shown.length
    ? await db.one<Record<string, string | null>>(`SELECT ${shown.map((n) => `CAST((${n.sql ?? 'SELECT NULL::DATE'}) AS VARCHAR) AS "${n.kind}"`).join(', ')}`)
    : {};
  const positions = input.positions;
  const withReady = positions.filter((p) => p.status === 'ready_now').length;
  const total = input.interviews.total;
  const coverage = positions.length ? round(withReady / positions.length) : null;
  const bench = benchStrength(positions);
  const atRisk = positionsAtRisk(positions, asOf, config.retention.vacancy_soon_months);
  const overdue = input.interviews.overdue_actions.overdue;
  const t = config.targets;
  return {
    company: config.company.name,
    as_of: asOf,
    headcount: c.headcount,
    departments: c.departments,
    key_positions: positions.length,
    positions_with_ready_now: withReady,
    coverage,
    positions_without_ready_now: positions.filter((p) => p.status !== 'ready_now').map((p) => ({ position_id: p.position_id, title: p.title, department: p.department })),
    bench_strength: bench,
    vacancy_soon_months: config.retention.vacancy_soon_months,
    positions_at_risk: atRisk,
    interview_coverage: { cycle_months: input.interviews.cycle_months, covered: total.covered, eligible: total.headcount, share: total.share },
    data_age: shown.map((n) => {
      const date = newest[n.kind] ?? null;
      return { kind: n.kind, newest: date, age_days: date === null ? null : daysBetween(date, asOf) };
    }),
    rejects: input.rejects,
    names_en: await englishNames(ctx),
    overdue_follow_ups: overdue,
    targets: [
      kpi('coverage', coverage, t.coverage, 'at_least'),
      kpi('bench_strength', bench.per_position, t.bench_strength, 'at_least'),
      kpi('positions_at_risk', positions.length ? atRisk.length : null, t.positions_at_risk, 'at_most'),
      kpi('interview_coverage', total.share, t.interview_coverage, 'at_least'),
      kpi('overdue_follow_ups', overdue, t.overdue_follow_ups, 'at_most'),
      kpi('rejects', input.rejects, t.rejects, 'at_most'),
    ],
    notices: input.notices,
  };
}

/** A key figure against its target: met when at least (or at most) the target; null when there is no figure. */
export function kpi(name: KpiName, value: number | null, target: number, direction: 'at_least' | 'at_most'): Overview['targets'][number] {
  return { kpi: name, value, target, direction, met: value === null ? null : direction === 'at_least' ? value >= target : value <= target };
}

/** The English names the config and exports give, as the site looks them up (Overview.names_en). */
async function englishNames(ctx: StageContext): Promise<Overview['names_en']> {
  const departments = await ctx.db.all<{ name: string; en: string }>(`
    SELECT name, any_value(name_en) AS en FROM departments WHERE name_en IS NOT NULL GROUP BY name
    HAVING count(DISTINCT name_en) = 1 ORDER BY name`);
  const positions = await ctx.db.all<{ id: string; en: string }>(`SELECT position_id AS id, title_en AS en FROM key_positions WHERE title_en IS NOT NULL ORDER BY position_id`);
  return { departments: Object.fromEntries(departments.map((d) => [d.name, d.en])), positions: Object.fromEntries(positions.map((p) => [p.id, p.en])) };
}
