/**
 * The built dashboard in a real browser (Debian's Chromium through playwright-core), on REAL batch output:
 * the sample company through the whole pipeline, the real Astro build, served over HTTP on 127.0.0.1.
 * (TALENT_ATLAS_BROWSER_ARTIFACTS=<folder> tests a published artifacts folder instead of running the batch.)
 *
 * Every HTML page of the build, in Japanese (/) and English (/en/), is opened (of the talent cards, which
 * share one template, a busy candidate's, an incumbent's and a 9-box member's) at 1366 px, and every kind of
 * page again at 390 px; each must load without a console error, a page error or a failed request; its key facts (read from the artifacts, worded with the
 * page language's dictionary) must be visible; axe-core must find no serious or critical violation; a
 * full-page screenshot goes to tests/browser/screenshots/ (git-ignored). With JavaScript disabled the
 * charts must still be there (SVG rendered at build time) and no JavaScript-only control may appear; with
 * it, the optional sort, CSV download and category filter must work. The overview must stay light.
 *
 * Without /usr/bin/chromium the suite is skipped on a developer machine, and fails in CI (CI installs it).
 *
 * Runtime: axe's colour-contrast rule and full-page screenshots are CPU-bound, so the page tests run side by
 * side (AUDITS_AT_ONCE pages open at a time) and read the DOM in one round trip per check (`read()`), never
 * with role queries, which recompute ARIA roles over the whole page (seconds on the skill map's DOM).
 */
import type { AxeResults } from 'axe-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { memoryLogger } from '../../batch/log.ts';
import { runBatch } from '../../batch/pipeline.ts';
import type { Succession } from '../../schemas/artifacts.ts';
import { LANGS, type Lang } from '../../site/lib/i18n/index.ts';
import { noticeText } from '../../site/lib/notices.ts';
import { readArtifacts, type Artifacts } from '../../site/lib/artifacts.ts';
import { formatter } from '../../site/lib/format.ts';
import { pageContext, type PageContext } from '../../site/lib/page.ts';
import { chartTree, chipsByReadiness, unitPages } from '../../site/lib/org-chart.ts';
import { pagesOf, POSITIONS_PER_PAGE } from '../../site/lib/paging.ts';
import { gapPages, largestGaps, skillCategories } from '../../site/lib/skill-pages.ts';
import { idSlug, positionSlug } from '../../site/lib/routes.ts';
import { trendDates } from '../../site/lib/trend-chart.ts';
import { filterDivisions, inDivision } from '../../site/lib/units.ts';
import { tempDir } from '../helpers/tmp.ts';
import { buildSite, type BuiltSite } from '../site/build-site.ts';
import { CHROMIUM_PATH, chromiumInstalled, launchChromium } from './chromium.ts';
import { serveStatic, type StaticServer } from './serve.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
/** axe-core's minified build: half the parse time of `axe.source` on every page. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The overview's HTML plus everything it loads (the optional script included), in bytes. */
const OVERVIEW_BUDGET = 150 * 1024;
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);
/** Pages audited at the same time (CI has 2 cores; a third page keeps them busy while Node waits). */
const AUDITS_AT_ONCE = 3;
/**
 * Time limits are safety nets against a hung browser, never a speed requirement: each is several times what
 * a 2-core CI machine needs with both cores busy elsewhere (the slowest page test took 38 s there, the set-up
 * about 40 s). The position pages of one language are audited in one test: 16 pages of the sample, 3 at a time.
 */
const PAGE_TEST_TIMEOUT = 280_000;
const SETUP_TIMEOUT = 280_000;
const ACTION_TIMEOUT = 60_000;
const ARTIFACTS_OVERRIDE = process.env.TALENT_ATLAS_BROWSER_ARTIFACTS;
/** A laptop, and a phone (an iPhone 12–15's CSS width). */
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

const SKIP = !chromiumInstalled() && !process.env.CI;
if (SKIP) {
  console.warn(`browser tests skipped: ${CHROMIUM_PATH} not found (install Debian's chromium: apt-get install chromium). In CI they run, and fail without it.`);
}

let batchDir: string | undefined;
let artifacts: Artifacts;

/**
 * The page context the site's pages use, with a person's label taken from the artifacts under test (their
 * manifest says whether ids are pseudonyms), not from the default artifacts folder the site would read.
 */
function contextFor(lang: Lang): PageContext {
  const ctx = pageContext(lang);
  const names = () => artifacts.overview.names_en;
  return {
    ...ctx,
    f: { ...ctx.f, person: (p) => formatter(lang, artifacts.manifest.ids).person(p) },
    department: (name) => (name === null ? ctx.t.common.none : lang === 'en' ? (names().departments[name] ?? name) : name),
    position: (p) => (lang === 'en' ? (names().positions[p.position_id] ?? p.title) : p.title),
  };
}
let site: BuiltSite | undefined;
let server: StaticServer | undefined;
let browser: Browser | undefined;
/** JavaScript on (axe is injected as a script; the site's optional script runs). */
let withJs: BrowserContext;
let withoutJs: BrowserContext;

/** `skills/index.html` in `lang`: `skills/index.html` or `en/skills/index.html`. */
function fileIn(lang: Lang, file: string): string {
  return lang === 'ja' ? file : `${lang}/${file}`;
}

describe.skipIf(SKIP)(SKIP ? `the built dashboard in Chromium — SKIPPED: ${CHROMIUM_PATH} not found` : 'the built dashboard in Chromium', () => {
  beforeAll(async () => {
    if (!chromiumInstalled()) throw new Error(`${CHROMIUM_PATH} not found: CI must install Debian's chromium (.ci/run does apt-get install chromium)`);
    let artifactsDir: string;
    if (ARTIFACTS_OVERRIDE) {
      artifactsDir = path.resolve(ARTIFACTS_OVERRIDE);
    } else {
      batchDir = await tempDir('browser');
      artifactsDir = (await runBatch({ configPath: 'talent-atlas.config.yaml', outDir: batchDir, log: memoryLogger() })).artifactsDir;
    }
    // The site's own loader: the same schemas, the manifest's hashes and runs.json as the pages read them.
    artifacts = readArtifacts(artifactsDir);
    site = await buildSite({ artifactsDir, timeoutMs: 180_000 });
    server = await serveStatic(site.outDir);
    browser = await launchChromium(ACTION_TIMEOUT);
    const options = { viewport: DESKTOP, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', serviceWorkers: 'block' as const, acceptDownloads: true };
    withJs = await browser.newContext(options);
    withoutJs = await browser.newContext({ ...options, javaScriptEnabled: false });
    for (const context of [withJs, withoutJs]) {
      context.setDefaultTimeout(ACTION_TIMEOUT);
      context.setDefaultNavigationTimeout(ACTION_TIMEOUT);
    }
    await mkdir(SCREENSHOTS, { recursive: true });
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.cleanup();
    if (batchDir) await rm(batchDir, { recursive: true, force: true });
  }, ACTION_TIMEOUT);

  /** The division pages (lib/units.ts filterDivisions): the 9-box, retention and each skill category, per division. */
  const divisionPages = () =>
    filterDivisions(artifacts.skillMap.departments).flatMap((d) => [
      `skills/division/${idSlug(d.department_id)}/index.html`,
      `pools/division/${idSlug(d.department_id)}/index.html`,
      `retention/division/${idSlug(d.department_id)}/index.html`,
      ...skillCategories(artifacts.skillMap).map((c) => `skills/categories/${idSlug(c.name)}/division/${idSlug(d.department_id)}/index.html`),
    ]);

  it('builds exactly the seven section pages, the skill map’s category and gap pages, the succession chart, one page per key position, a talent card per person in people.json and the division pages, in each language', () => {
    const perLanguage = [
      'index.html',
      'interviews/index.html',
      'pools/index.html',
      'quality/index.html',
      'retention/index.html',
      'skills/index.html',
      ...skillCategories(artifacts.skillMap).map((c) => `skills/categories/${idSlug(c.name)}/index.html`),
      ...gapPages(artifacts.skillMap.position_gaps).map((_, i) => (i === 0 ? 'skills/gaps/index.html' : `skills/gaps/${i + 1}/index.html`)),
      'succession/index.html',
      ...pagesOf(artifacts.succession.positions, POSITIONS_PER_PAGE).slice(1).map((_, i) => `succession/pages/${i + 2}/index.html`),
      'succession/chart/index.html',
      ...unitPages(chartTree(artifacts.succession)).map((u) => `succession/chart/${idSlug(u.department_id)}/index.html`),
      ...artifacts.succession.positions.map((p) => `succession/${positionSlug(p.position_id)}/index.html`),
      ...artifacts.people.people.map((p) => `people/${idSlug(p.employee_id)}/index.html`),
      ...divisionPages(),
    ];
    expect(artifacts.succession.positions.length).toBeGreaterThan(0);
    expect(artifacts.people.people.length).toBeGreaterThan(artifacts.succession.positions.length);
    const expected = LANGS.flatMap((lang) => perLanguage.map((f) => fileIn(lang, f))).sort();
    expect(site!.files.filter((f) => f.endsWith('.html')).sort()).toEqual(expected);
  }, 5_000);

  // Side by side, each test with its own `expect` (soft assertions of concurrent tests must use it).
  describe.concurrent('every page: no console error or failed request, its key facts visible, no serious axe violation, a screenshot', () => {
    for (const lang of LANGS) {
      const ctx = contextFor(lang);
      const { t, f, r } = ctx;
      const at = (file: string) => fileIn(lang, file);

      it(`${lang} ${t.overview.title}: the figures, positions at risk and without a ready-now successor, notices`, async ({ expect }) => {
        const { overview, runs } = artifacts;
        const L = t.overview;
        await audit(expect, at('index.html'), lang, async (page) => {
          await expectH1(expect, page, L.title);
          expectShown(expect, await read(page.locator('main .lead')), L.lead(overview.company, f.date(overview.as_of)), 'the lead (company, as-of date)');
          const lastRun = runs?.runs[0];
          await expectStats(expect, page, [
            [L.headcount, t.common.people(f.int(overview.headcount))],
            [L.departments, f.int(overview.departments)],
            [L.keyPositions, f.int(overview.key_positions)],
            [L.coverage, overview.coverage === null ? t.common.none : f.percent(overview.coverage)],
            [L.benchStrength, overview.bench_strength.per_position === null ? t.common.none : f.decimal(overview.bench_strength.per_position)],
            [L.atRisk, f.int(overview.positions_at_risk.length)],
            [L.interviewCoverage, overview.interview_coverage.share === null ? t.common.none : f.percent(overview.interview_coverage.share)],
            [L.rejects, f.int(overview.rejects)],
            [L.lastRun, lastRun ? f.date(lastRun.finished_at) : t.common.none],
          ]);
          const atRisk = await read(sectionOf(page, L.atRisk).locator('tbody a'));
          expect.soft(atRisk.map((l) => [l.text, l.href]), 'positions at risk, linked').toEqual(overview.positions_at_risk.map((p) => [ctx.position(p), r.position(p.position_id)]));
          const links = await read(sectionOf(page, L.withoutReadyNow).locator('a'));
          expect.soft(links.map((l) => l.text), 'positions without a ready-now successor').toEqual(overview.positions_without_ready_now.map((p) => ctx.position(p)));
          for (const p of overview.positions_without_ready_now) {
            const link = links.find((l) => l.text === ctx.position(p));
            expect.soft(link, `${p.position_id}: link shown`).toMatchObject({ visible: true, href: r.position(p.position_id) });
          }
          const notices = await read(page.locator('main .notices li'));
          for (const n of overview.notices) expectShown(expect, notices, noticeText(n, ctx), `notice ${n.code}`);
        });
      }, PAGE_TEST_TIMEOUT);

      it(`${lang} ${t.skills.title}: the largest gaps first, a page per category with its heatmaps, strategic skills, the trend, every department's gaps`, async ({ expect }) => {
        const { skillMap } = artifacts;
        const categories = skillCategories(skillMap);
        expect(categories.length, 'skill categories in skill_map.json').toBeGreaterThan(0);
        await audit(expect, at('skills/index.html'), lang, async (page) => {
          await expectH1(expect, page, t.skills.title);
          const links = await read(page.locator('main section[aria-labelledby="heatmaps"] a'));
          expect.soft(links.map((l) => l.href), 'a link to each category page').toEqual(categories.map((c) => r.skillCategory(c.name)));
          const largest = largestGaps(skillMap.position_gaps);
          const rows = await page.locator('main section[aria-labelledby="largest-gaps"] tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLTableRowElement).cells[0]!.innerText.trim()));
          expect.soft(rows, 'the largest gaps, largest first').toEqual(largest.map((g) => ctx.department(g.department.name)));
          const charts = await expectCharts(expect, page, 'skills');
          const extra = (skillMap.strategic.length > 0 ? 1 : 0) + (trendDates(skillMap.trend).length >= 2 ? 1 : 0);
          expect(charts, 'strategic skills and trend').toBe(extra);
          if (trendDates(skillMap.trend).length < 2) {
            expectShown(expect, await read(sectionOf(page, t.skills.trend).locator('p')), t.skills.trendTooFew(trendDates(skillMap.trend).length), 'why there is no trend yet');
          }
        });
        await Promise.all(
          categories.map((c) =>
            audit(expect, at(`skills/categories/${idSlug(c.name)}/index.html`), lang, async (page) => {
              await expectH1(expect, page, t.skills.categoryTitle(ctx.category(c.name)));
              expect.soft(await expectCharts(expect, page, c.name), `${c.name}: a heatmap per ${12} skills`).toBe(Math.ceil(c.skills.length / 12));
              const legend = await read(page.locator('main .legend li'));
              expectShown(expect, legend, f.percent(1), `${c.name}: the colour key`);
            }),
          ),
        );
        const pages = gapPages(skillMap.position_gaps);
        let departments = 0;
        for (let n = 1; n <= pages.length; n++) {
          await audit(expect, at(n === 1 ? 'skills/gaps/index.html' : `skills/gaps/${n}/index.html`), lang, async (page) => {
            departments += await page.locator('main section h2').count();
          });
        }
        expect.soft(departments, 'a table per department owning key positions, over the gap pages').toBe(skillMap.position_gaps.length);
      }, PAGE_TEST_TIMEOUT);

      it(`${lang} ${t.pools.title}: the 9-box with every label and count, members per box`, async ({ expect }) => {
        const { talentPool: pool } = artifacts;
        await audit(expect, at('pools/index.html'), lang, async (page) => {
          await expectH1(expect, page, t.pools.title);
          await expectStats(expect, page, [
            [t.pools.rated, t.common.people(f.int(pool.rated))],
            [t.pools.unrated, t.common.people(f.int(pool.unrated))],
          ]);
          expect(await expectCharts(expect, page, 'pools'), 'one figure: the 9-box').toBe(1);
          const svg = page.locator('main figure svg').first();
          const texts = (await read(svg.locator('text'))).filter((x) => x.visible).map((x) => x.text);
          expect(pool.cells).toHaveLength(9);
          for (const cell of pool.cells) {
            expect.soft(texts, `9-box label of box ${cell.box}`).toContain(ctx.text(cell.label));
            expect.soft(texts, `9-box count of box ${cell.box}`).toContain(f.count(cell.count));
          }
          expect.soft(await svg.locator('rect').count(), 'a cell per box').toBeGreaterThanOrEqual(9);
          if (pool.cells.some((c) => c.members !== null)) {
            expect.soft(await page.locator('main .members details').count(), 'a <details> of members per box').toBe(9);
          }
        });
      }, PAGE_TEST_TIMEOUT);

      it(`${lang} ${t.succession.title}: counts by status, every key position with its status and top candidate`, async ({ expect }) => {
        const { succession } = artifacts;
        await audit(expect, at('succession/index.html'), lang, async (page) => {
          await expectH1(expect, page, t.succession.title);
          await expectStats(
            expect,
            page,
            (['ready_now', '1_2_years', 'none'] as const).map((s) => [f.status(s), f.int(succession.positions.filter((p) => p.status === s).length)]),
          );
          const rows = await page.locator('main table tbody tr').evaluateAll((trs) =>
            trs.map((tr) => ({
              title: tr.querySelector('th a')?.textContent?.trim() ?? '',
              href: tr.querySelector('th a')?.getAttribute('href') ?? null,
              visible: (tr as HTMLElement).checkVisibility(),
              cells: [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim()),
            })),
          );
          expect.soft(rows.map((x) => x.title), 'one row per key position').toEqual(succession.positions.map((p) => ctx.position(p)));
          for (const p of succession.positions) {
            const row = rows.find((x) => x.title === ctx.position(p));
            expect.soft(row, `${p.position_id}: row`).toMatchObject({ visible: true, href: r.position(p.position_id) });
            expect.soft(row?.cells, `${p.position_id}: status`).toContain(f.status(p.status));
            const top = topCandidate(p);
            expect.soft(row?.cells, `${p.position_id}: top candidate in its row`).toContain(top ? f.person(top) : t.succession.noCandidates);
          }
        });
      }, PAGE_TEST_TIMEOUT);

      it(`${lang} ${t.interviews.title}: coverage, overdue follow-ups and mismatches`, async ({ expect }) => {
        const { interviews: iv } = artifacts;
        await audit(expect, at('interviews/index.html'), lang, async (page) => {
          await expectH1(expect, page, t.interviews.title);
          await expectStats(expect, page, [
            [t.interviews.coverage, iv.total.share === null ? t.common.none : f.percent(iv.total.share)],
            [t.interviews.overdue, f.int(iv.overdue_actions.overdue)],
            [t.interviews.mismatches, t.common.people(f.int(iv.mismatches.people_mismatched!))],
          ]);
          if (iv.coverage.length > 0) expect(await expectCharts(expect, page, 'interviews'), 'coverage by department').toBe(1);
          const departments = await read(sectionOf(page, t.interviews.mismatches).locator('tbody th'));
          for (const d of iv.mismatches.by_department) expectShown(expect, departments, ctx.department(d.name), `mismatches of ${d.name}`);
        });
      }, PAGE_TEST_TIMEOUT);

      it(`${lang} ${t.retention.title}: totals, by department, signals, by key position`, async ({ expect }) => {
        const { retention: rt } = artifacts;
        await audit(expect, at('retention/index.html'), lang, async (page) => {
          await expectH1(expect, page, t.retention.title);
          await expectStats(expect, page, [
            [t.retention.assessed, t.common.people(f.int(rt.total.assessed))],
            [t.retention.high, t.common.people(f.int(rt.total.high!))],
            [t.retention.medium, t.common.people(f.int(rt.total.medium!))],
          ]);
          const expected = (rt.by_department.length > 0 ? 1 : 0) + (rt.signals.length > 0 ? 1 : 0);
          expect(await expectCharts(expect, page, 'retention'), 'by department and signals').toBe(expected);
          // The exposed positions (incumbent at high or medium risk, or a high-risk candidate), most exposed first.
          const rank = { high: 0, medium: 1, low: 2, unknown: 3 } as const;
          const exposed = rt.by_position
            .filter((p) => p.incumbent_risk === 'high' || p.incumbent_risk === 'medium' || p.candidates_high > 0)
            .sort((a, b) => rank[a.incumbent_risk ?? 'unknown'] - rank[b.incumbent_risk ?? 'unknown'] || b.candidates_high - a.candidates_high || (a.position_id < b.position_id ? -1 : 1));
          expect(exposed.length, 'the sample has exposed key positions').toBeGreaterThan(0);
          const links = await read(sectionOf(page, t.retention.byPosition).locator('tbody a'));
          expect.soft(links.map((l) => l.href), 'each exposed key position linked, most exposed first').toEqual(exposed.slice(0, 100).map((p) => r.position(p.position_id)));
        });
      }, PAGE_TEST_TIMEOUT);

      it(`${lang} the division filter: each division's 9-box, retention and skill category pages, its own units only, the filter a select on the division`, async ({ expect }) => {
        const units = artifacts.retention.by_department;
        const divisions = filterDivisions(units);
        expect(divisions.length, 'the sample has divisions').toBeGreaterThan(1);
        // The division with the most units: the tree below it is on its pages.
        const division = [...divisions].sort((a, b) => inDivision(units, b.department_id).length - inDivision(units, a.department_id).length)[0]!;
        const name = ctx.department(division.name);
        const slug = idSlug(division.department_id);
        const mine = inDivision(units, division.department_id).map((u) => ctx.department(u.name));
        expect(mine.length, `${division.name} holds units`).toBeGreaterThan(1);
        const category = skillCategories(artifacts.skillMap)[0]!;
        const filterOn = async (page: Page) => {
          // With JavaScript the links became one select, on this division; the links stay, hidden.
          const select = page.locator('main nav.division-filter select');
          expect.soft(await select.count(), 'the filter as a select').toBe(1);
          expect.soft(await select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent), 'the select on the division').toBe(name);
          const options = await select.locator('option').allTextContents();
          expect.soft(options, 'the company, then each division').toEqual([t.common.wholeCompany, ...divisions.map((d) => ctx.department(d.name))]);
        };
        await audit(expect, at(`retention/division/${slug}/index.html`), lang, async (page) => {
          await expectH1(expect, page, t.common.divisionTitle(t.retention.title, name));
          await filterOn(page);
          // textContent: the table sits in the chart's closed <details>, where innerText is empty.
          const rows = await sectionOf(page, t.retention.byDepartment).locator('table tbody th').allTextContents();
          expect.soft(rows.map((x) => x.trim()), 'the division and the units below it, in tree order').toEqual(mine);
          const positions = await read(sectionOf(page, t.retention.byPosition).locator('tbody th a'));
          const theirs = new Set(artifacts.retention.by_position.filter((p) => p.division_id === division.department_id).map((p) => r.position(p.position_id)));
          for (const link of positions) expect.soft(theirs.has(link.href ?? ''), `${link.text}: a key position of ${division.name}`).toBe(true);
        });
        await audit(expect, at(`skills/division/${slug}/index.html`), lang, async (page) => {
          await expectH1(expect, page, t.common.divisionTitle(t.skills.title, name));
          await filterOn(page);
          // Its departments' gaps only, each linked to its gaps on the company's gap pages.
          const theirs = new Set(artifacts.skillMap.position_gaps.filter((d) => d.division_id === division.department_id).map((d) => ctx.department(d.name)));
          const gapRows = await read(sectionOf(page, t.skills.largestGaps).locator('tbody th a'));
          for (const row of gapRows) expect.soft(theirs.has(row.text), `${row.text}: a department of ${division.name}`).toBe(true);
          const categories = await read(sectionOf(page, t.skills.heatmaps).locator('a'));
          expect.soft(categories.map((l) => l.href), 'the division’s category pages').toEqual(skillCategories(artifacts.skillMap).map((c) => r.skillCategory(c.name, division.department_id)));
        });
        await audit(expect, at(`pools/division/${slug}/index.html`), lang, async (page) => {
          await expectH1(expect, page, t.common.divisionTitle(t.pools.title, name));
          await filterOn(page);
          const d = artifacts.talentPool.divisions.find((x) => x.department_id === division.department_id)!;
          await expectStats(expect, page, [[t.common.headcount, t.common.people(f.int(d.headcount))]]);
        });
        await audit(expect, at(`skills/categories/${idSlug(category.name)}/division/${slug}/index.html`), lang, async (page) => {
          await expectH1(expect, page, t.common.divisionTitle(t.skills.categoryTitle(ctx.category(category.name)), name));
          await filterOn(page);
          const rows = await page.locator('main figure table tbody th').allTextContents();
          const skillUnits = inDivision(artifacts.skillMap.departments, division.department_id).length;
          // One row per unit of the division in each of the category's charts.
          expect.soft(rows.length % skillUnits, 'rows of the division’s units only').toBe(0);
          expect.soft(rows.length, 'rows').toBeGreaterThan(0);
        });
        // Choosing the whole company in the select goes to the company's page.
        await auditSlot(async () => {
          const page = await withJs.newPage();
          try {
            await page.goto(server!.url(urlOf(at(`retention/division/${slug}/index.html`))), { waitUntil: 'load' });
            // Choosing alone stays on the page (WCAG 3.2.2); the button goes.
            await page.locator('main nav.division-filter select').selectOption({ label: t.common.wholeCompany });
            expect.soft(new URL(page.url()).pathname, 'still on the division after choosing').toBe(r.retention(division.department_id));
            await Promise.all([page.waitForURL((u) => u.pathname === r.retention()), page.locator('main nav.division-filter button.go').click()]);
            await expectH1(expect, page, t.retention.title);
          } finally {
            await page.close();
          }
        });
      }, PAGE_TEST_TIMEOUT);

      it(`${lang} ${t.quality.title}: rejects, sources, reasons, checks, runs`, async ({ expect }) => {
        const { quality, runs } = artifacts;
        await audit(expect, at('quality/index.html'), lang, async (page) => {
          await expectH1(expect, page, t.quality.title);
          await expectStats(expect, page, [[t.quality.rejectsTotal, f.int(quality.rejects_total)]]);
          const sources = await read(sectionOf(page, t.quality.sources).locator('tbody th'));
          for (const s of quality.sources) expectShown(expect, sources, s.source_file, `source ${s.source_file}`);
          const reasons = await read(sectionOf(page, t.quality.byFileReason).locator('tbody td'));
          for (const x of quality.by_file_reason) {
            expectShown(expect, reasons, ctx.text(x.reason), `reject reason "${x.reason.en}"`);
            // In the page's language: the Japanese page words every reason of the sample in Japanese.
            if (lang === 'ja') expect.soft(x.reason.ja, `a Japanese form of "${x.reason.en}"`).not.toBe(x.reason.en);
          }
          const checks = await read(sectionOf(page, t.quality.checks).locator('tbody th'));
          for (const c of quality.checks) expectShown(expect, checks, f.check(c.check, c.months), `check ${c.check}`);
          const runRows = await sectionOf(page, t.quality.runs).locator('tbody tr').count();
          expect.soft(runRows, 'a row per run in runs.json').toBe(runs?.runs.length ?? 0);
        });
      }, PAGE_TEST_TIMEOUT);

      it(`${lang} every position page: title, incumbent and risk, emergency cover, the rank-1 candidate, the score chart`, async ({ expect }) => {
        await Promise.all(
          artifacts.succession.positions.map((p) =>
            audit(expect, at(`succession/${positionSlug(p.position_id)}/index.html`), lang, async (page) => {
              await expectH1(expect, page, ctx.position(p));
              if (p.incumbent) {
                const dd = await read(sectionOf(page, t.succession.incumbent).locator('dd'));
                expectShown(expect, dd, f.person(p.incumbent), `${p.position_id}: incumbent`);
                expectShown(expect, dd, f.risk(p.incumbent.retention_risk), `${p.position_id}: incumbent's retention risk`);
              }
              const cover = await read(sectionOf(page, t.succession.emergencyCover).locator('dd, p'));
              expectShown(expect, cover, p.emergency_cover ? f.person(p.emergency_cover) : t.succession.emergencyNone, `${p.position_id}: emergency cover`);
              const top = topCandidate(p);
              if (!top) {
                expectShown(expect, await read(page.locator('main .empty')), t.succession.slateEmpty, `${p.position_id}: the empty-slate message`);
                return;
              }
              const firstRow = sectionOf(page, t.succession.slate).locator('table tbody tr').first().locator('th, td');
              const cells = await read(firstRow);
              expect.soft(cells.slice(0, 2), `${p.position_id}: rank 1 and their name in the slate's first row, visible`).toEqual([
                { text: '1', visible: true, href: null },
                { text: f.person(top), visible: true, href: null },
              ]);
              const name = await read(firstRow.nth(1).locator('a'));
              expect.soft(name, `${p.position_id}: the name links to the talent card`).toEqual([{ text: f.person(top), visible: true, href: r.person(top.employee_id) }]);
              // The answer first: the summary card names the candidate the status rests on.
              const answer = await read(page.locator('main .answer dd'));
              const best = p.status_rests_on;
              if (best) expectShown(expect, answer, `${f.person(best)} ${f.readiness(p.candidates.find((c) => c.rank === best.rank)!.readiness)}`, `${p.position_id}: the best successor in the summary`);
              expectShown(expect, answer, f.status(p.status), `${p.position_id}: the status in the summary`);
              expect.soft(await expectCharts(expect, page, p.position_id), `${p.position_id}: the score breakdown chart`).toBe(1);
            }),
          ),
        );
      }, PAGE_TEST_TIMEOUT);

      it(`${lang} ${t.chart.title}: every key position as a card in its unit, with incumbent, risk, status and successors by readiness`, async ({ expect }) => {
        const { succession } = artifacts;
        const tree = chartTree(succession);
        const pages = unitPages(tree);
        // The company's page draws every position when it fits; else each unit page draws its own positions.
        const files = pages.length === 0 ? [at('succession/chart/index.html')] : [at('succession/chart/index.html'), ...pages.map((u) => at(`succession/chart/${idSlug(u.department_id)}/index.html`))];
        const seen = new Map<string, string>();
        for (const file of files) {
          await audit(expect, file, lang, async (page) => {
            const cards = await page.locator('main article.kp-card').evaluateAll((articles) =>
              articles.map((a) => ({
                title: a.querySelector('.kp-title a')?.textContent?.trim() ?? '',
                href: a.querySelector('.kp-title a')?.getAttribute('href') ?? '',
                text: (a as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
                visible: (a as HTMLElement).checkVisibility(),
                unit: a.closest('li.org-unit')?.querySelector('.unit-name')?.childNodes[0]?.textContent?.trim() ?? null,
                groups: [...a.querySelectorAll('.chip-group')].map((g) => [...g.querySelectorAll('.chip a')].map((x) => ({ text: x.textContent?.trim() ?? '', href: x.getAttribute('href') }))),
              })),
            );
            for (const c of cards) seen.set(c.href, file);
            for (const p of succession.positions) {
              const card = cards.find((c) => c.href === r.position(p.position_id));
              if (!card) continue;
              expect.soft(card.visible, `${p.position_id}: card visible`).toBe(true);
              expect.soft(card.text, `${p.position_id}: status`).toContain(f.status(p.status));
              if (p.incumbent) expect.soft(card.text, `${p.position_id}: incumbent and risk`).toContain(`${f.person(p.incumbent)} ${t.succession.retentionRisk} ${f.risk(p.incumbent.retention_risk)}`);
              else expect.soft(card.text, `${p.position_id}: vacant`).toContain(t.chart.vacant);
              const chips = chipsByReadiness(p);
              expect.soft(card.groups, `${p.position_id}: successors by readiness, linked to their cards`).toEqual(
                (['ready_now', '1_2_years', '3_plus_years'] as const).map((k) => chips[k].map((c) => ({ text: f.person(c), href: r.person(c.employee_id) }))),
              );
              const unit = p.department_id === null ? null : succession.departments.find((d) => d.department_id === p.department_id);
              expect.soft(card.unit, `${p.position_id}: drawn under its department`).toBe(unit ? ctx.department(unit.name) : t.chart.unplaced);
            }
          });
        }
        expect.soft([...seen.keys()].sort(), 'every key position on the chart, once').toEqual(succession.positions.map((p) => r.position(p.position_id)).sort());
      }, PAGE_TEST_TIMEOUT);

      it(`${lang} talent cards: the profile, every slate with rank and readiness, the evaluations and skills`, async ({ expect }) => {
        const { people, succession } = artifacts;
        const slatesOf = (id: string) => succession.positions.flatMap((p) => p.candidates.filter((c) => c.employee_id === id).map((c) => ({ p, c })));
        // The busiest candidate, an incumbent, and someone only in the 9-box lists.
        const busiest = [...people.people].sort((a, b) => slatesOf(b.employee_id).length - slatesOf(a.employee_id).length)[0]!;
        const incumbent = people.people.find((x) => x.holds.length > 0);
        const poolOnly = people.people.find((x) => x.holds.length === 0 && slatesOf(x.employee_id).length === 0);
        const chosen = [...new Set([busiest, incumbent, poolOnly].filter((x) => x !== undefined))];
        await Promise.all(
          chosen.map((person) =>
            audit(expect, at(`people/${idSlug(person.employee_id)}/index.html`), lang, async (page) => {
              await expectH1(expect, page, t.people.title(f.person(person)));
              const profile = await read(sectionOf(page, t.people.profile).locator('dd'));
              expectShown(expect, profile, f.orDash(person.grade), `${person.employee_id}: grade`);
              const slates = await page.locator('main section[aria-labelledby="slates"] tbody tr').evaluateAll((trs) =>
                trs.map((tr) => [...(tr as HTMLTableRowElement).cells].slice(0, 3).map((c) => c.innerText.trim())),
              );
              // Best first: by readiness, then rank.
              const order = ['ready_now', '1_2_years', '3_plus_years'];
              const expected = slatesOf(person.employee_id).sort((a, b) => order.indexOf(a.c.readiness) - order.indexOf(b.c.readiness) || a.c.rank - b.c.rank || b.c.score - a.c.score);
              expect.soft(slates, `${person.employee_id}: every slate with rank and readiness, best first`).toEqual(expected.map(({ p, c }) => [ctx.position(p), f.int(c.rank), f.readiness(c.readiness)]));
              const periods = await read(sectionOf(page, t.people.evaluations).locator('tbody th'));
              expect.soft(periods.map((x) => x.text), `${person.employee_id}: evaluation periods`).toEqual(person.evaluations.map((e) => e.period));
            }),
          ),
        );
      }, PAGE_TEST_TIMEOUT);
    }
  });

  describe.concurrent('every kind of page on a 390 px phone: no console error, no serious axe violation, nothing wider than the screen', () => {
    for (const lang of LANGS) {
      const { t } = contextFor(lang);
      const at = (file: string) => fileIn(lang, file);
      it(`${lang}: overview, sections, chart, a position page and a talent card`, async ({ expect }) => {
        const position = artifacts.succession.positions.find((p) => p.candidates.length > 0)!;
        const person = artifacts.people.people.find((x) => x.holds.length > 0) ?? artifacts.people.people[0]!;
        const category = `skills/categories/${idSlug(skillCategories(artifacts.skillMap)[0]!.name)}/index.html`;
        const division = idSlug(filterDivisions(artifacts.retention.by_department)[0]!.department_id);
        const files = [
          'index.html', 'skills/index.html', category, 'skills/gaps/index.html', 'pools/index.html', 'succession/index.html', 'succession/chart/index.html', 'interviews/index.html', 'retention/index.html', 'quality/index.html',
          `succession/${positionSlug(position.position_id)}/index.html`, `people/${idSlug(person.employee_id)}/index.html`,
          `skills/division/${division}/index.html`, `pools/division/${division}/index.html`, `retention/division/${division}/index.html`, category.replace(/index\.html$/, `division/${division}/index.html`),
        ];
        await Promise.all(
          files.map((file) =>
            audit(
              expect,
              at(file),
              lang,
              async (page) => {
                // Wide tables scroll inside their frame; the page itself never scrolls sideways.
                const width = await page.evaluate(() => document.documentElement.scrollWidth);
                expect.soft(width, `${file}: page width at ${PHONE.width} px`).toBeLessThanOrEqual(PHONE.width);
                expect.soft((await read(page.locator('h1')))[0]?.visible, `${file}: the title`).toBe(true);
                if (file.startsWith('succession/') && file !== 'succession/index.html' && !file.includes('chart')) {
                  // The answer is on the first screen of a position page.
                  const box = await page.locator('main .answer').boundingBox();
                  expect.soft(box && box.y < PHONE.height, `${file}: the summary starts on the first screen (${box?.y})`).toBe(true);
                }
                // Charts keep legible text: none drawn smaller than 9 px (wide ones scroll in their frame instead).
                const smallest = await page.locator('main figure svg text').evaluateAll((texts) =>
                  texts.filter((x) => (x.textContent ?? '').trim() !== '').map((x) => x.getBoundingClientRect().height).filter((h) => h > 0).reduce((a, b) => Math.min(a, b), Infinity),
                );
                expect.soft(smallest, `${file}: the smallest chart text, px`).toBeGreaterThanOrEqual(9);
                // Names are never broken inside (製造本/部): a person's label is on one line.
                const broken = await page.locator('main .person').evaluateAll((els) => els.filter((e) => e.getClientRects().length > 1).map((e) => e.textContent));
                expect.soft(broken, `${file}: names broken across lines`).toEqual([]);
                void t;
              },
              PHONE,
            ),
          ),
        );
      }, PAGE_TEST_TIMEOUT);
    }
  });

  it('with JavaScript disabled, every section shows its charts, and no JavaScript-only control appears', async () => {
    const position = artifacts.succession.positions.find((p) => p.candidates.length > 0);
    expect(position, 'a position with candidates').toBeDefined();
    const pages: [file: string, minCharts: number][] = [
      // The overview has no chart (its figures are stat cards, checked here too); a chart it gains is checked.
      ['index.html', 0],
      [`skills/categories/${idSlug(skillCategories(artifacts.skillMap)[0]!.name)}/index.html`, 1],
      ['pools/index.html', 1],
      ['interviews/index.html', 1],
      ['retention/index.html', 1],
      // The division filter is links without JavaScript (a select only with it).
      [`retention/division/${idSlug(filterDivisions(artifacts.retention.by_department)[0]!.department_id)}/index.html`, 1],
      [`succession/${positionSlug(position!.position_id)}/index.html`, 1],
    ];
    for (const lang of LANGS) {
      const { t, f } = contextFor(lang);
      for (const [file, minCharts] of pages) {
        const page = await withoutJs.newPage();
        const where = fileIn(lang, file);
        try {
          const response = await page.goto(server!.url(urlOf(where)), { waitUntil: 'load' });
          expect(response?.status(), where).toBe(200);
          const charts = await expectCharts(expect, page, `${where} without JS`);
          expect(charts, `${where}: charts without JS`).toBeGreaterThanOrEqual(minCharts);
          if (file === 'index.html') await expectStats(expect, page, [[t.overview.headcount, t.common.people(f.int(artifacts.overview.headcount))]]);
          // The table alternative opens without JS (<details>).
          if (charts > 0) expectShown(expect, await read(page.locator('main figure summary').first()), t.common.tableAlternative, `${where}: table alternative`);
          expect(await page.locator('button, select').count(), `${where}: no JavaScript-only control`).toBe(0);
          if (file.includes('/division/')) {
            const links = await read(page.locator('main nav.division-filter a'));
            expect(links.length, `${where}: a link to the company and to each division`).toBe(filterDivisions(artifacts.retention.by_department).length + 1);
            expect(links.every((l) => l.visible), `${where}: the links shown`).toBe(true);
          }
        } finally {
          await page.close();
        }
      }
    }
  }, PAGE_TEST_TIMEOUT);

  it('with JavaScript, tables sort and download as formula-safe CSV', async () => {
    const page = await withJs.newPage();
    try {
      const { t, f } = contextFor('en');
      await page.goto(server!.url('en/quality/'), { waitUntil: 'load' });
      const sources = sectionOf(page, t.quality.sources);
      const rowsColumn = () => sources.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLTableRowElement).cells[2]!.textContent!.trim()));
      const ascending = [...artifacts.quality.sources].map((s) => s.rows).sort((a, b) => a - b).map((n) => f.int(n));
      if (ascending.length >= 4) {
        await sources.locator('thead th', { hasText: t.quality.rows }).locator('button').click();
        expect(await rowsColumn(), 'sorted by rows, ascending').toEqual(ascending);
        await sources.locator('thead th', { hasText: t.quality.rows }).locator('button').click();
        expect(await rowsColumn(), 'then descending').toEqual([...ascending].reverse());
        expect(await sources.locator('thead th[aria-sort="descending"]').count()).toBe(1);
      }
      const [download] = await Promise.all([page.waitForEvent('download'), sources.locator('.table-tools button').click()]);
      // <page>-<table>.csv, the figures as plain numbers (1234, not 1,234).
      expect(download.suggestedFilename()).toBe('en-quality-sources.csv');
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv.split('\r\n')[0]).toBe(`\uFEFF${[t.quality.sourceFile, t.quality.kind, t.quality.rows, t.quality.loaded, t.quality.rejected].join(',')}`);
      const lines = csv.split('\r\n').slice(1);
      for (const s of artifacts.quality.sources) {
        expect(lines.find((l) => l.startsWith(`${s.source_file},`)), s.source_file).toMatch(new RegExp(`,${s.rows},${s.loaded},${s.rejected}$`));
      }

    } finally {
      await page.close();
    }
  }, 30_000);

  it('leaves no column header empty, in sections open or closed, and downloads a closed section\'s table with its headers', async () => {
    const page = await withJs.newPage();
    try {
      const empty: string[] = [];
      let closedTables = 0;
      // Every page but the talent cards, which share one template: a few of those (one per language at least).
      // Of the division pages, which share the templates of their sections, those of the first division.
      const cards = site!.files.filter((f) => /(^|\/)people\//.test(f));
      const first = filterDivisions(artifacts.skillMap.departments)[0];
      const otherDivisions = site!.files.filter((f) => f.includes('/division/') && (!first || !f.includes(`/division/${idSlug(first.department_id)}/`)));
      const files = [
        ...site!.files.filter((f) => f.endsWith('.html') && !cards.includes(f) && !otherDivisions.includes(f)),
        ...cards.filter((f) => f.startsWith('people/')).slice(0, 3),
        ...cards.filter((f) => f.startsWith('en/people/')).slice(0, 3),
      ];
      for (const file of files) {
        await page.goto(server!.url(file.replace(/index\.html$/, '')), { waitUntil: 'load' });
        // Read with the <details> as the page opens them (most closed), then all opened.
        for (const open of [false, true]) {
          if (open) await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
          const cells = await page.evaluate(() =>
            [...document.querySelectorAll('thead th')].map((th) => ({ text: (th.textContent ?? '').trim(), closed: th.closest('details:not([open])') !== null })),
          );
          if (!open) closedTables += cells.filter((c) => c.closed).length;
          for (const c of cells) if (c.text === '') empty.push(`${file}${open ? ' (opened)' : ''}`);
        }
      }
      expect(empty, 'pages with an empty column header').toEqual([]);
      expect(closedTables, 'headers inside closed sections were read').toBeGreaterThan(0);
      // A table in a section that was closed when the page loaded, downloaded after opening it.
      await page.goto(server!.url('pools/'), { waitUntil: 'load' });
      const details = page.locator('main details:has(table[data-csv])').first();
      if ((await details.count()) > 0) {
        await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
        const [download] = await Promise.all([page.waitForEvent('download'), details.locator('.table-tools button').first().click()]);
        const header = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').split('\r\n')[0]!;
        expect(header.split(',').every((h) => h.trim() !== ''), header).toBe(true);
      }
    } finally {
      await page.close();
    }
  }, PAGE_TEST_TIMEOUT);

  it('prints on A4 without the navigation, the language switch or the back link', async () => {
    const page = await withJs.newPage();
    try {
      const position = artifacts.succession.positions[0]!;
      await page.goto(server!.url(`succession/${positionSlug(position.position_id)}/`), { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => ({
        hidden: ['.site-nav', '.lang-switch', '.back', '.table-tools'].map((sel) => [...document.querySelectorAll(sel)].every((e) => getComputedStyle(e).display === 'none')),
        backLinks: document.querySelectorAll('.back').length,
        pageSize: [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]).filter((rule) => rule instanceof CSSPageRule).map((rule) => (rule as CSSPageRule).style.getPropertyValue('size')),
      }));
      expect(printed.backLinks).toBe(1);
      expect(printed.hidden).toEqual([true, true, true, true]);
      expect(printed.pageSize.map((s) => s.toUpperCase())).toEqual(['A4']);
    } finally {
      await page.close();
    }
  }, 30_000);

  it('gives browsers an icon: every page declares one, or /favicon.ico exists (else every visit logs a 404 console error)', async () => {
    const pages = site!.files.filter((f) => f.endsWith('.html'));
    const withoutIcon: string[] = [];
    for (const file of pages) {
      if (!/<link\b[^>]*\brel=["']?[^"'>]*\bicon\b/i.test(await site!.read(file))) withoutIcon.push(file);
    }
    if (withoutIcon.length === 0) return;
    const response = await fetch(server!.url('favicon.ico'), { method: 'HEAD' });
    expect(
      response.status,
      `GET /favicon.ico → ${response.status}: Chromium asks for it on every site whose pages declare no <link rel="icon"> ` +
        `and logs "Failed to load resource: … 404 (Not Found)" as a console error. Pages without one: ${withoutIcon.join(', ')}`,
    ).toBe(200);
  }, PAGE_TEST_TIMEOUT);

  for (const lang of LANGS) {
    it(`the ${lang} overview weighs at most ${OVERVIEW_BUDGET / 1024} KB with everything it loads, its script included`, async () => {
      const page = await withJs.newPage();
      const responses: Response[] = [];
      page.on('response', (r) => responses.push(r));
      try {
        await page.goto(server!.url(lang === 'ja' ? '' : `${lang}/`), { waitUntil: 'networkidle' });
        const sizes: { url: string; status: number; type: string; bytes: number }[] = [];
        for (const r of responses) {
          if (r.status() >= 300 && r.status() < 400) continue; // a redirect has no body
          sizes.push({ url: r.url(), status: r.status(), type: r.request().resourceType(), bytes: (await r.body()).length });
        }
        const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
        console.log(
          `${lang} overview page weight: ${total} bytes (${(total / 1024).toFixed(1)} KB) in ${sizes.length} response(s), budget ${OVERVIEW_BUDGET / 1024} KB\n` +
            sizes.map((s) => `  ${s.bytes} B  ${s.type} ${s.status}  ${s.url}`).join('\n'),
        );
        expect(sizes.some((s) => s.type === 'document')).toBe(true);
        expect(sizes.some((s) => s.type === 'script'), 'the optional script is loaded (and counted)').toBe(true);
        expect(total).toBeGreaterThanOrEqual((await stat(path.join(site!.outDir, fileIn(lang, 'index.html')))).size);
        expect(total).toBeLessThanOrEqual(OVERVIEW_BUDGET);
      } finally {
        await page.close();
      }
    }, PAGE_TEST_TIMEOUT);
  }
});

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────────────

/** `succession/KP-001/index.html` → `succession/KP-001/`; `index.html` → ``. */
function urlOf(file: string): string {
  return file.replace(/(^|\/)index\.html$/, '$1');
}

/** `succession/KP-001/index.html` → `succession-KP-001`; `index.html` → `index`. */
function screenshotName(file: string): string {
  return file === 'index.html' ? 'index' : file.replace(/\/index\.html$/, '').replaceAll('/', '-');
}

function topCandidate(p: Succession['positions'][number]) {
  return [...p.candidates].sort((a, b) => a.rank - b.rank)[0];
}

/** A FIFO semaphore: the page tests run side by side, but only `n` pages are open at a time. */
function limiter(n: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
const auditSlot = limiter(AUDITS_AT_ONCE);

/**
 * Opens one page of the build with JavaScript on, records console errors, page errors, failed requests,
 * responses ≥ 400 and requests leaving the local server; runs `checkFacts`; runs axe-core; saves a full-page
 * screenshot. Problems are soft assertions, so one run reports every page's problems.
 */
function audit(expect: ExpectStatic, file: string, lang: Lang, checkFacts: (page: Page) => Promise<void>, viewport = DESKTOP): Promise<void> {
  return auditSlot(async () => {
    const page = await withJs.newPage();
    if (viewport !== DESKTOP) await page.setViewportSize(viewport);
    const problems: string[] = [];
    // The browser's own /favicon.ico request is left to the favicon test: Chromium sends it once per context,
    // after load, so which page would see its 404 depends on timing.
    const favicon = server!.url('favicon.ico');
    page.on('console', (m) => {
      if (m.type() === 'error' && m.location().url !== favicon) problems.push(`console error: ${m.text()}${m.location().url ? ` (${m.location().url})` : ''}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.method()} ${r.url()} — ${r.failure()?.errorText ?? 'unknown'}`));
    page.on('response', (r) => {
      if (r.status() >= 400 && r.url() !== favicon) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
    });
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(`${server!.origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`request outside the local server: ${url}`);
    });
    try {
      const response = await page.goto(server!.url(urlOf(file)), { waitUntil: 'load' });
      expect(response?.status(), `${file}: HTTP status`).toBe(200);
      expect(response?.headers()['content-type'], `${file}: content type`).toBe('text/html; charset=utf-8');
      expect.soft(await page.locator('html').getAttribute('lang'), `${file}: <html lang>`).toBe(lang);

      await checkFacts(page);

      const violations = await runAxe(page);
      if (violations.length > 0) console.log(`axe on ${file}:\n${formatViolations(violations)}`);
      const blocking = violations.filter((v) => BLOCKING_IMPACTS.has(v.impact ?? ''));
      expect
        .soft(
          blocking.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
          `${file}: serious or critical axe violations\n${formatViolations(blocking)}`,
        )
        .toEqual([]);

      await page.screenshot({ path: path.join(SCREENSHOTS, `${screenshotName(file)}${viewport === DESKTOP ? '' : `-${viewport.width}`}.png`), fullPage: true, timeout: ACTION_TIMEOUT });
      expect.soft(problems, `${file}: console errors and failed requests`).toEqual([]);
    } finally {
      await page.close();
    }
  });
}

async function runAxe(page: Page): Promise<AxeResults['violations']> {
  await page.addScriptTag({ content: AXE_SOURCE });
  // This function runs in the page: it reaches axe through window, not through this module's import.
  // Violations only: collecting passes and incomplete results would double the time for nothing.
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: { resultTypes: string[] }): Promise<AxeResults> } }).axe.run(document, { resultTypes: ['violations'] }),
  );
  return results.violations;
}

function formatViolations(violations: AxeResults['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 10)
        .map((n) => `      ${n.target.join(' ')}\n        ${(n.failureSummary ?? '').replaceAll('\n', '\n        ')}`)
        .join('\n');
      const more = v.nodes.length > 10 ? `\n      … and ${v.nodes.length - 10} more` : '';
      return `  [${v.impact ?? 'no impact'}] ${v.id}: ${v.help} (${v.nodes.length} node(s)) ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

interface Shown {
  /** innerText (textContent for SVG), trimmed. */
  text: string;
  /** Rendered with a size, not hidden by CSS, not inside a closed <details>. */
  visible: boolean;
  href: string | null;
}

/** Every element the locator matches, read in one round trip. */
function read(locator: Locator): Promise<Shown[]> {
  return locator.evaluateAll((elements) =>
    elements.map((e) => {
      const box = e.getBoundingClientRect();
      return {
        text: ((e as HTMLElement).innerText ?? e.textContent ?? '').trim(),
        visible: box.width > 0 && box.height > 0 && e.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
        href: e.getAttribute('href'),
      };
    }),
  );
}

/** Some element among `elements` has exactly `text` and is visible. */
function expectShown(expect: ExpectStatic, elements: Shown[], text: string, what: string): void {
  const matches = elements.filter((e) => e.text === text);
  expect.soft(matches.length, `${what}: "${text}" on the page (found: ${JSON.stringify(elements.map((e) => e.text).slice(0, 20))})`).toBeGreaterThan(0);
  if (matches.length > 0) expect.soft(matches.some((e) => e.visible), `${what}: visible`).toBe(true);
}

/** The `<section>` whose `<h2>` says `heading`. */
function sectionOf(page: Page, heading: string): Locator {
  const exact = new RegExp(`^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.locator('main section').filter({ has: page.locator('h2', { hasText: exact }) });
}

async function expectH1(expect: ExpectStatic, page: Page, title: string): Promise<void> {
  const h1 = await read(page.locator('h1'));
  expect.soft(h1, 'one visible h1 with the page title').toEqual([{ text: title, visible: true, href: null }]);
}

/** Stat cards (`<div class="stat"><dt>label</dt><dd class="stat-value">value</dd>…`): each visible, with its value. */
async function expectStats(expect: ExpectStatic, page: Page, expected: [label: string, value: string][]): Promise<void> {
  const cards = await page.locator('main .stat').evaluateAll((stats) =>
    stats.map((s) => {
      const value = s.querySelector<HTMLElement>('.stat-value');
      return {
        label: s.querySelector<HTMLElement>('dt')?.innerText.trim() ?? '',
        value: value?.innerText.trim() ?? '',
        visible: value !== null && value.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && value.getBoundingClientRect().height > 0,
      };
    }),
  );
  for (const [label, value] of expected) {
    expect.soft(cards.filter((c) => c.label === label), `stat card "${label}"`).toEqual([{ label, value, visible: true }]);
  }
}

/** Every `<figure>` in main holds one visible, sized `<svg>` that draws something; returns how many there are. */
async function expectCharts(expect: ExpectStatic, page: Page, what: string): Promise<number> {
  const figures = await page.locator('main figure').evaluateAll((elements) =>
    elements.map((f) => {
      const svgs = f.querySelectorAll('svg');
      const svg = svgs[0];
      const box = svg?.getBoundingClientRect();
      return {
        id: f.id,
        svgs: svgs.length,
        visible: svg !== undefined && svg.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
        width: Math.round(box?.width ?? 0),
        height: Math.round(box?.height ?? 0),
        marks: svg?.querySelectorAll('rect, path, text').length ?? 0,
      };
    }),
  );
  for (const f of figures) {
    expect.soft(f.svgs, `${what}: figure #${f.id} has an <svg>`).toBeGreaterThanOrEqual(1);
    expect.soft(f.visible, `${what}: figure #${f.id}'s <svg> is visible`).toBe(true);
    expect.soft(f.width > 50 && f.height > 50, `${what}: figure #${f.id}'s <svg> has a size (${f.width}×${f.height})`).toBe(true);
    expect.soft(f.marks, `${what}: figure #${f.id}'s <svg> draws something`).toBeGreaterThan(0);
  }
  return figures.length;
}
