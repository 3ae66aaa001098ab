import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../batch/db.ts';
import { memoryLogger } from '../../batch/log.ts';
import { runBatch } from '../../batch/pipeline.ts';
import type { Overview } from '../../schemas/artifacts.ts';
import { tempDir } from '../helpers/tmp.ts';

/**
 * The sample's at-risk list against the rule applied here, in JavaScript, to the DuckDB tables the batch
 * wrote (key_positions, succession_candidates, emergency_covers, interview_insights), not to the artifacts:
 * the list must hold exactly the positions the rule selects, with the same reasons, severity and order.
 * as_of 2026-10-01, retention.window_months 12, vacancy_soon_months 12 (the sample's config).
 */
const AS_OF = '2026-10-01';
const WINDOW_START = '2025-10-01';
const SOON = '2027-10-01';

/** The sample writes vacancies as 2027/9 (YYYY/M): the first day of that month. */
function vacancyOn(text: string | null): string | null {
  const m = text?.match(/^(\d{4})\/(\d{1,2})$/);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-01` : null;
}

describe('positions at risk on the sample', () => {
  it('are exactly the positions the rule selects from the tables', async () => {
    const summary = await runBatch({ configPath: 'talent-atlas.config.yaml', outDir: await tempDir('at-risk'), log: memoryLogger(), now: () => new Date('2026-10-01T02:00:00Z'), env: { ...process.env, TALENT_ATLAS_AI_WORKERS: '0' } });
    const overview = JSON.parse(await readFile(join(summary.artifactsDir, 'overview.json'), 'utf8')) as Overview;
    const db = await openDb(summary.dbPath);
    try {
      const positions = await db.all<{ position_id: string; incumbent_id: string | null; expected_vacancy: string | null }>(`SELECT position_id, incumbent_id, expected_vacancy FROM key_positions ORDER BY position_id`);
      expect(positions.every((p) => p.expected_vacancy === null || vacancyOn(p.expected_vacancy) !== null)).toBe(true);
      const slates = await db.all<{ position_id: string; employee_id: string; readiness: string }>(`SELECT position_id, employee_id, readiness FROM succession_candidates`);
      const covers = await db.all<{ position_id: string; holds_position: string | null }>(`SELECT position_id, holds_position FROM emergency_covers`);
      const insights = await db.all<{ employee_id: string; interview_id: string; held_on: string; retention_signal: string }>(
        `SELECT employee_id, interview_id, CAST(held_on AS VARCHAR) AS held_on, retention_signal FROM interview_insights`,
      );
      const latest = new Map<string, { held_on: string; interview_id: string; signal: string }>();
      for (const i of insights) {
        if (i.held_on < WINDOW_START || i.held_on > AS_OF) continue;
        const seen = latest.get(i.employee_id);
        if (!seen || i.held_on > seen.held_on || (i.held_on === seen.held_on && i.interview_id > seen.interview_id)) latest.set(i.employee_id, { held_on: i.held_on, interview_id: i.interview_id, signal: i.retention_signal });
      }
      const high = (id: string | null) => id !== null && latest.get(id)?.signal === 'high';

      const expected: Array<{ position_id: string; severity: string; reasons: string[]; vacancy: string | null }> = [];
      for (const p of positions) {
        const slate = slates.filter((c) => c.position_id === p.position_id);
        const readyNow = slate.filter((c) => c.readiness === 'ready_now');
        const within2 = slate.filter((c) => c.readiness !== '3_plus_years');
        const vacancy = vacancyOn(p.expected_vacancy);
        const reasons: string[] = [];
        if (readyNow.length === 0) {
          if (p.incumbent_id === null) reasons.push('vacant');
          if (vacancy !== null && vacancy <= SOON) reasons.push('vacancy_soon');
          // The seat empties before the best candidate can be ready: 1–2 years from 2027-10-01, 3+ years from
          // 2029-10-01 (someone ready now is ready today, and never late).
          const readyFrom = within2.length ? '2027-10-01' : slate.length ? '2029-10-01' : null;
          if (vacancy !== null && (readyFrom === null || (vacancy > AS_OF ? vacancy : AS_OF) < readyFrom)) reasons.push('vacancy_before_readiness');
          if (high(p.incumbent_id)) reasons.push('incumbent_retention_high');
        }
        if (within2.length === 0) reasons.push('nobody_within_two_years');
        if (readyNow.length === 1 && high(readyNow[0]!.employee_id)) reasons.push('sole_ready_now_retention_high');
        if (covers.find((c) => c.position_id === p.position_id)?.holds_position) reasons.push('cover_holds_key_position');
        if (!reasons.length) continue;
        const severity =
          reasons.includes('vacant') || reasons.includes('vacancy_soon') || reasons.includes('vacancy_before_readiness') || (reasons.includes('incumbent_retention_high') && reasons.includes('nobody_within_two_years'))
            ? 'high'
            : reasons.length === 1 && reasons[0] === 'cover_holds_key_position' ? 'low' : 'medium';
        expected.push({ position_id: p.position_id, severity, reasons, vacancy });
      }
      const rank = { high: 0, medium: 1, low: 2 } as Record<string, number>;
      const order = (e: (typeof expected)[number]) => `${rank[e.severity]}|${e.vacancy ?? '9999'}|${e.position_id}`;
      expected.sort((a, b) => (order(a) < order(b) ? -1 : 1));

      expect(overview.positions_at_risk.map((p) => ({ position_id: p.position_id, severity: p.severity, reasons: p.reasons }))).toEqual(
        expected.map((e) => ({ position_id: e.position_id, severity: e.severity, reasons: e.reasons })),
      );
      // The rule must have something to select on the sample, and more than the old rule's single position.
      expect(expected.length).toBeGreaterThan(1);
    } finally {
      db.close();
    }
  });
});
