import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interviews, Overview, Quality, Retention, SkillMap, Succession, TalentPool } from '../../schemas/artifacts.ts';
import { buildSite, ROOT, type BuiltSite } from './build-site.ts';
import { readFixture, writeArtifacts } from './write-artifacts.ts';

// A dataset with no skill source, no potential ratings, no key positions, no interviews and no run history
// (no runs.json): every page must still build, in both languages, and say why it is empty instead of
// showing an empty chart.
let site: BuiltSite;
let artifactsDir: string;

beforeAll(async () => {
  const set = await readFixture();
  const overview = set['overview.json'] as Overview;
  const skillMap = set['skill_map.json'] as SkillMap;
  const pool = set['talent_pool.json'] as TalentPool;
  const succession = set['succession.json'] as Succession;
  const interviews = set['interviews.json'] as Interviews;
  const retention = set['retention.json'] as Retention;
  const quality = set['quality.json'] as Quality;
  Object.assign(overview, {
    key_positions: 0,
    positions_with_ready_now: 0,
    coverage: null,
    positions_without_ready_now: [],
    bench_strength: { successors: 0, effective_successors: 0, per_position: null },
    positions_at_risk: [],
    interview_coverage: { cycle_months: 6, covered: 0, eligible: 42, share: 0 },
    overdue_follow_ups: 0,
    // No key positions: nothing to judge coverage, bench strength and positions at risk by.
    targets: overview.targets.map((k) => (['coverage', 'bench_strength', 'positions_at_risk'].includes(k.kpi) ? { ...k, value: null, met: null } : k)),
    notices: [
      { code: 'missing_source', subject: 'skill_matrix', count: null, detail: null },
      { code: 'missing_field', subject: 'potential', count: null, detail: null },
    ],
  });
  Object.assign(skillMap, { skills: [], cells: [], categories: [], position_gaps: [], strategic: [], trend: [{ as_of: '2026-10-01', category: 'IT', share: 0, headcount: 42 }] });
  Object.assign(pool, { rated: 0, unrated: 42, cells: pool.cells.map((c) => ({ ...c, count: 0, members: [], members_not_listed: 0 })) });
  Object.assign(succession, { positions: [], departments: [] });
  // Nobody is rated or on a slate: nobody has a talent card.
  set['people.json'] = { people: [] };
  Object.assign(interviews, {
    total: { headcount: 42, covered: 0, share: 0 },
    overdue_actions: { total: 0, with_due_date: 0, overdue: 0, by_owner: [], by_department: [] },
    mismatches: { people_with_aspirations: 0, people_mismatched: 0, by_department: [], skills: [], positions: [] },
  });
  Object.assign(retention, { signals: [], by_position: [], total: { headcount: 42, assessed: 0, high: 0, medium: 0 } });
  Object.assign(quality, { checks: [], comment_quality: [], by_file_reason: [], examples: [], rejects_total: 0 });

  await mkdir(path.join(ROOT, 'tests', '.tmp'), { recursive: true });
  artifactsDir = await mkdtemp(path.join(ROOT, 'tests', '.tmp', 'artifacts-empty-'));
  await writeArtifacts(artifactsDir, set, { company: overview.company, as_of: overview.as_of });
  site = await buildSite({ artifactsDir });
});

afterAll(async () => {
  await site?.cleanup();
  if (artifactsDir) await rm(artifactsDir, { recursive: true, force: true });
});

describe('astro build of a dataset without skills, ratings, key positions or run history', () => {
  it('words the notices in each language', async () => {
    const ja = await site.read('index.html');
    expect(ja).toContain('「スキルマップ」の取り込み元が設定されていないため');
    expect(ja).toContain('人事評価に「ポテンシャル」の列がないため');
    expect(await site.read('en/index.html')).toContain('No source of kind “Skill matrix” is configured');
  });

  it('explains the empty skill map instead of drawing it, and why there is no trend yet', async () => {
    const page = await site.read('skills/index.html');
    expect(page).toContain('スキルデータがありません。');
    expect(page).toContain('推移を表示するには2回以上の実行結果が必要です（現在 1回分）。');
    expect(page).not.toContain('<svg');
    expect(await site.read('en/skills/index.html')).toContain('A trend needs results from at least 2 runs (1 so far).');
  });

  it('explains the empty 9-box when nobody is rated', async () => {
    const page = await site.read('pools/index.html');
    expect(page).toContain('業績とポテンシャルの両方が評価された人がいないため');
    expect(page).not.toContain('<svg');
  });

  it('builds the succession list without position pages', async () => {
    expect(await site.read('succession/index.html')).toContain('キーポジションが登録されていません。');
    expect(site.files.filter((f) => /succession\/(?!chart\/)[^/]+\/index\.html$/.test(f))).toEqual([]);
    expect(site.files.filter((f) => f.includes('people/'))).toEqual([]);
    expect(await site.read('succession/chart/index.html')).toContain('キーポジションが登録されていません。');
  });

  it('shows no coverage or bench strength when there are no key positions', async () => {
    const page = await site.read('index.html');
    expect(page).toContain('キーポジションが登録されていません');
    expect(page).toMatch(/<dt>ベンチ強度<\/dt><dd class="stat-value">—<\/dd>/);
  });

  it('says that no run history is available without runs.json', async () => {
    expect(await site.read('index.html')).toContain('実行履歴はありません');
    expect(await site.read('en/quality/index.html')).toContain('No run history is available (no runs.json).');
  });

  it('says so where interviews, retention and quality have nothing to show', async () => {
    expect(await site.read('interviews/index.html')).toContain('期限切れのフォローアップはありません。');
    const retention = await site.read('en/retention/index.html');
    expect(retention).toContain('No concern category can be shown.');
    expect(retention).toContain('No key positions are registered.');
    expect(await site.read('quality/index.html')).toContain('取り込めなかった行はありません。');
  });
});
