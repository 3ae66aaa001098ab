import type { Readiness } from '../../schemas/artifacts.ts';
import type { StageContext } from '../context.ts';
import { lit } from '../db.ts';

/**
 * The earliest a candidate of each readiness category can be ready, in months from as_of: now, the start of
 * "1–2 years", the start of "3 years or more". A vacancy before it comes before the candidate can be ready.
 */
export const READY_FROM_MONTHS: Record<Readiness, number> = { ready_now: 0, '1_2_years': 12, '3_plus_years': 36 };

/** The date a candidate of `readiness` (SQL) can be ready at the earliest, from as_of. */
export function readyFromSql(readiness: string, asOf: string): string {
  const months = Object.entries(READY_FROM_MONTHS).map(([r, m]) => `WHEN ${lit(r)} THEN ${m}`).join(' ');
  return `CAST(DATE ${lit(asOf)} + to_months(CASE ${readiness} ${months} END) AS DATE)`;
}

/** The vacancy (today when it is past) comes before `readyFrom`, or nobody can be ready (`readyFrom` NULL) for a known vacancy. */
export function vacancyBeforeReadinessSql(vacancy: string, readyFrom: string, asOf: string): string {
  return `(${vacancy} IS NOT NULL AND (${readyFrom} IS NULL OR greatest(${vacancy}, DATE ${lit(asOf)}) < ${readyFrom}))`;
}

/**
 * succession_status: each key position's status, the candidate it rests on (the best-ranked of the slate's
 * best readiness), when that candidate can be ready at the earliest, and whether the expected vacancy comes
 * first. Written once here; the site, the at-risk list and the development plans read it.
 */
export async function storeSuccessionStatus(ctx: StageContext): Promise<void> {
  const { db, asOf } = ctx;
  await db.run(`INSERT INTO succession_status
    WITH best AS (
      SELECT position_id, employee_id, rank, readiness FROM succession_candidates
      QUALIFY row_number() OVER (PARTITION BY position_id ORDER BY list_position(['ready_now', '1_2_years', '3_plus_years'], readiness), rank) = 1
    ),
    dated AS (
      SELECT k.position_id, b.employee_id, b.rank, b.readiness, k.expected_vacancy_on,
        CASE WHEN b.readiness IS NOT NULL THEN ${readyFromSql('b.readiness', asOf)} END AS ready_from
      FROM key_positions k LEFT JOIN best b USING (position_id)
    )
    SELECT position_id,
      CASE readiness WHEN 'ready_now' THEN 'ready_now' WHEN '1_2_years' THEN '1_2_years' ELSE 'none' END AS status,
      employee_id AS rests_on, rank AS rests_on_rank, ready_from, expected_vacancy_on AS vacancy_on,
      ${vacancyBeforeReadinessSql('expected_vacancy_on', 'ready_from', asOf)} AS vacancy_before_readiness
    FROM dated ORDER BY position_id`);
}
