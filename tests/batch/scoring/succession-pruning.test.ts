import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../batch/db.ts';
import { loadConfig } from '../../../batch/config/load-config.ts';
import { memoryLogger } from '../../../batch/log.ts';
import { runBatch } from '../../../batch/pipeline.ts';
import { computePersonScores } from '../../../batch/scoring/person-scores.ts';
import { scoreSuccession } from '../../../batch/scoring/succession.ts';
import { generate } from '../../../data/generator/generate.ts';
import { benchConfigYaml } from '../../../bench/dataset.ts';
import { tempDir } from '../../helpers/tmp.ts';

/**
 * On a generated company of 3,000 (where each position's pool runs to thousands of pairs), the slates with
 * the pruning are the slates of scoring every pair, and the pruning does leave most pairs out.
 */
let db: Db;
let ctx: Parameters<typeof scoreSuccession>[0];
beforeAll(async () => {
  const data = await tempDir('pruning-data');
  generate({ outDir: data, employees: 3000, seed: 11, badRows: false, interviews: 'half-yearly' });
  const configPath = join(data, 'bench.config.yaml');
  writeFileSync(configPath, benchConfigYaml(readFileSync('talent-atlas.config.yaml', 'utf8'), data, join(process.cwd(), 'data/taxonomy/skills.csv')));
  const summary = await runBatch({ configPath, outDir: await tempDir('pruning-out'), log: memoryLogger(), now: () => new Date('2026-10-01T02:00:00Z') });
  db = await openDb(summary.dbPath);
  const { config } = await loadConfig(configPath, {});
  ctx = { db, config, log: memoryLogger(), runId: 'test', asOf: '2026-10-01' };
  await computePersonScores(ctx);
}, 120_000);
afterAll(() => db?.close());

describe('succession pruning', () => {
  it('gives the slates of scoring every pair, from a fraction of the pairs', async () => {
    const slates = async (prune: boolean) => {
      await db.run('DELETE FROM succession_candidates');
      await scoreSuccession(ctx, { prune });
      const pool = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM position_pool');
      return { rows: await db.all('SELECT * FROM succession_candidates ORDER BY position_id, rank'), pool: pool.n };
    };
    const all = await slates(false);
    const pruned = await slates(true);
    expect(all.rows.length).toBeGreaterThan(100);
    expect(pruned.rows).toEqual(all.rows);
    expect(pruned.pool).toBeLessThan(all.pool / 4);
  }, 60_000);

  it('stays exact under max_slates_per_person, where those left off are replaced from deeper in the pool', async () => {
    const capped = { ...ctx, config: { ...ctx.config, scoring: { ...ctx.config.scoring, succession: { ...ctx.config.scoring.succession, max_slates_per_person: 1 } } } };
    const slates = async (prune: boolean) => {
      for (const t of ['succession_candidates', 'succession_capped']) await db.run(`DELETE FROM ${t}`);
      await scoreSuccession(capped, { prune });
      return { rows: await db.all('SELECT * FROM succession_candidates ORDER BY position_id, rank'), capped: await db.all('SELECT * FROM succession_capped ORDER BY 1, 2') };
    };
    const all = await slates(false);
    const pruned = await slates(true);
    expect(all.capped.length).toBeGreaterThan(20);
    expect(pruned).toEqual(all);
    expect(Math.max(...(all.rows as Array<{ slates: number }>).map((r) => r.slates))).toBe(1);
  }, 60_000);
});
