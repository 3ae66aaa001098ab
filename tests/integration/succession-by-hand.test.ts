import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../batch/db.ts';
import { memoryLogger } from '../../batch/log.ts';
import { runBatch } from '../../batch/pipeline.ts';
import { tempDir } from '../helpers/tmp.ts';

/**
 * A slate computed by hand from the raw CSV rows of tests/fixtures/succession-by-hand/ (one key position,
 * six people), then compared with what the batch stores. The numbers are written here, not computed.
 *
 * KP-A 製造部長 (製造部, incumbent P01 M2), requires 組立 3 and リーダーシップ 3. Weights 0.3 / 0.25 / 0.25 /
 * 0.1 / 0.1 (Σ 1); grade_order G1 < G2 < M1 < M2 (ranks 0–3), max_grade_gap 2, as_of 2026-10-01.
 * Not candidates: P01 (the incumbent), P04 (G1: 3 grades below, over the gap of 2), P06 (left).
 *
 * P02 (M1, 製造部/組立課, hired 2010-04-01):
 *   performance: 2025下期 S = (5−1)/4 = 1, 2026上期 A = (4−1)/4 = 0.75 → mean 0.875
 *   potential: 高 = (3−1)/(3−1) = 1
 *   skill fit: 組立 ◎ 4 → min(4/3, 1) = 1, リーダーシップ ○ 3 → 1 → (1 + 1)/2 = 1
 *   experience: gap 1 → 0.7 × (1 − 1/3) = 0.46667; tenure 16.5 y → min(16.5/10, 1) = 1 → 0.3 → 0.7667
 *   aspiration: 「将来は製造部長になりたい」 names the position → 1
 *   score: 0.3×0.875 + 0.25×1 + 0.25×1 + 0.1×0.7667 + 0.1×1 = 0.93917 → 93.9
 *   readiness: 93.9 ≥ 70, fit 1 ≥ 0.85, gap 1 ≤ 1 → ready_now
 * P05 (M1, 営業部, hired 2005-04-01; outside the department, but holds a required skill):
 *   performance S, S → 1; potential 高 → 1; skill fit: 組立 none → 0, リーダーシップ ◎ → 1 → 0.5
 *   experience: gap 1 → 0.46667; tenure 21.5 y → 1 → 0.3 → 0.7667; aspiration: none → 0
 *   score: 0.3 + 0.25 + 0.25×0.5 + 0.1×0.7667 + 0 = 0.75167 → 75.2
 *   readiness: fit 0.5 < 0.85 (not ready now) and < 0.6 (not 1–2 years) → 3_plus_years
 * P03 (G2, 製造部/組立課, hired 2018-04-01):
 *   performance: 2025下期 A 0.75, 2026上期 B (3−1)/4 = 0.5 → 0.625; potential: 中 = (2−1)/2 = 0.5
 *   skill fit: 組立 △ 2 → 2/3 = 0.66667, リーダーシップ none → 0 → 0.3333
 *   experience: gap 2 → 0.7 × (1 − 2/3) = 0.23333; tenure 3,105 days ÷ 365.25 = 8.50 y → 0.85 → 0.255 → 0.4883
 *   aspiration: 「リーダーシップを学びたい」 wants 1 required skill → 0.25
 *   score: 0.3×0.625 + 0.25×0.5 + 0.25×0.3333 + 0.1×0.4883 + 0.1×0.25 = 0.46966 → 47.0
 *   readiness: 47.0 < 55 → 3_plus_years
 * Points (weight ÷ Σ weights × value × 100, one decimal, halves up): P02 26.3 / 25 / 25 / 7.7 / 10;
 * P05 30 / 25 / 12.5 / 7.7 / 0; P03 18.8 / 12.5 / 8.3 / 4.9 / 2.5.
 */
describe('a succession slate computed by hand', () => {
  it('is the slate the batch stores: ranks, components, score, readiness and points', async () => {
    const dir = await tempDir('succession-by-hand');
    await cp('tests/fixtures/succession-by-hand', dir, { recursive: true });
    const config = parse(await readFile(join(dir, 'config.yaml'), 'utf8'));
    await writeFile(join(dir, 'config.yaml'), stringify({ ...config, taxonomy: resolve('data/taxonomy/skills.csv') }));
    const summary = await runBatch({
      configPath: join(dir, 'config.yaml'), outDir: join(dir, 'out'), log: memoryLogger(),
      env: { ...process.env, TALENT_ATLAS_AI_WORKERS: '0' }, now: () => new Date('2026-10-01T02:00:00Z'),
    });
    expect(summary.rejects.rows).toEqual([]);
    const db = await openDb(summary.dbPath);
    try {
      expect(await db.all(`SELECT employee_id, rank, score, readiness, performance, potential, skill_fit, experience, aspiration, grade_gap FROM succession_candidates ORDER BY rank`)).toEqual([
        { employee_id: 'P02', rank: 1, score: 93.9, readiness: 'ready_now', performance: 0.875, potential: 1, skill_fit: 1, experience: 0.7667, aspiration: 1, grade_gap: 1 },
        { employee_id: 'P05', rank: 2, score: 75.2, readiness: '3_plus_years', performance: 1, potential: 1, skill_fit: 0.5, experience: 0.7667, aspiration: 0, grade_gap: 1 },
        { employee_id: 'P03', rank: 3, score: 47, readiness: '3_plus_years', performance: 0.625, potential: 0.5, skill_fit: 0.3333, experience: 0.4883, aspiration: 0.25, grade_gap: 2 },
      ]);
      const points = await db.all<{ employee_id: string; points: number[] }>(`SELECT employee_id, list(points ORDER BY list_position(['performance', 'potential', 'skill_fit', 'experience', 'aspiration'], component)) AS points FROM succession_components GROUP BY 1 ORDER BY 1`);
      expect(points).toEqual([
        { employee_id: 'P02', points: [26.3, 25, 25, 7.7, 10] },
        { employee_id: 'P03', points: [18.8, 12.5, 8.3, 4.9, 2.5] },
        { employee_id: 'P05', points: [30, 25, 12.5, 7.7, 0] },
      ]);
    } finally {
      db.close();
    }
  });
});
