/**
 * The built dashboard in a real browser (Debian's Chromium through playwright-core), on REAL batch output:
 * the sample company through the whole pipeline, the real Astro build, served over HTTP on 127.0.0.1.
 *
 * Every HTML page of the build is opened and must load without a console error, a page error or a failed
 * request; its key facts (read from the artifacts) must be visible; axe-core must find no serious or
 * critical violation; a full-page screenshot goes to tests/browser/screenshots/ (git-ignored). With
 * JavaScript disabled the charts must still be there (they are SVG rendered at build time), and the overview
 * must stay light.
 *
 * Without /usr/bin/chromium the suite is skipped on a developer machine, and fails in CI (CI installs it).
 *
 * Runtime: axe's colour-contrast rule and full-page screenshots are CPU-bound, so the page tests run side by
 * side (AUDITS_AT_ONCE pages open at a time) and read the DOM in one round trip per check (`read()`), never
 * with role queries, which recompute ARIA roles over the whole page (seconds on the skill map's DOM).
 */
import axe from 'axe-core';
import type { AxeResults } from 'axe-core';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { memoryLogger } from '../../batch/log.ts';
import { runBatch } from '../../batch/pipeline.ts';
import { Overview, Quality, SkillMap, Succession, TalentPool } from '../../schemas/artifacts.ts';
import { formatCount, formatDate, formatInt, formatPercent, personLabel } from '../../site/lib/format.ts';
import { t } from '../../site/lib/labels.ts';
import { positionSlug } from '../../site/lib/routes.ts';
import { tempDir } from '../helpers/tmp.ts';
import { buildSite, type BuiltSite } from '../site/build-site.ts';
import { CHROMIUM_PATH, chromiumInstalled, launchChromium } from './chromium.ts';
import { serveStatic, type StaticServer } from './serve.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
/** The overview's HTML plus everything it loads, in bytes. */
const OVERVIEW_BUDGET = 150 * 1024;
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);
/** Pages audited at the same time (CI has 2 cores; a third page keeps them busy while Node waits). */
const AUDITS_AT_ONCE = 3;
/** Alone on 2 idle cores the longest page test takes about 30 s; leave room for a loaded machine. */
const PAGE_TEST_TIMEOUT = 60_000;

const SKIP = !chromiumInstalled() && !process.env.CI;
if (SKIP) {
  console.warn(`browser tests skipped: ${CHROMIUM_PATH} not found (install Debian's chromium: apt-get install chromium). In CI they run, and fail without it.`);
}

interface Artifacts {
  overview: Overview;
  skillMap: SkillMap;
  talentPool: TalentPool;
  succession: Succession;
  quality: Quality;
}

let batchDir: string | undefined;
let artifacts: Artifacts;
let site: BuiltSite | undefined;
let server: StaticServer | undefined;
let browser: Browser | undefined;
/** JavaScript on (axe is injected as a script); the site itself ships none. */
let withJs: BrowserContext;
let withoutJs: BrowserContext;

describe.skipIf(SKIP)(SKIP ? `the built dashboard in Chromium — SKIPPED: ${CHROMIUM_PATH} not found` : 'the built dashboard in Chromium', () => {
  beforeAll(async () => {
    if (!chromiumInstalled()) throw new Error(`${CHROMIUM_PATH} not found: CI must install Debian's chromium (.ci/run does apt-get install chromium)`);
    batchDir = await tempDir('browser');
    const run = await runBatch({ configPath: 'talent-atlas.config.yaml', outDir: batchDir, log: memoryLogger() });
    const json = async (name: string): Promise<unknown> => JSON.parse(await readFile(path.join(run.artifactsDir, name), 'utf8'));
    artifacts = {
      overview: Overview.parse(await json('overview.json')),
      skillMap: SkillMap.parse(await json('skill_map.json')),
      talentPool: TalentPool.parse(await json('talent_pool.json')),
      succession: Succession.parse(await json('succession.json')),
      quality: Quality.parse(await json('quality.json')),
    };
    site = await buildSite({ artifactsDir: run.artifactsDir, timeoutMs: 40_000 });
    server = await serveStatic(site.outDir);
    browser = await launchChromium();
    const options = { viewport: { width: 1280, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', serviceWorkers: 'block' as const };
    withJs = await browser.newContext(options);
    withoutJs = await browser.newContext({ ...options, javaScriptEnabled: false });
    for (const context of [withJs, withoutJs]) {
      context.setDefaultTimeout(10_000);
      context.setDefaultNavigationTimeout(15_000);
    }
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.cleanup();
    if (batchDir) await rm(batchDir, { recursive: true, force: true });
  }, 15_000);

  it('builds exactly the five section pages and one page per key position (so the tests below cover every page)', () => {
    const expected = [
      'index.html',
      'pools/index.html',
      'quality/index.html',
      'skills/index.html',
      'succession/index.html',
      ...artifacts.succession.positions.map((p) => `succession/${positionSlug(p.position_id)}/index.html`),
    ].sort();
    expect(artifacts.succession.positions.length).toBeGreaterThan(0);
    expect(site!.files.filter((f) => f.endsWith('.html')).sort()).toEqual(expected);
  }, 5_000);

  // Side by side, each test with its own `expect` (soft assertions of concurrent tests must use it).
  describe.concurrent('every page: no console error or failed request, its key facts visible, no serious axe violation, a screenshot', () => {
    it('概要 (/): headcount and the other figures, positions without a ready-now successor', async ({ expect }) => {
      const { overview } = artifacts;
      const L = t.overview;
      await audit(expect, 'index.html', async (page) => {
        await expectH1(expect, page, L.title);
        expectShown(expect, await read(page.locator('main .lead')), L.lead(overview.company, formatDate(overview.as_of)), 'the lead (company, as-of date)');
        await expectStats(expect, page, [
          [L.headcount, t.common.people(formatInt(overview.headcount))],
          [L.departments, formatInt(overview.departments)],
          [L.keyPositions, formatInt(overview.key_positions)],
          [L.coverage, overview.coverage === null ? t.common.none : formatPercent(overview.coverage)],
          [L.rejects, formatInt(overview.rejects)],
        ]);
        const links = await read(sectionOf(page, L.withoutReadyNow).locator('a'));
        expect.soft(links.map((l) => l.text), 'positions without a ready-now successor').toEqual(overview.positions_without_ready_now.map((p) => p.title));
        for (const p of overview.positions_without_ready_now) {
          const link = links.find((l) => l.text === p.title);
          expect.soft(link, `${p.position_id}: link shown`).toMatchObject({ visible: true, href: `/succession/${positionSlug(p.position_id)}/` });
        }
        const notices = await read(page.locator('main .notices li'));
        for (const n of overview.notices) expectShown(expect, notices, n.message, `notice "${n.message}"`);
      });
    }, PAGE_TEST_TIMEOUT);

    it('スキルマップ (/skills/): a heading and a heatmap <svg> per skill category', async ({ expect }) => {
      const { skillMap } = artifacts;
      await audit(expect, 'skills/index.html', async (page) => {
        await expectH1(expect, page, t.skills.title);
        const categories = [...new Set(skillMap.skills.map((s) => s.category))];
        expect(categories.length, 'skill categories in skill_map.json').toBeGreaterThan(0);
        const headings = await read(page.locator('main h2'));
        for (const category of categories) expectShown(expect, headings, category, `category heading ${category}`);
        const charts = await expectCharts(expect, page, 'skills');
        expect(charts, 'a heatmap per category (large ones split)').toBeGreaterThanOrEqual(categories.length);
      });
    }, PAGE_TEST_TIMEOUT);

    it('タレントプール (/pools/): the 9-box with every label and count', async ({ expect }) => {
      const { talentPool: pool } = artifacts;
      await audit(expect, 'pools/index.html', async (page) => {
        await expectH1(expect, page, t.pools.title);
        await expectStats(expect, page, [
          [t.pools.rated, t.common.people(formatInt(pool.rated))],
          [t.pools.unrated, t.common.people(formatInt(pool.unrated))],
        ]);
        expect(await expectCharts(expect, page, 'pools'), 'one figure: the 9-box').toBe(1);
        const svg = page.locator('main figure svg').first();
        const texts = (await read(svg.locator('text'))).filter((x) => x.visible).map((x) => x.text);
        expect(pool.cells).toHaveLength(9);
        for (const cell of pool.cells) {
          expect.soft(texts, `9-box label of box ${cell.box}`).toContain(cell.label);
          expect.soft(texts, `9-box count of box ${cell.box}`).toContain(formatCount(cell.count));
        }
        expect.soft(await svg.locator('rect').count(), 'a cell per box').toBeGreaterThanOrEqual(9);
      });
    }, PAGE_TEST_TIMEOUT);

    it('データ品質 (/quality/): total rejects, every source file and reject reason', async ({ expect }) => {
      const { quality } = artifacts;
      await audit(expect, 'quality/index.html', async (page) => {
        await expectH1(expect, page, t.quality.title);
        await expectStats(expect, page, [[t.quality.rejectsTotal, formatInt(quality.rejects_total)]]);
        const sources = await read(sectionOf(page, t.quality.sources).locator('tbody th'));
        for (const s of quality.sources) expectShown(expect, sources, s.source_file, `source ${s.source_file}`);
        const reasons = await read(sectionOf(page, t.quality.byFileReason).locator('tbody td'));
        for (const r of quality.by_file_reason) expectShown(expect, reasons, r.reason, `reject reason "${r.reason}"`);
      });
    }, PAGE_TEST_TIMEOUT);

    it('後継者計画 (/succession/): every position linked, with its top candidate', async ({ expect }) => {
      const { succession } = artifacts;
      await audit(expect, 'succession/index.html', async (page) => {
        await expectH1(expect, page, t.succession.title);
        const rows = await page.locator('main table', { has: page.locator('caption', { hasText: t.succession.tableCaption }) }).locator('tbody tr').evaluateAll((trs) =>
          trs.map((tr) => {
            const a = tr.querySelector('a');
            const cells = [...tr.querySelectorAll('th, td')].map((c) => (c as HTMLElement).innerText.trim());
            return { title: a?.textContent?.trim() ?? '', href: a?.getAttribute('href') ?? null, visible: a !== null && a.checkVisibility() && a.getBoundingClientRect().width > 0, cells };
          }),
        );
        expect.soft(rows.map((r) => r.title), 'one row per position, in order').toEqual(succession.positions.map((p) => p.title));
        for (const p of succession.positions) {
          const row = rows.find((r) => r.title === p.title);
          expect.soft(row, `${p.position_id}: row`).toMatchObject({ visible: true, href: `/succession/${positionSlug(p.position_id)}/` });
          const top = topCandidate(p);
          expect.soft(row?.cells, `${p.position_id}: top candidate in its row`).toContain(top ? personLabel(top) : t.succession.noCandidates);
        }
      });
    }, PAGE_TEST_TIMEOUT);

    it('every position page (/succession/<id>/): title, incumbent, the rank-1 candidate, the score chart', async ({ expect }) => {
      await Promise.all(
        artifacts.succession.positions.map((p) =>
          audit(expect, `succession/${positionSlug(p.position_id)}/index.html`, async (page) => {
            await expectH1(expect, page, p.title);
            if (p.incumbent) {
              expectShown(expect, await read(sectionOf(page, t.succession.incumbent).locator('dd')), personLabel(p.incumbent), `${p.position_id}: incumbent`);
            }
            const top = topCandidate(p);
            if (!top) {
              expectShown(expect, await read(page.locator('main .empty')), t.succession.slateEmpty, `${p.position_id}: the empty-slate message`);
              return;
            }
            const firstRow = sectionOf(page, t.succession.slate).locator('table tbody tr').first().locator('th, td');
            const cells = await read(firstRow);
            expect.soft(cells.slice(0, 2), `${p.position_id}: rank 1 and their name in the slate's first row, visible`).toEqual([
              { text: '1', visible: true, href: null },
              { text: personLabel(top), visible: true, href: null },
            ]);
            expect.soft(await expectCharts(expect, page, p.position_id), `${p.position_id}: the score breakdown chart`).toBe(1);
          }),
        ),
      );
    }, PAGE_TEST_TIMEOUT);
  });

  it('with JavaScript disabled, the charts are there and visible (SVG rendered at build time)', async () => {
    const position = artifacts.succession.positions.find((p) => p.candidates.length > 0);
    expect(position, 'a position with candidates').toBeDefined();
    const pages: [file: string, minCharts: number][] = [
      // The overview has no chart (its figures are stat cards, checked here too); a chart it gains is checked.
      ['index.html', 0],
      ['skills/index.html', 1],
      ['pools/index.html', 1],
      [`succession/${positionSlug(position!.position_id)}/index.html`, 1],
    ];
    for (const [file, minCharts] of pages) {
      const page = await withoutJs.newPage();
      try {
        const response = await page.goto(server!.url(urlOf(file)), { waitUntil: 'load' });
        expect(response?.status(), file).toBe(200);
        const charts = await expectCharts(expect, page, `${file} without JS`);
        expect(charts, `${file}: charts without JS`).toBeGreaterThanOrEqual(minCharts);
        if (file === 'index.html') await expectStats(expect, page, [[t.overview.headcount, t.common.people(formatInt(artifacts.overview.headcount))]]);
        // The table alternative opens without JS (<details>).
        if (charts > 0) expectShown(expect, await read(page.locator('main figure summary').first()), t.common.tableAlternative, `${file}: table alternative`);
      } finally {
        await page.close();
      }
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
  }, 10_000);

  it(`the overview weighs at most ${OVERVIEW_BUDGET / 1024} KB with everything it loads`, async () => {
    const page = await withJs.newPage();
    const responses: Response[] = [];
    page.on('response', (r) => responses.push(r));
    try {
      await page.goto(server!.url(''), { waitUntil: 'networkidle' });
      const sizes: { url: string; status: number; type: string; bytes: number }[] = [];
      for (const r of responses) {
        if (r.status() >= 300 && r.status() < 400) continue; // a redirect has no body
        sizes.push({ url: r.url(), status: r.status(), type: r.request().resourceType(), bytes: (await r.body()).length });
      }
      const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
      console.log(
        `overview page weight: ${total} bytes (${(total / 1024).toFixed(1)} KB) in ${sizes.length} response(s), budget ${OVERVIEW_BUDGET / 1024} KB\n` +
          sizes.map((s) => `  ${s.bytes} B  ${s.type} ${s.status}  ${s.url}`).join('\n'),
      );
      expect(sizes.some((s) => s.type === 'document')).toBe(true);
      expect(total).toBeGreaterThanOrEqual((await stat(path.join(site!.outDir, 'index.html'))).size);
      expect(total).toBeLessThanOrEqual(OVERVIEW_BUDGET);
    } finally {
      await page.close();
    }
  }, 15_000);
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
function audit(expect: ExpectStatic, file: string, checkFacts: (page: Page) => Promise<void>): Promise<void> {
  return auditSlot(async () => {
    const page = await withJs.newPage();
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

      await page.screenshot({ path: path.join(SCREENSHOTS, `${screenshotName(file)}.png`), fullPage: true, timeout: 20_000 });
      expect.soft(problems, `${file}: console errors and failed requests`).toEqual([]);
    } finally {
      await page.close();
    }
  });
}

async function runAxe(page: Page): Promise<AxeResults['violations']> {
  await page.addScriptTag({ content: axe.source });
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
