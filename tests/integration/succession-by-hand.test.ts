import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../batch/db.ts';
import { memoryLogger } from '../../batch/log.ts';
import { runBatch } from '../../batch/pipeline.ts';
import { People, Succession } from '../../schemas/artifacts.ts';
import { tempDir } from '../helpers/tmp.ts';

/**
 * A slate computed by hand from the raw CSV rows of tests/fixtures/succession-by-hand/ (one key position,
 * six people), then compared with what the batch stores. The numbers are written here, not computed.
 *
 * KP-A 製造部長 (製造部, incumbent P01 M2), requires 組立 3 and リーダーシップ 3. Weights 0.3 / 0.25 / 0.25 /
 * 0.1 / 0.1 (Σ 1); grade_order G1 < G2 < M1 < M2 (ranks 0–3), max_grade_gap 2, as_of 2026-10-01.
 * Not candidates: P01 (the incumbent), P04 (G1: 3 grades below, over the gap of 2), P06 (left).
 * Reach: the tree has two departments at depth 1 (製造部, 営業部), so the functions are those two (function_depth
 * auto = 1). P02 and P03 work in 製造部 (the position's own department): reach department. P05 works in 営業部:
 * outside the function, so only a fit of 0.5 on the function-specific skills lets them in. リーダーシップ is in
 * the taxonomy's category マネジメント (generic), so the specific skills are 組立 alone, where P05 has none: fit
 * 0 → not a candidate. With generic_skill_categories: [] both skills count: (0 + 1)/2 = 0.5 ≥ 0.5 → reach
 * skill_fit, and P05 is on the slate with the numbers below.
 *
 * P02 (M1, 製造部/組立課, hired 2010-04-01):
 *   performance: 2025下期 S = (5−1)/4 = 1, 2026上期 A = (4−1)/4 = 0.75 → mean 0.875
 *   potential: 高 = (3−1)/(3−1) = 1
 *   skill fit: 組立 ◎ 4 → min(4/3, 1) = 1, リーダーシップ ○ 3 → 1 → (1 + 1)/2 = 1
 *   experience: gap 1 → 0.7 × (1 − 1/3) = 0.46667; tenure 16.5 y → min(16.5/10, 1) = 1 → 0.3 → 0.7667
 *   aspiration: 「将来は製造部長になりたい」 names the position → 1
 *   score: 0.3×0.875 + 0.25×1 + 0.25×1 + 0.1×0.7667 + 0.1×1 = 0.93917 → 93.9
 *   readiness: 93.9 ≥ 70, fit 1 ≥ 0.85, gap 1 ≤ 1 → ready_now
 * P05 (M1, 営業部, hired 2005-04-01; outside the function; a candidate only when generic skills count):
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
 *
 * Next steps (the category above, tested; then the fewest skill levels that pass it):
 * P02 is ready now: the ready-now test passes, nothing to change.
 * P03 (3+ years) is tested for 1–2 years (score ≥ 55, fit ≥ 0.6): 47.0 and 0.3333 both fail. Both skills are
 *   required at 3, so a level adds 1/3 to the fit sum (1/6 to the fit) either way; 組立 is the closer one:
 *   組立 2 → 3: fit (1 + 0)/2 = 0.5, score 0.1875 + 0.125 + 0.125 + 0.04883 + 0.025 = 51.1 — not yet;
 *   リーダーシップ 0 → 1: fit (1 + 1/3)/2 = 0.6667, score 0.1875 + 0.125 + 0.25×0.6667 + 0.04883 + 0.025 = 55.3 — passes.
 * P05 (3+ years, when generic skills count) fails only the fit (0.5 < 0.6): 組立 0 → 1 gives (1/3 + 1)/2 =
 *   0.6667 and score 0.3 + 0.25 + 0.25×0.6667 + 0.07667 = 79.3.
 */
/** The fixture's batch, with scoring.succession.reach overridden when given; the DuckDB file it wrote. */
async function runFixture(reach?: Record<string, unknown>): Promise<Db> {
  return openDb((await runFixtureBatch(reach)).dbPath);
}

async function runFixtureBatch(reach?: Record<string, unknown>) {
  const dir = await tempDir('succession-by-hand');
  await cp('tests/fixtures/succession-by-hand', dir, { recursive: true });
  const config = parse(await readFile(join(dir, 'config.yaml'), 'utf8'));
  if (reach) config.scoring = { ...config.scoring, succession: { ...config.scoring?.succession, reach } };
  await writeFile(join(dir, 'config.yaml'), stringify({ ...config, taxonomy: resolve('data/taxonomy/skills.csv') }));
  const summary = await runBatch({
      configPath: join(dir, 'config.yaml'), outDir: join(dir, 'out'), log: memoryLogger(),
    env: { ...process.env, TALENT_ATLAS_AI_WORKERS: '0' }, now: () => new Date('2026-10-01T02:00:00Z'),
  });
  expect(summary.rejects.rows).toEqual([]);
  return summary;
}

const SLATE = `SELECT employee_id, rank, score, readiness, performance, potential, skill_fit, experience, aspiration, grade_gap, reach, reach_fit FROM succession_candidates ORDER BY rank`;
const P02 = { employee_id: 'P02', rank: 1, score: 93.9, readiness: 'ready_now', performance: 0.875, potential: 1, skill_fit: 1, experience: 0.7667, aspiration: 1, grade_gap: 1, reach: 'department', reach_fit: 1 };
const P05 = { employee_id: 'P05', rank: 2, score: 75.2, readiness: '3_plus_years', performance: 1, potential: 1, skill_fit: 0.5, experience: 0.7667, aspiration: 0, grade_gap: 1, reach: 'skill_fit', reach_fit: 0.5 };
const NEXT = `SELECT employee_id, tested, failed::VARCHAR AS failed, grade_steps, skill_steps::VARCHAR AS skill_steps, skill_fit_after, score_after, reachable, score_short FROM succession_next_steps ORDER BY employee_id`;
const P02_NEXT = { employee_id: 'P02', tested: 'ready_now', failed: '[]', grade_steps: 0, skill_steps: '[]', skill_fit_after: 1, score_after: 93.9, reachable: true, score_short: null };
const P03_NEXT = {
  employee_id: 'P03', tested: '1_2_years', failed: '["score","skill_fit"]', grade_steps: 0,
  skill_steps: '[{"skill_id":"assembly","from_level":2,"to_level":3},{"skill_id":"leadership","from_level":0,"to_level":1}]',
  skill_fit_after: 0.6667, score_after: 55.3, reachable: true, score_short: null,
};
const P05_NEXT = { employee_id: 'P05', tested: '1_2_years', failed: '["skill_fit"]', grade_steps: 0, skill_steps: '[{"skill_id":"assembly","from_level":0,"to_level":1}]', skill_fit_after: 0.6667, score_after: 79.3, reachable: true, score_short: null };
const P03 = { employee_id: 'P03', score: 47, readiness: '3_plus_years', performance: 0.625, potential: 0.5, skill_fit: 0.3333, experience: 0.4883, aspiration: 0.25, grade_gap: 2, reach: 'department', reach_fit: 0.6667 };

describe('a succession slate computed by hand', () => {
  it('is the slate the batch stores: ranks, components, score, readiness and points', async () => {
    const db = await runFixture();
    try {
      expect(await db.all(SLATE)).toEqual([P02, { ...P03, rank: 2 }]);
      expect(await db.all(`SELECT department_id, function, defined_by FROM department_functions ORDER BY 1`)).toEqual([
        { department_id: '営業部', function: '営業部', defined_by: 'tree' },
        { department_id: '製造部', function: '製造部', defined_by: 'tree' },
        { department_id: '製造部/組立課', function: '製造部', defined_by: 'tree' },
      ]);
      const points = await db.all<{ employee_id: string; points: number[] }>(`SELECT employee_id, list(points ORDER BY list_position(['performance', 'potential', 'skill_fit', 'experience', 'aspiration'], component)) AS points FROM succession_components GROUP BY 1 ORDER BY 1`);
      expect(points).toEqual([
        { employee_id: 'P02', points: [26.3, 25, 25, 7.7, 10] },
        { employee_id: 'P03', points: [18.8, 12.5, 8.3, 4.9, 2.5] },
      ]);
      expect(await db.all(NEXT)).toEqual([P02_NEXT, P03_NEXT]);
    } finally {
      db.close();
    }
  });

  it('lets in someone outside the function on generic skills only when the config counts them', async () => {
    const db = await runFixture({ generic_skill_categories: [] });
    try {
      expect(await db.all(SLATE)).toEqual([P02, P05, { ...P03, rank: 3, reach_fit: 0.3333 }]);
      expect((await db.all<{ points: number[] }>(`SELECT list(points ORDER BY list_position(['performance', 'potential', 'skill_fit', 'experience', 'aspiration'], component)) AS points FROM succession_components WHERE employee_id = 'P05'`))[0]!.points).toEqual([30, 25, 12.5, 7.7, 0]);
      expect(await db.all(NEXT)).toEqual([P02_NEXT, P03_NEXT, P05_NEXT]);
    } finally {
      db.close();
    }
  });

  it('groups departments into functions as reach.functions says, and names a department the exports lack', async () => {
    // One function 全社 over both: P05 is then inside the function, whatever the skills.
    const db = await runFixture({ functions: { 全社: ['製造部', '営業部'] } });
    try {
      expect(await db.all(SLATE)).toEqual([P02, { ...P05, reach: 'function', reach_fit: 0 }, { ...P03, rank: 3 }]);
    } finally {
      db.close();
    }
    await expect(runFixture({ functions: { 営業: ['営業本部'] } })).rejects.toThrow(/scoring\.succession\.reach\.functions\.営業: no department "営業本部" in the exports/);
  });

  it('publishes a talent card for the incumbent, the slate and the rated, with the facts of the CSV rows', async () => {
    const summary = await runFixtureBatch();
    const { people } = People.parse(JSON.parse(await readFile(join(summary.artifactsDir, 'people.json'), 'utf8')));
    const succession = Succession.parse(JSON.parse(await readFile(join(summary.artifactsDir, 'succession.json'), 'utf8')));
    // P01 holds KP-A; P02 and P03 are on its slate; P04 and P05 are rated (listed 9-box members, k = 1); P06 has left.
    expect(people.map((p) => p.employee_id)).toEqual(['P01', 'P02', 'P03', 'P04', 'P05']);
    const byId = new Map(people.map((p) => [p.employee_id, p]));
    expect(byId.get('P01')).toMatchObject({ name: '山田 一郎', grade: 'M2', holds: [{ position_id: 'KP-A', title: '製造部長' }], evaluations: [], talent_pool: null });
    // P01's own levels of KP-A's skills: 組立 ◎ 4, リーダーシップ ◎ 4.
    expect(byId.get('P01')!.skills.map((s) => [s.skill_id, s.level])).toEqual([['assembly', 4], ['leadership', 4]]);
    const p02 = byId.get('P02')!;
    expect(p02).toMatchObject({ department: '組立課', job_title: '課長', grade: 'M1', tenure_years: 16.5, holds: [] });
    expect(p02.evaluations).toEqual([{ period: '2025下期', grade: 'S', potential: '高' }, { period: '2026上期', grade: 'A', potential: '高' }]);
    expect(p02.skills.map((s) => [s.skill_id, s.level])).toEqual([['assembly', 4], ['leadership', 3]]);
    expect(p02.aspirations).toEqual([{ kind: 'position', target_id: 'KP-A', name: { ja: '製造部長', en: '製造部長' }, held_on: '2026-06-01' }]);
    // P03 wants リーダーシップ (a skill of KP-A), which they lack: level 0.
    expect(byId.get('P03')!.skills.map((s) => [s.skill_id, s.level])).toEqual([['assembly', 2], ['leadership', 0]]);
    expect(byId.get('P03')!.aspirations.map((a) => [a.kind, a.target_id])).toEqual([['skill', 'leadership']]);
    // Not on a slate nor holding one: no skills to read against requirements.
    expect(byId.get('P05')!.skills).toEqual([]);
    // No note text anywhere on a card.
    expect(JSON.stringify(people)).not.toMatch(/なりたい|学びたい/);
    expect(succession.departments).toEqual([{ department_id: '製造部', name: '製造部', parent_id: null }]);
    expect(succession.positions[0]).toMatchObject({ department_id: '製造部', months_to_vacancy: null });
  });
});
