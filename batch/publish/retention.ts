import type { KeyPosition, Retention } from '../../schemas/artifacts.ts';
import type { StageContext } from '../context.ts';
import { compareText } from './compare.ts';
import { departmentRow, ofGroup, ofSubgroup, shareOf } from './privacy.ts';

type Signal = Retention['signals'][number];

const bySize = (a: Signal, b: Signal) => b.people - a.people || compareText(a.category, b.category);

/**
 * retention.json: retention risk of active people (person_retention: the signal of their latest interview
 * within retention.window_months) by department, the concern categories behind medium and high signals, and
 * the risk around each key position. Concern categories (health, family, …) are sensitive on their own: a
 * category voiced by fewer than k people is left out, company-wide and in each department.
 */
export async function buildRetention(ctx: StageContext, positions: KeyPosition[]): Promise<Retention> {
  const { db, config } = ctx;
  const k = config.privacy.min_group_size;
  const counts = await db.all<{ department_id: string | null; headcount: number; assessed: number; high: number; medium: number }>(`
    SELECT p.department_id, count(*)::INTEGER AS headcount, count(*) FILTER (WHERE r.risk <> 'unknown')::INTEGER AS assessed,
      count(*) FILTER (WHERE r.risk = 'high')::INTEGER AS high, count(*) FILTER (WHERE r.risk = 'medium')::INTEGER AS medium
    FROM pub_people p JOIN person_retention r USING (employee_id) GROUP BY ALL`);
  await db.run(`CREATE OR REPLACE TEMP TABLE pub_concerns AS
    SELECT DISTINCT r.employee_id, p.department_id, COALESCE(c->>'category', 'other') AS category
    FROM person_retention r JOIN pub_people p USING (employee_id) JOIN interview_insights i USING (interview_id), unnest(CAST(i.concerns AS JSON[])) AS t(c)
    WHERE r.risk IN ('medium', 'high')`);
  const company = await db.all<Signal>(`
    SELECT category, count(DISTINCT employee_id)::INTEGER AS people FROM pub_concerns GROUP BY category HAVING count(DISTINCT employee_id) >= ${k}`);
  const byDept = await db.all<Signal & { department_id: string }>(`
    SELECT department_id, category, count(*)::INTEGER AS people FROM pub_concerns WHERE department_id IS NOT NULL
    GROUP BY ALL HAVING count(*) >= ${k}`);
  await db.run('DROP TABLE pub_concerns');
  const departments = await db.all<{ department_id: string; name: string; headcount: number }>(`SELECT department_id, name, headcount FROM pub_departments ORDER BY department_id`);
  const countsOf = new Map(counts.map((c) => [c.department_id, c]));
  const signalsOf = new Map<string, Signal[]>();
  for (const s of byDept) signalsOf.set(s.department_id, [...(signalsOf.get(s.department_id) ?? []), { category: s.category, people: s.people }]);
  const total = counts.reduce((t, c) => ({ headcount: t.headcount + c.headcount, assessed: t.assessed + c.assessed, high: t.high + c.high, medium: t.medium + c.medium }), {
    headcount: 0,
    assessed: 0,
    high: 0,
    medium: 0,
  });
  return {
    min_group_size: k,
    window_months: config.retention.window_months,
    total,
    by_department: departments.map((d) => {
      const c = countsOf.get(d.department_id) ?? { assessed: 0, high: 0, medium: 0 };
      const high = ofSubgroup(d.headcount, c.assessed, k, c.high);
      return {
        ...departmentRow(d, k),
        assessed: ofGroup(d.headcount, k, c.assessed),
        high,
        medium: ofSubgroup(d.headcount, c.assessed, k, c.medium),
        share_high: high === null ? null : shareOf(c.high, c.assessed, k),
        signals: high === null ? null : (signalsOf.get(d.department_id) ?? []).sort(bySize),
      };
    }),
    signals: company.sort(bySize),
    by_position: positions.map((p) => ({
      position_id: p.position_id,
      title: p.title,
      department: p.department,
      incumbent_risk: p.incumbent?.retention_risk ?? null,
      candidates: p.candidates.length,
      candidates_high: p.candidates.filter((c) => c.retention_risk === 'high').length,
      status: p.status,
    })),
  };
}
