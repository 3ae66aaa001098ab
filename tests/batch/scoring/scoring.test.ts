import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScoringConfig } from '../../../schemas/config.ts';
import { openDb, type Db } from '../../../batch/db.ts';
import { readinessSql } from '../../../batch/scoring/succession.ts';
import { bandSql, boxLabelSql, boxLabelText, boxOf } from '../../../batch/scoring/talent-pools.ts';

const scoring = ScoringConfig.parse({});
let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:');
});
afterAll(() => db.close());

describe('9-box', () => {
  it('numbers boxes from low/low (1) to high/high (9), performance across and potential up', () => {
    expect(boxOf(1, 1)).toBe(1);
    expect(boxOf(3, 1)).toBe(3);
    expect(boxOf(1, 3)).toBe(7);
    expect(boxOf(3, 3)).toBe(9);
  });
  it('bands a normalized value at the configured edges: below low_below is 1, from high_from is 3', async () => {
    const rows = await db.all<{ b: number }>(`SELECT ${bandSql('v', { low_below: 0.45, high_from: 0.75 })} AS b FROM (VALUES (0), (0.449), (0.45), (0.7499), (0.75), (1)) t(v)`);
    expect(rows.map((r) => r.b)).toEqual([1, 1, 2, 2, 3, 3]);
  });
  it('labels each box from the config, in Japanese in DuckDB', async () => {
    const rows = await db.all<{ l: string }>(`SELECT ${boxLabelSql('b', scoring.box_labels)} AS l FROM (VALUES (1), (5), (9)) t(b)`);
    expect(rows.map((r) => r.l)).toEqual(['要改善', '中核人材', 'スター']);
  });
  it('publishes a label in both languages; a plain string serves both', async () => {
    expect(boxLabelText(scoring.box_labels['9'], 9)).toEqual({ ja: 'スター', en: 'Star' });
    expect(boxLabelText('次世代リーダー', 9)).toEqual({ ja: '次世代リーダー', en: '次世代リーダー' });
    const labels = { ...scoring.box_labels, '9': '次世代リーダー' };
    const row = await db.one<{ l: string }>(`SELECT ${boxLabelSql('9', labels)} AS l`);
    expect(row.l).toBe('次世代リーダー');
  });
});

describe('readiness', () => {
  const s = scoring.succession;
  async function readiness(score: number, skillFit: number, gradeGap: number | null): Promise<string> {
    const r = await db.one<{ r: string }>(`SELECT ${readinessSql(s)} AS r FROM (SELECT ${score}::DOUBLE AS score, ${skillFit}::DOUBLE AS skill_fit, ${gradeGap ?? 'NULL'}::INTEGER AS grade_gap)`);
    return r.r;
  }
  it('is ready now only with a high score, enough skill fit and at most one grade below', async () => {
    expect(await readiness(70, 0.85, 1)).toBe('ready_now');
    expect(await readiness(90, 0.84, 0)).toBe('1_2_years');
    expect(await readiness(90, 1, 2)).toBe('1_2_years');
    expect(await readiness(69.9, 1, 0)).toBe('1_2_years');
  });
  it('is 1–2 years from score 55 with skill fit 0.6, and 3+ years below either', async () => {
    expect(await readiness(55, 0.6, 2)).toBe('1_2_years');
    expect(await readiness(54.9, 1, 0)).toBe('3_plus_years');
    expect(await readiness(90, 0.59, 0)).toBe('3_plus_years');
  });
});
