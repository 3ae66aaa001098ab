import type { KeyPosition, Retention } from '../../schemas/artifacts.ts';
import type { StageContext } from '../context.ts';
import { compareText } from './compare.ts';
import { cellCount, isSuppressed, shareOf, treeSuppression } from './privacy.ts';
import { hiddenUnits, publishedUnits, unitRow, unitTree, type Unit } from './units.ts';

type Signal = Retention['signals'][number];

const bySize = (a: Signal, b: Signal) => b.people - a.people || compareText(a.category, b.category);

/**
 * retention.json: retention risk of active people (person_retention: the signal of their latest interview
 * within retention.window_months) by unit (each counting its subtree), the concern categories behind medium
 * and high signals, and the risk around each key position. Two passes of complementary suppression: the
 * units by headcount (assessed counts), then by the people assessed (the risks among them). Concern
 * categories (health, family, …) are sensitive on their own: a category voiced by fewer than k people is
 * left out, company-wide and in each unit, and so is one a parent's count would give away.
 */
export async function buildRetention(ctx: StageContext, positions: KeyPosition[]): Promise<Retention> {
  const { db, config } = ctx;
  const k = config.privacy.min_group_size;
  const countsSql = (group: string, from: string) => `
    SELECT ${group} count(*)::INTEGER AS headcount, count(*) FILTER (WHERE r.risk <> 'unknown')::INTEGER AS assessed,
      count(*) FILTER (WHERE r.risk = 'high')::INTEGER AS high, count(*) FILTER (WHERE r.risk = 'medium')::INTEGER AS medium
    FROM ${from} JOIN person_retention r USING (employee_id)`;
  const counts = await db.all<Counts & { department_id: string }>(`${countsSql('u.department_id,', 'pub_unit_people u')} GROUP BY ALL`);
  const total = await db.one<Counts>(countsSql('', 'pub_people p'));
  await db.run(`CREATE OR REPLACE TEMP TABLE pub_concerns AS
    SELECT DISTINCT r.employee_id, COALESCE(c->>'category', 'other') AS category
    FROM person_retention r JOIN pub_people p USING (employee_id) JOIN interview_insights i USING (interview_id), unnest(CAST(i.concerns AS JSON[])) AS t(c)
    WHERE r.risk IN ('medium', 'high')`);
  const company = await db.all<Signal>(`SELECT category, count(*)::INTEGER AS people FROM pub_concerns GROUP BY category`);
  const byDept = await db.all<Signal & { department_id: string }>(`
    SELECT u.department_id, c.category, count(*)::INTEGER AS people FROM pub_concerns c JOIN pub_unit_people u USING (employee_id) GROUP BY ALL`);
  await db.run('DROP TABLE pub_concerns');
  const units = await publishedUnits(ctx);
  const none: Counts = { headcount: 0, assessed: 0, high: 0, medium: 0 };
  const countsOf = new Map(counts.map((c) => [c.department_id, c]));
  const of = (u: Unit) => countsOf.get(u.department_id) ?? none;
  const hidden = hiddenUnits(units, k, { size: total.headcount });
  const risksHidden = hiddenUnits(units, k, { size: total.assessed }, (u) => of(u).assessed, hidden);
  const shownSignals = signalsShown(units, k, company, byDept, risksHidden);
  const divisions = await db.all<{ position_id: string; division_id: string }>(`
    SELECT k.position_id, any_value(u.division_id) AS division_id FROM key_positions k JOIN dept_ancestors a ON a.department_id = k.department_id
      JOIN pub_departments u ON u.department_id = a.ancestor_id AND u.department_id = u.division_id GROUP BY ALL`);
  const divisionOf = new Map(divisions.map((d) => [d.position_id, d.division_id]));
  return {
    min_group_size: k,
    window_months: config.retention.window_months,
    total: total.assessed > 0 && isSuppressed(total.assessed, k) ? { ...total, high: null, medium: null } : total,
    by_department: units.map((u) => {
      const c = of(u);
      const risks = !risksHidden.has(u.department_id);
      return {
        ...unitRow(u, hidden),
        assessed: hidden.has(u.department_id) ? null : c.assessed,
        high: risks ? c.high : null,
        medium: risks ? c.medium : null,
        share_high: risks ? shareOf(c.high, c.assessed, k) : null,
        signals: risks ? (shownSignals.get(u.department_id) ?? []).sort(bySize) : null,
      };
    }),
    signals: (shownSignals.get(null) ?? []).sort(bySize),
    by_position: positions.map((p) => ({
      position_id: p.position_id,
      title: p.title,
      department: p.department,
      division_id: divisionOf.get(p.position_id) ?? null,
      incumbent_risk: p.incumbent?.retention_risk ?? null,
      candidates: p.candidates.length,
      candidates_high: p.candidates.filter((c) => c.retention_risk === 'high').length,
      status: p.status,
    })),
  };
}

interface Counts {
  headcount: number;
  assessed: number;
  high: number;
  medium: number;
}

/**
 * The concern categories published for each unit (and the company, key null): each category is a count of
 * its own, so per category a unit's count is shown when it is k or more, its risks are shown, and no
 * hidden one follows from its parent's (treeSuppression with the category's counts as sizes).
 */
function signalsShown(units: Unit[], k: number, company: Signal[], byDept: Array<Signal & { department_id: string }>, risksHidden: ReadonlySet<string>): Map<string | null, Signal[]> {
  const out = new Map<string | null, Signal[]>();
  const add = (key: string | null, s: Signal) => out.set(key, [...(out.get(key) ?? []), s]);
  for (const { category, people } of company) {
    const here = new Map(byDept.filter((d) => d.category === category).map((d) => [d.department_id, d.people]));
    const size = (u: Unit) => here.get(u.department_id) ?? 0;
    const start = units.filter((u) => risksHidden.has(u.department_id) || cellCount(size(u), k) === null || size(u) === 0).map((u) => u.department_id);
    const hidden = treeSuppression(unitTree(units, size), k, start, { size: people, shown: cellCount(people, k) !== null });
    if (cellCount(people, k) !== null) add(null, { category, people });
    for (const u of units) if (!hidden.has(u.department_id)) add(u.department_id, { category, people: size(u) });
  }
  return out;
}
