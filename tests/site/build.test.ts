import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type BuiltSite } from './build-site.ts';

const FIXTURE = 'tests/fixtures/artifacts';
let site: BuiltSite;

beforeAll(async () => {
  site = await buildSite({ artifactsDir: FIXTURE });
});

afterAll(async () => {
  await site?.cleanup();
});

const html = () => site.files.filter((f) => f.endsWith('.html'));

/** The `<figure class="chart" …>…</figure>` blocks of a page. */
function charts(page: string): string[] {
  return page.match(/<figure class="chart"[\s\S]*?<\/figure>/g) ?? [];
}

describe('astro build of the fixture artifacts', () => {
  it('writes the overview, skill map, talent pool, succession list and quality pages', () => {
    for (const page of ['index.html', 'skills/index.html', 'pools/index.html', 'succession/index.html', 'quality/index.html']) {
      expect(site.files).toContain(page);
    }
  });

  it('writes one page per key position, named by its position_id', () => {
    const positions = site.files.filter((f) => /^succession\/[^/]+\/index\.html$/.test(f));
    expect(positions).toEqual(['succession/KP-001/index.html', 'succession/KP-002/index.html', 'succession/KP-003/index.html']);
  });

  it('shows the top candidate of KP-001 by name, and an employee id where the name is hidden', async () => {
    expect(await site.read('succession/KP-001/index.html')).toContain('佐藤 美咲');
    expect(await site.read('succession/KP-002/index.html')).toContain('社員番号 E0040');
  });

  it('says so when a key position has no candidates', async () => {
    const page = await site.read('succession/KP-003/index.html');
    expect(page).toContain('条件を満たす後継者候補がいません。');
    expect(page).toContain('後継者なし');
  });

  it('links each position without a ready-now successor from the overview to its page', async () => {
    const page = await site.read('index.html');
    expect(page).toContain('href="/succession/KP-002/"');
    expect(page).toContain('href="/succession/KP-003/"');
    expect(page).toContain('33%');
  });

  it('ships no JavaScript: no <script> element in any page', async () => {
    expect(html().length).toBeGreaterThanOrEqual(8);
    for (const file of html()) {
      expect(await site.read(file), file).not.toMatch(/<script/i);
    }
    expect(site.files.filter((f) => /\.m?js$/.test(f))).toEqual([]);
  });

  it('escapes artifact text (a reject reason mentioning <script>)', async () => {
    expect(await site.read('quality/index.html')).toContain('&lt;script&gt;');
  });

  it('gives every chart an SVG and a table alternative', async () => {
    let count = 0;
    for (const file of html()) {
      for (const chart of charts(await site.read(file))) {
        count++;
        expect(chart, file).toContain('<svg');
        expect(chart, file).toContain('<figcaption');
        expect(chart, file).toMatch(/<table[\s\S]*<\/table>/);
      }
    }
    // 3 skill categories + the 9-box + the score breakdowns of KP-001 and KP-002.
    expect(count).toBe(6);
  });

  it('shows suppressed departments as 非表示 with the group size', async () => {
    const page = await site.read('skills/index.html');
    expect(page).toContain('経営企画部（n&lt;5）');
    expect(page).toContain('非表示');
  });

  it('refers to no external resource', async () => {
    for (const file of html()) {
      const page = await site.read(file);
      expect(page, file).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
      expect(page, file).not.toMatch(/@import|url\(\s*["']?https?:/);
    }
  });
});
