import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Overview, SkillMap, Succession, TalentPool } from '../../schemas/artifacts.ts';
import { buildSite, ROOT, type BuiltSite } from './build-site.ts';
import { readFixture, writeArtifacts } from './write-artifacts.ts';

// A dataset with no skill source, no ratings and no key positions: every page must still build and say why
// it is empty instead of showing an empty chart.
let site: BuiltSite;
let artifactsDir: string;

beforeAll(async () => {
  const set = await readFixture();
  const overview = set['overview.json'] as Overview;
  const skillMap = set['skill_map.json'] as SkillMap;
  const pool = set['talent_pool.json'] as TalentPool;
  const succession = set['succession.json'] as Succession;
  Object.assign(overview, {
    key_positions: 0,
    positions_with_ready_now: 0,
    coverage: null,
    positions_without_ready_now: [],
    notices: [{ kind: 'missing_source', message: 'スキルデータがありません' }],
  });
  Object.assign(skillMap, { skills: [], cells: [] });
  Object.assign(pool, { rated: 0, unrated: 42, cells: pool.cells.map((c) => ({ ...c, count: 0 })) });
  Object.assign(succession, { positions: [] });

  await mkdir(path.join(ROOT, 'tests', '.tmp'), { recursive: true });
  artifactsDir = await mkdtemp(path.join(ROOT, 'tests', '.tmp', 'artifacts-empty-'));
  await writeArtifacts(artifactsDir, set, { company: overview.company, as_of: overview.as_of });
  site = await buildSite({ artifactsDir });
});

afterAll(async () => {
  await site?.cleanup();
  if (artifactsDir) await rm(artifactsDir, { recursive: true, force: true });
});

describe('astro build of a dataset without skills, ratings or key positions', () => {
  it('shows the notices as given', async () => {
    expect(await site.read('index.html')).toContain('スキルデータがありません');
  });

  it('explains the empty skill map instead of drawing it', async () => {
    const page = await site.read('skills/index.html');
    expect(page).toContain('スキルデータがありません。');
    expect(page).not.toContain('<svg');
  });

  it('explains the empty 9-box when nobody is rated', async () => {
    const page = await site.read('pools/index.html');
    expect(page).toContain('業績とポテンシャルの両方が評価された人がいないため');
    expect(page).not.toContain('<svg');
  });

  it('builds the succession list without position pages', async () => {
    expect(await site.read('succession/index.html')).toContain('キーポジションが登録されていません。');
    expect(site.files.filter((f) => /^succession\/[^/]+\/index\.html$/.test(f))).toEqual([]);
  });

  it('shows no coverage when there are no key positions', async () => {
    expect(await site.read('index.html')).toContain('キーポジションが登録されていません');
  });
});
