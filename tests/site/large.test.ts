import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyPosition, Succession } from '../../schemas/artifacts.ts';
import { POSITIONS_PER_PAGE } from '../../site/lib/paging.ts';
import { idSlug } from '../../site/lib/routes.ts';
import { buildSite, ROOT, type BuiltSite } from './build-site.ts';
import { readFixture, writeArtifacts } from './write-artifacts.ts';

// A company with 450 key positions in three divisions of three departments each (50 a department), made
// from the fixture's KP-001: the succession list, the chart and every page must stay light — pages grow
// with key positions by number, never one page with all of them.
const DIVISIONS = ['A本部', 'B本部', 'C本部'];
const PER_DEPARTMENT = 50;
let site: BuiltSite;
let artifactsDir: string;

beforeAll(async () => {
  const set = await readFixture();
  const succession = set['succession.json'] as Succession;
  const template = succession.positions.find((p) => p.position_id === 'KP-001')!;
  const departments: Succession['departments'] = [];
  const positions: KeyPosition[] = [];
  for (const division of DIVISIONS) {
    departments.push({ department_id: division, name: division, parent_id: null });
    for (let d = 1; d <= 3; d++) {
      const id = `${division}/第${d}部`;
      departments.push({ department_id: id, name: `第${d}部`, parent_id: division });
      for (let i = 1; i <= PER_DEPARTMENT; i++) {
        const n = positions.length + 1;
        positions.push({ ...template, position_id: `KP-${String(n).padStart(4, '0')}`, title: `${division}第${d}部 ポジション${i}`, department: `第${d}部`, department_id: id });
      }
    }
  }
  Object.assign(succession, { departments, positions });
  await mkdir(path.join(ROOT, 'tests', '.tmp'), { recursive: true });
  artifactsDir = await mkdtemp(path.join(ROOT, 'tests', '.tmp', 'artifacts-large-'));
  await writeArtifacts(artifactsDir, set, { company: 'large', as_of: '2026-10-01' });
  site = await buildSite({ artifactsDir });
}, 120_000);

afterAll(async () => {
  await site?.cleanup();
  if (artifactsDir) await rm(artifactsDir, { recursive: true, force: true });
});

/** The hrefs of `html` below `prefix` (not `prefix` itself). */
const links = (html: string, prefix: string) => [...new Set([...html.matchAll(new RegExp(`href="(${prefix}[^"#]+)"`, 'g'))].map((m) => m[1]!))];

describe('a site with 450 key positions', () => {
  it('lists them on five pages of at most POSITIONS_PER_PAGE, each position once', async () => {
    expect(POSITIONS_PER_PAGE).toBe(100);
    const pages = ['succession/index.html', ...[2, 3, 4, 5].map((n) => `succession/pages/${n}/index.html`)];
    expect(site.files.filter((f) => f.startsWith('succession/pages/')).sort()).toEqual(pages.slice(1));
    const listed = [];
    for (const file of pages) {
      const html = await site.read(file);
      const rows = [...html.matchAll(/<th scope="row"><a href="\/succession\/(KP-\d+)\/">/g)].map((m) => m[1]);
      expect(rows.length, file).toBeLessThanOrEqual(POSITIONS_PER_PAGE);
      listed.push(...rows);
      expect(html, `${file}: the pager`).toContain('href="/succession/pages/5/"');
    }
    expect(listed).toEqual(Array.from({ length: 450 }, (_, i) => `KP-${String(i + 1).padStart(4, '0')}`));
  });

  it('draws the chart as a division index: the company page links to each division, each division to its departments', async () => {
    const top = await site.read('succession/chart/index.html');
    expect(top).not.toContain('<article class="kp-card');
    expect(links(top, '/succession/chart/')).toEqual(DIVISIONS.map((d) => `/succession/chart/${idSlug(d)}/`));
    const division = await site.read(`succession/chart/${idSlug('A本部')}/index.html`);
    // 150 positions: too many for one page, so each department has its own (50 cards: more than CHART_PAGE_MAX, but a
    // unit with no child units cannot be cut further).
    expect(links(division, '/succession/chart/')).toEqual(expect.arrayContaining([1, 2, 3].map((d) => `/succession/chart/${idSlug(`A本部/第${d}部`)}/`)));
    const department = await site.read(`succession/chart/${idSlug('A本部/第1部')}/index.html`);
    expect(department.match(/<article class="kp-card/g)).toHaveLength(PER_DEPARTMENT);
  });

  it('keeps every page under 250 KB, the talent card of someone on all 450 slates too', async () => {
    const heavy = [];
    for (const file of site.files.filter((f) => f.endsWith('.html'))) {
      const bytes = Buffer.byteLength(await site.read(file));
      if (bytes > 250 * 1024) heavy.push(`${file}: ${bytes}`);
    }
    expect(heavy).toEqual([]);
  });
});
