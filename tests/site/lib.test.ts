import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { ArtifactError, artifactsDir, readArtifacts } from '../../site/lib/artifacts.ts';
import { formatter } from '../../site/lib/format.ts';
import { categoryName, labels, languagePaths, pickText, skillName } from '../../site/lib/i18n/index.ts';
import { noticeText } from '../../site/lib/notices.ts';
import { pageContext } from '../../site/lib/page.ts';
import { renderPlot, stabilizeIds } from '../../site/lib/plot.ts';
import { readinessRule } from '../../site/lib/readiness-rule.ts';
import { assertDistinctSlugs, localized, pagePathOf, positionSlug, routes } from '../../site/lib/routes.ts';
import { FIXTURE_DIR } from './write-artifacts.ts';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function fixtureCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'talent-atlas-artifacts-'));
  temps.push(dir);
  await cp(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

describe('artifact loader', () => {
  it('reads and validates the fixture artifacts, runs.json included', () => {
    const a = readArtifacts(FIXTURE_DIR);
    expect(a.overview.company).toBe('株式会社あおば工業');
    expect(a.succession.positions.map((p) => p.position_id)).toEqual(['KP-001', 'KP-002', 'KP-003', 'KP-004']);
    expect(a.interviews.cycle_months).toBe(6);
    expect(a.retention.window_months).toBe(12);
    expect(a.runs?.runs.map((r) => r.as_of)).toEqual(['2026-10-01', '2026-04-01']);
  });

  it('defaults to data/out/artifacts under the working directory, or TALENT_ATLAS_ARTIFACTS', () => {
    expect(artifactsDir({}, '/srv/atlas')).toBe(path.resolve('/srv/atlas/data/out/artifacts'));
    expect(artifactsDir({ TALENT_ATLAS_ARTIFACTS: 'fixtures/a' }, '/srv/atlas')).toBe(path.resolve('/srv/atlas/fixtures/a'));
  });

  it('names the missing file and what to do', async () => {
    const dir = await fixtureCopy();
    await rm(path.join(dir, 'retention.json'));
    expect(() => readArtifacts(dir)).toThrow(ArtifactError);
    expect(() => readArtifacts(dir)).toThrow(`${path.join(dir, 'retention.json')}: not found — run \`npm run batch\` first`);
  });

  it('names the file, the path and the problem of an invalid field', async () => {
    const dir = await fixtureCopy();
    const file = path.join(dir, 'succession.json');
    const json = JSON.parse(await readFile(file, 'utf8'));
    json.positions[0].candidates[0].score = 'high';
    await writeFile(file, JSON.stringify(json));
    expect(() => readArtifacts(dir)).toThrow(`${file}: positions.0.candidates.0.score: Invalid input: expected number, received string\n`);
  });

  it('rejects a file that differs from the manifest (changed after publishing)', async () => {
    const dir = await fixtureCopy();
    const file = path.join(dir, 'quality.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"rejects_total": 3', '"rejects_total": 4'));
    expect(() => readArtifacts(dir)).toThrow(`${file}: differs from manifest.json`);
  });

  it('rejects another schema version with a clear message', async () => {
    const dir = await fixtureCopy();
    const file = path.join(dir, 'manifest.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"schema_version": 5', '"schema_version": 2'));
    expect(() => readArtifacts(dir)).toThrow('schema_version: the site reads version 5, found 2');
  });

  it('reads a folder without runs.json (no run history), and refuses an invalid one', async () => {
    const dir = await fixtureCopy();
    await rm(path.join(dir, 'runs.json'));
    expect(readArtifacts(dir).runs).toBeNull();
    const file = path.join(dir, 'runs.json');
    await writeFile(file, JSON.stringify({ runs: [{ run_id: 'x' }] }));
    expect(() => readArtifacts(dir)).toThrow(`${file}: runs.0.started_at: Invalid input: expected string, received undefined`);
  });
});

describe('languages', () => {
  it('gives the English dictionary exactly the Japanese keys, at every depth', () => {
    const shape = (value: unknown): unknown =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value)
              // Translation tables keyed by data (category names) may differ; their type is what is shared.
              .filter(([key]) => key !== 'categoryNames')
              .map(([key, v]) => [key, shape(v)]),
          )
        : Array.isArray(value)
          ? value.length
          : typeof value;
    expect(shape(labels('en'))).toEqual(shape(labels('ja')));
  });

  it('builds each page at / in Japanese and at /en/ in English', () => {
    expect(languagePaths()).toEqual([
      { params: { lang: undefined }, props: { lang: 'ja' } },
      { params: { lang: 'en' }, props: { lang: 'en' } },
    ]);
  });

  it('picks batch-written text, skill names and category names by language', () => {
    expect(pickText({ ja: 'スター', en: 'Star' }, 'en')).toBe('Star');
    expect(pickText({ ja: 'スター', en: 'Star' }, 'ja')).toBe('スター');
    expect(skillName({ name_ja: 'PLC制御', name_en: 'PLC programming' }, 'en')).toBe('PLC programming');
    expect(skillName({ name_ja: '独自スキル', name_en: '' }, 'en')).toBe('独自スキル');
    expect(categoryName('製造技術', 'en')).toBe('Manufacturing engineering');
    expect(categoryName('製造技術', 'ja')).toBe('製造技術');
    expect(categoryName('自社カテゴリ', 'en')).toBe('自社カテゴリ');
  });
});

describe('page URLs', () => {
  it('keeps safe ids and hashes the others deterministically', () => {
    expect(positionSlug('KP-001')).toBe('KP-001');
    expect(positionSlug('営業本部長/01')).toMatch(/^01-[0-9a-f]{10}$/);
    expect(positionSlug('営業本部長/01')).toBe(positionSlug('営業本部長/01'));
    expect(positionSlug('営業本部長')).toMatch(/^p-[0-9a-f]{10}$/);
    expect(positionSlug('../x')).not.toContain('/');
  });

  it('puts Japanese pages at the root and English ones under /en/', () => {
    expect(routes('ja').position('KP-001')).toBe('/succession/KP-001/');
    expect(routes('en').position('KP-001')).toBe('/en/succession/KP-001/');
    expect(routes('ja').overview()).toBe('/');
    expect(routes('en').overview()).toBe('/en/');
    expect(routes('en').retention()).toBe('/en/retention/');
  });

  it('finds the same page in the other language (the language switch)', () => {
    expect(pagePathOf('/en/skills/')).toEqual({ path: 'skills/', lang: 'en' });
    expect(pagePathOf('/skills')).toEqual({ path: 'skills/', lang: 'ja' });
    expect(pagePathOf('/en')).toEqual({ path: '', lang: 'en' });
    expect(pagePathOf('/')).toEqual({ path: '', lang: 'ja' });
    expect(localized(pagePathOf('/en/succession/KP-001/').path, 'ja')).toBe('/succession/KP-001/');
    expect(localized(pagePathOf('/succession/KP-001/index.html').path, 'en')).toBe('/en/succession/KP-001/');
  });

  it('refuses ids that would share a page', () => {
    expect(() => assertDistinctSlugs(['KP-001', 'kp-001'])).toThrow('would share the page');
    expect(() => assertDistinctSlugs(['KP-001', 'KP-002'])).not.toThrow();
  });
});

describe('formatting', () => {
  it('writes dates, shares and labels the Japanese way', () => {
    const f = formatter('ja');
    expect(f.date('2026-10-01')).toBe('2026年10月1日');
    expect(f.vacancy('2027-03')).toBe('2027年3月');
    expect(f.vacancy('2028年度')).toBe('2028年度');
    expect(f.vacancy('2027/9', '2027-09-01')).toBe('2027年9月');
    expect(f.vacancy('2027/9/30', '2027-09-30')).toBe('2027年9月30日');
    expect(f.vacancy('来期', null)).toBe('来期');
    expect(f.vacancy(null, null)).toBe('—');
    expect(f.percent(1 / 3)).toBe('33%');
    expect(f.percent(null)).toBe('非表示');
    expect(f.suppressible(null, 5)).toBe('非表示（n<5）');
    expect(f.suppressibleShare(0.5, 5)).toBe('50%');
    expect(f.count(1234)).toBe('1,234人');
    expect(f.readiness('1_2_years')).toBe('1〜2年');
    expect(f.status('none')).toBe('2年以内の候補者なし');
    expect(f.risk('high')).toBe('高');
    expect(f.person({ name: null, employee_id: 'E0040' })).toBe('社員番号 E0040');
    expect(f.timestamp('2026-11-22T00:56:32.887Z')).toBe('2026年11月22日 00:56（UTC）');
    expect(f.check('skill_assessment_stale', 24)).toBe('スキル評価が24か月より古い在籍者');
    expect(f.check('a_new_check', null)).toBe('a_new_check');
    expect(f.list(['A', 'B'])).toBe('A、B');
  });

  it('writes the same values the English way', () => {
    const f = formatter('en');
    expect(f.date('2026-10-01')).toBe('Oct 1, 2026');
    expect(f.vacancy('2027-03')).toBe('Mar 2027');
    expect(f.vacancy('令和9年9月', '2027-09-01')).toBe('Sep 2027');
    expect(f.percent(null)).toBe('Suppressed');
    expect(f.suppressible(null, 5)).toBe('Suppressed (n<5)');
    expect(f.count(1)).toBe('1 person');
    expect(f.count(1234)).toBe('1,234 people');
    expect(f.readiness('1_2_years')).toBe('1–2 years');
    expect(f.person({ name: null, employee_id: 'E0040' })).toBe('Employee E0040');
    // With privacy.pseudonymize_ids the manifest says ids are pseudonyms: never labelled as employee numbers.
    expect(formatter('en', 'pseudonym').person({ name: null, employee_id: 'P-3f9a0c1d2e' })).toBe('Pseudonym P-3f9a0c1d2e');
    expect(formatter('ja', 'pseudonym').person({ name: null, employee_id: 'P-3f9a0c1d2e' })).toBe('仮名ID P-3f9a0c1d2e');
    expect(formatter('ja', 'pseudonym').person({ name: '佐藤 美咲', employee_id: 'P-3f9a0c1d2e' })).toBe('佐藤 美咲');
    expect(f.timestamp('2026-11-22 00:56:32')).toBe('Nov 22, 2026, 00:56 UTC');
    expect(f.concern('workload')).toBe('Workload');
    expect(f.owner('manager')).toBe('Manager');
    expect(f.list(['A', 'B'])).toBe('A, B');
  });

  it('words notices and the readiness rule from their codes and numbers', () => {
    const notice = { code: 'missing_source' as const, subject: 'skill_matrix', count: null, detail: null };
    expect(noticeText(notice, pageContext('ja'))).toBe('「スキルマップ」の取り込み元が設定されていないため、関連する集計は空になっています。');
    expect(noticeText(notice, pageContext('en'))).toBe('No source of kind “Skill matrix” is configured: the views that need it are empty.');
    expect(noticeText({ code: 'ai_left_over', subject: null, count: 1200, detail: 'token cap' }, pageContext('en'))).toBe(
      '1,200 AI jobs were not finished in this run; the next nightly run will do them. Reason: token cap',
    );
    const rule = { ready_now: { min_score: 70, min_skill_fit: 0.85, max_grade_gap: 1 }, one_to_two_years: { min_score: 55, min_skill_fit: 0.6 } };
    expect(readinessRule(rule, pageContext('ja'))).toEqual([
      '即時: スコア70以上、スキル適合0.85以上、現任者との等級差1以内。',
      '1〜2年: スコア55以上、スキル適合0.6以上。',
      'それ以外は3年以上。',
    ]);
    expect(readinessRule(rule, pageContext('en'))[0]).toBe('Ready now: score 70 or more, skill fit 0.85 or more, at most 1 grade(s) below the incumbent.');
  });
});

describe('chart rendering', () => {
  it('renames Plot ids per chart, references included', () => {
    const svg = '<svg><clipPath id="plot-clip-7"></clipPath><g clip-path="url(#plot-clip-7)"></g><use href="#plot-clip-7"/></svg>';
    expect(stabilizeIds(svg, 'c')).toBe('<svg><clipPath id="c-1"></clipPath><g clip-path="url(#c-1)"></g><use href="#c-1"/></svg>');
  });

  it('gives the same markup for the same chart, whatever was rendered before', () => {
    const chart = () => renderPlot({ marks: [Plot.barX([1, 2, 3], { x: (d: number) => d, y: (d: number) => d, clip: true })] }, { id: 'x' });
    const first = chart();
    renderPlot({ marks: [Plot.dot([1], { x: (d: number) => d, clip: true })] }, { id: 'other' });
    expect(chart()).toBe(first);
    expect(first).toContain('clip-path="url(#x-1)"');
    expect(first).not.toContain('<script');
  });
});
