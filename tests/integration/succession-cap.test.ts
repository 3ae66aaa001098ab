import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../batch/config/load-config.ts';
import { openDb } from '../../batch/db.ts';
import { explainCandidate } from '../../batch/explain.ts';
import { memoryLogger } from '../../batch/log.ts';
import { runBatch } from '../../batch/pipeline.ts';
import { Succession } from '../../schemas/artifacts.ts';
import { tempDir } from '../helpers/tmp.ts';

interface Row {
  position_id: string;
  employee_id: string;
  rank: number;
  score: number;
}

/** The sample with scoring.succession overridden; the slates the batch stored, and the artifacts' folder. */
async function sampleWith(succession: Record<string, unknown>): Promise<{ rows: Row[]; capped: Array<{ position_id: string; employee_id: string }>; artifactsDir: string; why: string[] }> {
  const dir = await tempDir('succession-cap');
  const config = parse(await readFile('talent-atlas.config.yaml', 'utf8'));
  config.scoring.succession = { ...config.scoring.succession, ...succession };
  // The config's relative paths are read from the repository root, where the sample lives.
  config.taxonomy = resolve(config.taxonomy);
  for (const s of config.sources) s.path = resolve(s.path);
  await writeFile(join(dir, 'config.yaml'), stringify(config));
  const summary = await runBatch({
    configPath: join(dir, 'config.yaml'), outDir: join(dir, 'out'), log: memoryLogger(),
    env: { ...process.env, TALENT_ATLAS_AI_WORKERS: '0' }, now: () => new Date('2026-10-01T02:00:00Z'),
  });
  const db = await openDb(summary.dbPath);
  try {
    const capped = await db.all<{ position_id: string; employee_id: string }>(`SELECT position_id, employee_id FROM succession_capped ORDER BY 1, 2`);
    // What explain says of the first person left off.
    const why = capped.length ? (await explainCandidate(db, (await loadConfig(join(dir, 'config.yaml'))).config, capped[0]!.position_id, capped[0]!.employee_id)).not_on_slate : [];
    return {
      rows: await db.all<Row>(`SELECT position_id, employee_id, rank, score FROM succession_candidates ORDER BY position_id, rank`),
      capped,
      artifactsDir: summary.artifactsDir,
      why,
    };
  } finally {
    db.close();
  }
}

/**
 * max_slates_per_person against the rule applied here, in JavaScript, to each position's ranking (the sample
 * scored with slates of 50, deeper than the cap can reach): everyone over the cap keeps the slates
 * where they rank best (then the higher score, then the position id) and leaves the others to the next
 * candidates, until nobody is over it.
 */
describe('max_slates_per_person on the sample', () => {
  it('keeps everyone within the cap, on the slates where they rank best, and refills the others from the ranking', async () => {
    const SIZE = 5;
    const CAP = 2;
    const deep = await sampleWith({ slate_size: 50 });
    const ranking = new Map<string, Row[]>();
    for (const r of deep.rows) ranking.set(r.position_id, [...(ranking.get(r.position_id) ?? []), r]);

    const left = new Set<string>();
    let slates = new Map<string, Row[]>();
    for (;;) {
      slates = new Map([...ranking].map(([p, list]) => [p, list.filter((r) => !left.has(`${p}|${r.employee_id}`)).slice(0, SIZE).map((r, i) => ({ ...r, rank: i + 1 }))]));
      const byPerson = new Map<string, Row[]>();
      for (const list of slates.values()) for (const r of list) byPerson.set(r.employee_id, [...(byPerson.get(r.employee_id) ?? []), r]);
      let added = 0;
      for (const list of byPerson.values()) {
        if (list.length <= CAP) continue;
        const order = [...list].sort((a, b) => a.rank - b.rank || b.score - a.score || (a.position_id < b.position_id ? -1 : 1));
        for (const r of order.slice(CAP)) {
          left.add(`${r.position_id}|${r.employee_id}`);
          added++;
        }
      }
      if (added === 0) break;
    }
    // Deep enough: a position whose ranking was cut at 50 still has people left after those the cap took off,
    // so nobody beyond the 50th could have moved onto its slate.
    for (const [p, list] of ranking) if (list.length === 50) expect(list.filter((r) => !left.has(`${p}|${r.employee_id}`)).length, p).toBeGreaterThan(SIZE);
    const expected = [...slates.values()].flat().sort((a, b) => (a.position_id < b.position_id ? -1 : a.position_id > b.position_id ? 1 : a.rank - b.rank));

    const capped = await sampleWith({ slate_size: SIZE, max_slates_per_person: CAP });
    expect(capped.rows).toEqual(expected);
    expect(capped.capped).toEqual([...left].sort().map((k) => ({ position_id: k.split('|')[0], employee_id: k.split('|')[1] })));
    // The cap bites on the sample (its most-listed people are on up to 6 slates), and nobody is over it.
    expect(left.size).toBeGreaterThan(5);
    const count = new Map<string, number>();
    for (const r of capped.rows) count.set(r.employee_id, (count.get(r.employee_id) ?? 0) + 1);
    expect(Math.max(...count.values())).toBe(CAP);
    expect(capped.why.join(' ')).toContain(`max_slates_per_person = ${CAP}`);

    // The slate pages name who was left off.
    const succession = Succession.parse(JSON.parse(await readFile(join(capped.artifactsDir, 'succession.json'), 'utf8')));
    expect(succession.max_slates_per_person).toBe(CAP);
    const published = succession.positions.flatMap((p) => p.capped.map((c) => ({ position_id: p.position_id, employee_id: c.employee_id })));
    expect(published).toEqual(capped.capped);
  });
});
