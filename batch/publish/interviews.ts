import type { Interviews } from '../../schemas/artifacts.ts';
import type { StageContext } from '../context.ts';
import { lit } from '../db.ts';
import { compareText } from './compare.ts';
import { inWindowSql } from './dates.ts';
import { cellCount, isSuppressed, round, shareOf } from './privacy.ts';
import { companyHeadcount, hiddenUnits, publishedUnits, unitRow, type Unit } from './units.ts';

const OWNERS = ['manager', 'employee', 'hr', 'other'] as const;

/**
 * interviews.json: is the career-interview cycle alive? Coverage of active people, follow-up actions left
 * overdue, and aspirations the organization does not answer. Counts only: no note text, no names.
 */
export async function buildInterviews(ctx: StageContext): Promise<Interviews> {
  const { db, config, asOf } = ctx;
  const k = config.privacy.min_group_size;
  const { cycle_months, career_kinds } = config.interviews;
  const kinds = career_kinds.map(lit).join(', ');

  const units = await publishedUnits(ctx);
  const headcount = await companyHeadcount(ctx);
  const hidden = hiddenUnits(units, k, { size: headcount });
  const coveredSql = `SELECT DISTINCT employee_id FROM interviews WHERE kind IN (${kinds}) AND ${inWindowSql('held_on', asOf, cycle_months)}`;
  const coverage = await db.all<{ department_id: string; covered: number }>(`
    SELECT u.department_id, count(*)::INTEGER AS covered FROM pub_unit_people u JOIN (${coveredSql}) c USING (employee_id) GROUP BY ALL`);
  const { covered } = await db.one<{ covered: number }>(`SELECT count(*)::INTEGER AS covered FROM pub_people p JOIN (${coveredSql}) c USING (employee_id)`);
  const coveredIn = new Map(coverage.map((r) => [r.department_id, r.covered]));

  return {
    min_group_size: k,
    cycle_months,
    career_kinds: [...career_kinds],
    total: { headcount, covered, share: shareOf(covered, headcount, k) },
    coverage: units.map((u) => {
      const n = coveredIn.get(u.department_id) ?? 0;
      const shown = !hidden.has(u.department_id);
      return { ...unitRow(u, hidden), covered: shown ? n : null, share: shown ? round(n / u.headcount) : null };
    }),
    overdue_actions: await overdueActions(ctx, units, hidden),
    mismatches: await mismatches(ctx, units, hidden),
  };
}

/**
 * Follow-up actions of active people's interviews whose due date is before as_of, with no interview of the
 * person on or after the due date (the follow-up conversation has not happened). An action due on or before
 * the interview it was agreed in is not counted: the next interview cannot be missing for it.
 */
async function overdueActions(ctx: StageContext, units: Unit[], hidden: ReadonlySet<string>): Promise<Interviews['overdue_actions']> {
  const { db, asOf } = ctx;
  await db.run(`CREATE OR REPLACE TEMP TABLE pub_actions AS
    WITH actions AS (
      SELECT i.employee_id,
        CASE WHEN a->>'owner' IN ('manager', 'employee', 'hr') THEN a->>'owner' ELSE 'other' END AS owner,
        TRY_CAST(a->>'due' AS DATE) AS due
      FROM interview_insights i JOIN pub_people p USING (employee_id), unnest(CAST(i.action_items AS JSON[])) AS t(a)
    ),
    last_seen AS (SELECT employee_id, max(held_on) AS last_held_on FROM interviews GROUP BY employee_id)
    SELECT a.*, COALESCE(a.due < DATE ${lit(asOf)} AND l.last_held_on < a.due, false) AS overdue
    FROM actions a LEFT JOIN last_seen l USING (employee_id)`);
  const totals = await db.one<{ total: number; with_due_date: number; overdue: number }>(`
    SELECT count(*)::INTEGER AS total, count(due)::INTEGER AS with_due_date, count(*) FILTER (WHERE overdue)::INTEGER AS overdue FROM pub_actions`);
  const owners = await db.all<{ owner: string; overdue: number }>(`SELECT owner, count(*)::INTEGER AS overdue FROM pub_actions WHERE overdue GROUP BY owner`);
  const byDept = await db.all<{ department_id: string; overdue: number; people: number }>(`
    SELECT u.department_id, count(*)::INTEGER AS overdue, count(DISTINCT employee_id)::INTEGER AS people FROM pub_actions a JOIN pub_unit_people u USING (employee_id)
    WHERE overdue GROUP BY ALL`);
  await db.run('DROP TABLE pub_actions');
  const ownerCount = new Map(owners.map((o) => [o.owner, o.overdue]));
  const deptCount = new Map(byDept.map((d) => [d.department_id, d]));
  return {
    ...totals,
    by_owner: OWNERS.map((owner) => ({ owner, overdue: ownerCount.get(owner) ?? 0 })),
    by_department: units.map((u) => {
      const c = deptCount.get(u.department_id);
      const shown = !hidden.has(u.department_id);
      return { ...unitRow(u, hidden), overdue: shown ? (c?.overdue ?? 0) : null, people: shown ? (c?.people ?? 0) : null };
    }),
  };
}

/**
 * Aspirations the organization does not answer, for active people: a wanted skill that nobody of the
 * person's department (reporting unit) holds at skill_map.level_threshold (assessed) and no key position of the department
 * requires; or a key position named as a goal whose slate does not include the person (its incumbent aside).
 */
async function mismatches(ctx: StageContext, units: Unit[], hidden: ReadonlySet<string>): Promise<Interviews['mismatches']> {
  const { db, config } = ctx;
  const k = config.privacy.min_group_size;
  // Skill and position wishes are matched apart: one join per kind keeps every join an equi-join (a join
  // condition on the wish's kind alone would turn it into a nested loop over all wishes).
  await db.run(`CREATE OR REPLACE TEMP TABLE pub_mismatches AS
    WITH wants AS (
      SELECT DISTINCT a.employee_id, p.department_id, a.target_kind, a.target_id FROM aspirations a JOIN pub_people p USING (employee_id)
    ),
    held AS (
      SELECT DISTINCT p.department_id, l.skill_id FROM assessed_levels l JOIN pub_people p USING (employee_id)
      WHERE l.level >= ${config.skill_map.level_threshold} AND p.department_id IS NOT NULL
    ),
    required AS (
      SELECT DISTINCT u.unit_id AS department_id, r.skill_id FROM key_positions k JOIN dept_unit u USING (department_id) JOIN key_position_skills r USING (position_id)
    )
    SELECT w.employee_id, w.department_id, w.target_kind, w.target_id, w.department_id IS NOT NULL AND h.skill_id IS NULL AND r.skill_id IS NULL AS mismatched
    FROM (SELECT * FROM wants WHERE target_kind = 'skill') w
    LEFT JOIN held h ON h.department_id = w.department_id AND h.skill_id = w.target_id
    LEFT JOIN required r ON r.department_id = w.department_id AND r.skill_id = w.target_id
    UNION ALL
    SELECT w.employee_id, w.department_id, w.target_kind, w.target_id, c.employee_id IS NULL AND kp.incumbent_id IS DISTINCT FROM w.employee_id AS mismatched
    FROM (SELECT * FROM wants WHERE target_kind = 'position') w
    LEFT JOIN key_positions kp ON kp.position_id = w.target_id
    LEFT JOIN succession_candidates c ON c.position_id = w.target_id AND c.employee_id = w.employee_id`);
  const totals = await db.one<{ with_aspirations: number; mismatched: number }>(`
    SELECT count(DISTINCT employee_id)::INTEGER AS with_aspirations, count(DISTINCT employee_id) FILTER (WHERE mismatched)::INTEGER AS mismatched FROM pub_mismatches`);
  const byDept = await db.all<{ department_id: string; with_aspirations: number; mismatched: number }>(`
    SELECT u.department_id, count(DISTINCT m.employee_id)::INTEGER AS with_aspirations, count(DISTINCT m.employee_id) FILTER (WHERE m.mismatched)::INTEGER AS mismatched
    FROM pub_mismatches m JOIN pub_unit_people u USING (employee_id) GROUP BY ALL`);
  const skills = await db.all<Interviews['mismatches']['skills'][number]>(`
    SELECT m.target_id AS skill_id, s.name_ja, s.name_en, count(DISTINCT m.employee_id)::INTEGER AS people
    FROM pub_mismatches m JOIN skills s ON s.skill_id = m.target_id
    WHERE m.target_kind = 'skill' AND m.mismatched GROUP BY ALL HAVING count(DISTINCT m.employee_id) >= ${k}
    ORDER BY people DESC, skill_id`);
  const positions = await db.all<{ position_id: string; title: string; named_by: number; not_on_slate: number }>(`
    SELECT m.target_id AS position_id, kp.title, count(DISTINCT m.employee_id)::INTEGER AS named_by,
      count(DISTINCT m.employee_id) FILTER (WHERE m.mismatched)::INTEGER AS not_on_slate
    FROM pub_mismatches m JOIN key_positions kp ON kp.position_id = m.target_id
    WHERE m.target_kind = 'position' GROUP BY ALL`);
  await db.run('DROP TABLE pub_mismatches');
  const deptCount = new Map(byDept.map((d) => [d.department_id, d]));
  const wanting = (u: Unit) => deptCount.get(u.department_id)?.with_aspirations ?? 0;
  // Whether a wish is answered is a fact about the few who voiced one: a second pass counts them.
  const answersHidden = hiddenUnits(units, k, { size: totals.with_aspirations }, wanting, hidden);
  return {
    people_with_aspirations: totals.with_aspirations,
    people_mismatched: totals.with_aspirations > 0 && isSuppressed(totals.with_aspirations, k) ? null : totals.mismatched,
    by_department: units.map((u) => ({
      ...unitRow(u, hidden),
      with_aspirations: hidden.has(u.department_id) ? null : wanting(u),
      mismatched: answersHidden.has(u.department_id) ? null : (deptCount.get(u.department_id)?.mismatched ?? 0),
    })),
    skills,
    positions: positions
      .sort((a, b) => compareText(a.position_id, b.position_id))
      .map((p) => {
        const named = cellCount(p.named_by, k);
        const notOn = cellCount(p.not_on_slate, k);
        // Both shown, their difference is those on the slate: a count of its own, 1 to k−1 given away.
        const onSlate = p.named_by - p.not_on_slate;
        const givesAway = named !== null && notOn !== null && onSlate > 0 && onSlate < k;
        return { position_id: p.position_id, title: p.title, named_by: named, not_on_slate: givesAway ? null : notOn };
      }),
  };
}
