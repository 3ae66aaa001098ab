import type { Text } from '../../schemas/artifacts.ts';
import type { ScoringConfig } from '../../schemas/config.ts';
import { lit } from '../db.ts';
import type { StageContext } from '../context.ts';

/** SQL for a 1–3 band of a 0–1 value: below low_below → 1, from high_from → 3, else 2. */
export function bandSql(expr: string, band: { low_below: number; high_from: number }): string {
  return `(CASE WHEN ${expr} < ${band.low_below} THEN 1 WHEN ${expr} >= ${band.high_from} THEN 3 ELSE 2 END)`;
}

/** Box 1 = low performance and potential … 9 = high and high: 3 × (potential band − 1) + performance band. */
export function boxOf(performanceBand: number, potentialBand: number): number {
  return 3 * (potentialBand - 1) + performanceBand;
}

/** A configured box label in both site languages: a plain string serves both. */
export function boxLabelText(label: ScoringConfig['box_labels'][keyof ScoringConfig['box_labels']] | undefined, box: number): Text {
  if (label === undefined) return { ja: `ボックス ${box}`, en: `Box ${box}` };
  return typeof label === 'string' ? { ja: label, en: label } : { ja: label.ja, en: label.en };
}

/** The Japanese label of each box, as talent_pools.box_label keeps it for analysts. */
export function boxLabelSql(boxExpr: string, labels: ScoringConfig['box_labels']): string {
  const whens = Object.entries(labels).map(([box, label]) => `WHEN ${box} THEN ${lit(boxLabelText(label, Number(box)).ja)}`).join(' ');
  return `(CASE ${boxExpr} ${whens} ELSE 'box ' || ${boxExpr} END)`;
}

/** talent_pools: the 9-box cell of every active person with both a performance and a potential rating. */
export async function scoreTalentPools(ctx: StageContext): Promise<number> {
  const s = ctx.config.scoring;
  const perf = bandSql('p.performance', s.performance_bands);
  const pot = bandSql('p.potential', s.potential_bands);
  return ctx.db.run(`INSERT INTO talent_pools
    SELECT employee_id, performance, potential, pb, qb, 3 * (qb - 1) + pb, ${boxLabelSql('3 * (qb - 1) + pb', s.box_labels)}
    FROM (SELECT p.employee_id, p.performance, p.potential, ${perf} AS pb, ${pot} AS qb
          FROM person_scores p JOIN employees e USING (employee_id)
          WHERE e.status = 'active' AND p.performance IS NOT NULL AND p.potential IS NOT NULL)
    ORDER BY employee_id`);
}
