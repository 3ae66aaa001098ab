/**
 * Lighthouse (mobile defaults: a mid-range phone, 4× CPU slowdown, slow 4G) on one page of every kind of a
 * built site, in Debian's Chromium: performance and accessibility scores, first paint and blocking time,
 * and the accessibility audits that fail. Not part of `npm test` — scores depend on the machine — but the
 * way the README's figures are measured:
 *
 *   npm run build && npm run lighthouse                      # dist/
 *   npm run lighthouse -- --dist .cache/bench/site-100000    # the bench's 100k site
 *
 * Lighthouse is fetched by npx (pinned: 12.2.3 runs on this Node and Chromium), not a dependency of the
 * project: it is a measuring tool, as heavy as the rest of the project together.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { serveStatic } from '../tests/browser/serve.ts';

const LIGHTHOUSE = 'lighthouse@12.2.3';
const CHROMIUM = '/usr/bin/chromium';
const run = promisify(execFile);

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, page: { type: 'string', multiple: true } } });
const dist = values.dist!;
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`${dist}/index.html not found: build the site first (npm run build), or pass --dist <folder of a built site>`);
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium)`);
  process.exit(2);
}

/** The first page (in sort order) under a folder of dist/, as a URL path; null when there is none. */
function firstPageUnder(folder: string): string | null {
  const dir = join(dist, folder);
  if (!existsSync(dir)) return null;
  const sub = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'index.html'))).map((e) => e.name).sort();
  return sub.length ? `${folder}${sub[0]}/` : null;
}

const kinds = ['', 'skills/', 'pools/', 'succession/', 'succession/chart/', 'interviews/', 'retention/', 'quality/', 'en/'];
const pages = values.page ?? [
  ...kinds.filter((p) => existsSync(join(dist, p, 'index.html'))),
  ...[
    firstPageUnder('skills/categories/'),
    'skills/gaps/',
    firstPageUnder('succession/chart/'),
    firstPageUnder('people/'),
    // The division pages: a skill map, a 9-box, a retention page and a skill category's.
    firstPageUnder('skills/division/'),
    firstPageUnder('pools/division/'),
    firstPageUnder('retention/division/'),
    firstPageUnder(`${firstPageUnder('skills/categories/') ?? 'skills/categories/-/'}division/`),
  ].filter((p): p is string => p !== null && existsSync(join(dist, p, 'index.html'))),
  // A position page: the first folder of succession/ that is neither the chart nor the list's pages.
  ...(readdirSync(join(dist, 'succession'), { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'chart' && e.name !== 'pages').map((e) => `succession/${e.name}/`).sort().slice(0, 1)),
];

interface Row {
  page: string;
  performance: number | null;
  accessibility: number | null;
  fcp: string;
  tbt: string;
  failing: string[];
}

// The server runs in this process, so Lighthouse must be awaited, never run synchronously (it would block it).
const server = await serveStatic(dist);
const work = mkdtempSync(join(tmpdir(), 'talent-atlas-lighthouse-'));
const rows: Row[] = [];
try {
  for (const page of pages) {
    const out = join(work, 'report.json');
    process.stderr.write(`lighthouse ${page || '/'} …\n`);
    await run(
      'npx',
      ['-y', LIGHTHOUSE, server.url(page), '--quiet', '--output=json', `--output-path=${out}`, '--only-categories=performance,accessibility', '--chrome-flags=--headless=new --no-sandbox --disable-gpu'],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout: 300_000 },
    );
    type Audit = { id: string; score: number | null; displayValue?: string };
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      categories: Record<'performance' | 'accessibility', { score: number | null; auditRefs: { id: string; weight: number }[] }>;
      audits: Record<string, Audit>;
    };
    const score = (c: 'performance' | 'accessibility') => (report.categories[c].score === null ? null : Math.round(report.categories[c].score! * 100));
    const weighted = new Set(report.categories.accessibility.auditRefs.filter((r) => r.weight > 0).map((r) => r.id));
    rows.push({
      page: `/${page}`,
      performance: score('performance'),
      accessibility: score('accessibility'),
      fcp: report.audits['first-contentful-paint']?.displayValue ?? '—',
      tbt: report.audits['total-blocking-time']?.displayValue ?? '—',
      failing: Object.values(report.audits).filter((a) => weighted.has(a.id) && a.score !== null && a.score < 1).map((a) => a.id),
    });
  }
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}

const cell = (n: number | null) => (n === null ? '—' : String(n));
console.log(`| page | performance | accessibility | first paint | blocking time | failing accessibility audits |`);
console.log(`|---|---:|---:|---:|---:|---|`);
for (const r of rows) console.log(`| \`${r.page}\` | ${cell(r.performance)} | ${cell(r.accessibility)} | ${r.fcp} | ${r.tbt} | ${r.failing.join(', ') || '—'} |`);
const below = rows.filter((r) => (r.performance ?? 0) < 95 || (r.accessibility ?? 0) < 100);
if (below.length) {
  console.log(`\n${below.length} page(s) below performance 95 or accessibility 100: ${below.map((r) => r.page).join(', ')}`);
  process.exitCode = 1;
}
