import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../batch/db.ts';
import { memoryLogger } from '../../batch/log.ts';
import { runBatch } from '../../batch/pipeline.ts';
import { benchConfigYaml } from '../../bench/dataset.ts';
import { generate } from '../../data/generator/generate.ts';
import { tempDir } from '../helpers/tmp.ts';

/**
 * The reach rule checked from outside: for every candidate on every slate, the reason they may be there
 * (department, function, or a fit of at least 0.5 on the position's function-specific skills) is derived
 * here in JavaScript from the base tables (departments, employees, employee_skills, key_position_skills,
 * skills), not from scoring's SQL, and must be what the batch stores. Run on the sample, on a generated
 * company reshaped by hand (another seed, a company root above the divisions, a shorter grade ladder with
 * other names), and on the two hand-made vendor companies.
 */
const NOW = () => new Date('2026-10-01T02:00:00Z');
const GENERIC = new Set(['マネジメント']);
const MIN_OUTSIDE = 0.5;

interface Derived { basis: 'department' | 'function' | 'skill_fit'; fit: number }

async function deriveReach(db: Db): Promise<Map<string, Derived>> {
  const departments = await db.all<{ department_id: string; parent_id: string | null; depth: number }>(`SELECT department_id, parent_id, depth FROM departments`);
  const parent = new Map(departments.map((d) => [d.department_id, d.parent_id]));
  const depthOf = new Map(departments.map((d) => [d.department_id, d.depth]));
  const perDepth = new Map<number, number>();
  for (const d of departments) perDepth.set(d.depth, (perDepth.get(d.depth) ?? 0) + 1);
  const functionDepth = Math.min(...[...perDepth].filter(([, n]) => n > 1).map(([depth]) => depth), Infinity);
  const depth = Number.isFinite(functionDepth) ? functionDepth : 1;
  const chain = (id: string | null): string[] => {
    const out: string[] = [];
    for (let d = id; d; d = parent.get(d) ?? null) out.push(d);
    return out;
  };
  const functionOf = (id: string | null) => (id ? chain(id).find((a) => depthOf.get(a)! <= depth) ?? null : null);

  const people = new Map((await db.all<{ employee_id: string; department_id: string | null }>(`SELECT employee_id, department_id FROM employees`)).map((e) => [e.employee_id, e.department_id]));
  const category = new Map((await db.all<{ skill_id: string; category: string | null }>(`SELECT skill_id, category FROM skills`)).map((s) => [s.skill_id, s.category]));
  // The effective level: the highest assessed level, else the highest hint of text the skill was inferred from (1 when none).
  const levels = new Map<string, number>();
  const rows = await db.all<{ employee_id: string; skill_id: string; level: number | null; source: string }>(`SELECT employee_id, skill_id, level, source FROM employee_skills`);
  const assessed = new Set(rows.filter((r) => r.source !== 'inferred').map((r) => `${r.employee_id}|${r.skill_id}`));
  for (const r of rows) {
    const k = `${r.employee_id}|${r.skill_id}`;
    if (assessed.has(k) && r.source === 'inferred') continue;
    const level = r.source === 'inferred' ? (r.level ?? 1) : r.level;
    if (level === null) continue;
    levels.set(k, Math.max(levels.get(k) ?? -Infinity, level));
  }
  const required = new Map<string, Array<{ skill_id: string; level: number }>>();
  for (const r of await db.all<{ position_id: string; skill_id: string; level: number }>(`SELECT position_id, skill_id, level FROM key_position_skills`)) {
    required.set(r.position_id, [...(required.get(r.position_id) ?? []), r]);
  }
  const positions = new Map((await db.all<{ position_id: string; department_id: string | null }>(`SELECT position_id, department_id FROM key_positions`)).map((p) => [p.position_id, p.department_id]));

  const out = new Map<string, Derived>();
  for (const c of await db.all<{ position_id: string; employee_id: string }>(`SELECT position_id, employee_id FROM succession_candidates`)) {
    const positionDept = positions.get(c.position_id) ?? null;
    const personDept = people.get(c.employee_id) ?? null;
    const all = required.get(c.position_id) ?? [];
    const specific = all.some((r) => !GENERIC.has(category.get(r.skill_id) ?? '')) ? all.filter((r) => !GENERIC.has(category.get(r.skill_id) ?? '')) : all;
    const fit = specific.length === 0 ? 0.5 : specific.reduce((sum, r) => sum + Math.min((levels.get(`${c.employee_id}|${r.skill_id}`) ?? 0) / r.level, 1), 0) / specific.length;
    const basis = positionDept && chain(personDept).includes(positionDept) ? 'department' : functionOf(personDept) !== null && functionOf(personDept) === functionOf(positionDept) ? 'function' : 'skill_fit';
    out.set(`${c.position_id}|${c.employee_id}`, { basis, fit: Math.round(fit * 10000) / 10000 });
  }
  return out;
}

async function expectReachHolds(db: Db): Promise<{ slots: number; inFunction: number }> {
  const derived = await deriveReach(db);
  const stored = await db.all<{ position_id: string; employee_id: string; reach: string; reach_fit: number }>(`SELECT position_id, employee_id, reach, reach_fit FROM succession_candidates ORDER BY position_id, rank`);
  expect(stored.length).toBeGreaterThan(0);
  for (const s of stored) {
    const d = derived.get(`${s.position_id}|${s.employee_id}`)!;
    expect({ who: `${s.position_id} ${s.employee_id}`, reach: s.reach, fit: s.reach_fit }).toEqual({ who: `${s.position_id} ${s.employee_id}`, reach: d.basis, fit: d.fit });
    if (d.basis === 'skill_fit') expect(d.fit).toBeGreaterThanOrEqual(MIN_OUTSIDE);
  }
  return { slots: stored.length, inFunction: stored.filter((s) => s.reach !== 'skill_fit').length };
}

async function runCompany(configPath: string): Promise<Db> {
  const summary = await runBatch({ configPath, outDir: await tempDir('reach-out'), log: memoryLogger(), now: NOW, env: { ...process.env, TALENT_ATLAS_AI_WORKERS: '0' } });
  return openDb(summary.dbPath);
}

/** A CSV rewritten cell by cell (header kept), in its own encoding. */
function rewriteCsv(path: string, encoding: 'cp932' | 'utf-8', edit: (row: Record<string, string>) => void): void {
  const text = encoding === 'cp932' ? iconv.decode(readFileSync(path), 'cp932') : readFileSync(path, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  for (const row of parsed.data) edit(row);
  const out = Papa.unparse(parsed.data, { newline: '\r\n', columns: parsed.meta.fields });
  writeFileSync(path, encoding === 'cp932' ? iconv.encode(out, 'cp932') : out);
}

describe('the succession reach rule, derived independently', () => {
  const dbs: Db[] = [];
  afterAll(() => dbs.forEach((db) => db.close()));

  it('holds on the sample, and slates draw mostly from the position’s function', async () => {
    const db = await runCompany('talent-atlas.config.yaml');
    dbs.push(db);
    const { slots, inFunction } = await expectReachHolds(db);
    expect(inFunction / slots).toBeGreaterThan(0.7);
    // The sample's most-listed manager (E00096, 組立課長) was on 14 of 16 slates on generic skills alone.
    const most = await db.one<{ n: number }>(`SELECT max(slates) AS n FROM succession_candidates`);
    expect(most.n).toBeLessThanOrEqual(8);
  });

  describe('on a generated company reshaped by hand', () => {
    let db: Db;
    beforeAll(async () => {
      const dir = await tempDir('reach-reshaped');
      generate({ outDir: dir, employees: 600, seed: 4242, badRows: false, interviews: 'sample' });
      // A company root above the divisions (本社/製造本部/…) and a shorter ladder with other names (G1 and G2 merged).
      const ladder: Record<string, string> = { G1: '1級', G2: '1級', G3: '2級', G4: '3級', G5: '4級', M1: '5級', M2: '6級', M3: '7級', E1: '8級' };
      rewriteCsv(join(dir, 'employees.csv'), 'cp932', (r) => {
        if (r['部署']) r['部署'] = `本社/${r['部署']}`;
        if (r['等級']) r['等級'] = ladder[r['等級']] ?? r['等級'];
      });
      rewriteCsv(join(dir, 'key_positions.csv'), 'utf-8', (r) => {
        if (r['部署']) r['部署'] = `本社/${r['部署']}`;
      });
      const config = parse(benchConfigYaml(readFileSync('talent-atlas.config.yaml', 'utf8'), dir, resolve('data/taxonomy/skills.csv')));
      config.scoring.succession.grade_order = ['1級', '2級', '3級', '4級', '5級', '6級', '7級', '8級'];
      writeFileSync(join(dir, 'config.yaml'), stringify(config));
      db = await runCompany(join(dir, 'config.yaml'));
      dbs.push(db);
    }, 120_000);

    it('takes the divisions under the root as the functions, and holds', async () => {
      const fns = await db.all<{ function: string }>(`SELECT DISTINCT function FROM department_functions ORDER BY 1`);
      expect(fns.length).toBeGreaterThan(3);
      // The root is its own function (it is higher than the function depth); every other department is in a division.
      expect(fns[0]!.function).toBe('本社');
      expect(fns.slice(1).every((f) => f.function.startsWith('本社/') && f.function.split('/').length === 2)).toBe(true);
      const { slots, inFunction } = await expectReachHolds(db);
      expect(inFunction / slots).toBeGreaterThan(0.7);
    });
  });

  it('holds on the hand-made vendor companies', async () => {
    for (const vendor of ['jinji-cloud', 'hris-en']) {
      const db = await runCompany(`tests/fixtures/vendors/${vendor}/config.yaml`);
      dbs.push(db);
      await expectReachHolds(db);
    }
    // hris-en: the Sales Director slate holds nobody from Operations any more (they had only leadership).
    const sales = await dbs.at(-1)!.all<{ employee_id: string; reach: string }>(`SELECT employee_id, reach FROM succession_candidates WHERE position_id = 'POS-2' ORDER BY rank`);
    expect(sales).toEqual([{ employee_id: '1010', reach: 'department' }, { employee_id: '1011', reach: 'department' }]);
  });
});
