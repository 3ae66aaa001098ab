import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, RUNS_FILE } from '../../schemas/artifacts.ts';
import { labels } from '../../site/lib/i18n/index.ts';
import { idSlug } from '../../site/lib/routes.ts';
import { buildSite, type BuiltSite } from './build-site.ts';
import { FIXTURE_DIR } from './write-artifacts.ts';

const FIXTURE = 'tests/fixtures/artifacts';
const SECTIONS = ['index.html', 'skills/index.html', 'pools/index.html', 'succession/index.html', 'interviews/index.html', 'retention/index.html', 'quality/index.html'];
const POSITIONS = ['KP-001', 'KP-002', 'KP-003', 'KP-004'];
/** people.json of the fixture: the incumbents, the slate candidates and the listed 9-box members. */
/** The skill map's pages beyond its first: one per category of the fixture, and the gaps. */
const SKILL_PAGES = ['製造技術', 'IT', 'マネジメント'].map((c) => `skills/categories/${idSlug(c)}/index.html`).concat('skills/gaps/index.html');
/** The divisions of the fixture (製造本部 over 製造部 and 品質保証部; the others at the top): a page each of the 9-box, retention and each skill category. */
const DIVISIONS = ['D00', 'D01', 'D04', 'D05'];
const DIVISION_PAGES = DIVISIONS.flatMap((d) => [
  `skills/division/${d}/index.html`,
  `pools/division/${d}/index.html`,
  `retention/division/${d}/index.html`,
  ...['製造技術', 'IT', 'マネジメント'].map((c) => `skills/categories/${idSlug(c)}/division/${d}/index.html`),
]);
const PEOPLE = ['E0003', 'E0005', 'E0007', 'E0012', 'E0015', 'E0016', 'E0018', 'E0021', 'E0022', 'E0024', 'E0025', 'E0026', 'E0031', 'E0033', 'E0035', 'E0037', 'E0040'];
let site: BuiltSite;

beforeAll(async () => {
  site = await buildSite({ artifactsDir: FIXTURE });
});

afterAll(async () => {
  await site?.cleanup();
});

const html = () => site.files.filter((f) => f.endsWith('.html'));
const japanesePages = () => html().filter((f) => !f.startsWith('en/'));
const englishPages = () => html().filter((f) => f.startsWith('en/'));

/** `page` contains `text`; a failure names the file and the text instead of printing the whole page. */
function expectIn(page: string, text: string, where = ''): void {
  expect(page.includes(text), `${where} should contain ${JSON.stringify(text)}`).toBe(true);
}

/** `page` does not contain `text`. */
function expectNotIn(page: string, text: string, where = ''): void {
  expect(page.includes(text), `${where} should not contain ${JSON.stringify(text)}`).toBe(false);
}

/** The `<figure class="chart" …>…</figure>` blocks of a page. */
function charts(page: string): string[] {
  return page.match(/<figure class="chart"[\s\S]*?<\/figure>/g) ?? [];
}

/** Runs of Japanese script (kana, kanji, full-width forms). */
const JAPANESE = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60]+/g;

const escapeHtml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/**
 * Every string of the artifacts that an English page may show as it is (names of departments, positions and
 * people, reject reasons, AI drafts …) — but not the Japanese half of batch-written `Text`, not `name_ja`
 * of skills, and not category names: English pages must show their English forms.
 */
async function dataStrings(): Promise<string[]> {
  const out = new Set<string>();
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (key !== 'name_ja' && key !== 'category' && key !== 'categories') out.add(value);
    } else if (Array.isArray(value)) {
      for (const v of value) visit(v, key);
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      const isText = entries.length === 2 && 'ja' in value && 'en' in value;
      for (const [k, v] of entries) if (!(isText && k === 'ja')) visit(v, k);
    }
  };
  for (const name of [...Object.keys(ARTIFACTS), 'manifest.json', RUNS_FILE]) {
    visit(JSON.parse(await readFile(path.join(FIXTURE_DIR, name), 'utf8')), name);
  }
  return [...out].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/** Fragments of the Japanese dictionary (functions called with placeholders), two characters or more. */
function japaneseLabels(): string[] {
  const out = new Set<string>();
  const add = (s: string) => {
    for (const part of s.split(/\u0001|\d+/)) if (part.trim().length >= 2 && /[^\x00-\x7f]/.test(part) && new RegExp(JAPANESE.source).test(part)) out.add(part.trim());
  };
  const visit = (value: unknown): void => {
    if (typeof value === 'string') add(value);
    else if (typeof value === 'function') add(String((value as (...a: unknown[]) => unknown)('\u0001', '\u0001', '\u0001')));
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(labels('ja'));
  return [...out];
}


/** The text of an HTML fragment: tags removed, whitespace collapsed. */
const textOf = (fragment: string) => fragment.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

/** The `<article class="kp-card …">` of a position on the chart, by its title. */
function cardOf(page: string, title: string): string {
  const card = (page.match(/<article class="kp-card[\s\S]*?<\/article>/g) ?? []).find((a) => a.includes(`>${title}</a>`));
  expect(card, `a card of ${title}`).toBeDefined();
  return card!;
}

describe('English names', () => {
  it('show on English pages where given, and the exported names on Japanese pages', async () => {
    const en = await site.read('en/succession/KP-001/index.html');
    expect(en).toContain('<h1>Head of Manufacturing</h1>');
    expect(en).toMatch(/<dt>Department<\/dt>\s*<dd>Manufacturing<\/dd>/);
    const ja = await site.read('succession/KP-001/index.html');
    expect(ja).toContain('<h1>製造部長</h1>');
    expect(await site.read('en/succession/index.html')).toContain('>Head of Manufacturing</a>');
    expect(await site.read('en/people/E0003/index.html')).toContain('>Head of Manufacturing</a>');
    // Without an English name: as exported, in both languages.
    expect(await site.read('en/succession/KP-004/index.html')).toContain('<h1>経営企画室長</h1>');
  });
});

describe('the overview of the fixture', () => {
  it('reads each key figure against its target, met or not', async () => {
    const text = textOf(await site.read('index.html'));
    // 1 of 4 positions has a ready-now successor: 25% against at least 80%; bench 1.0 against at least 1.0.
    expect(text).toContain('後継者カバー率 25% 未達 目標 80%以上 4ポジション中 1ポジション');
    expect(text).toMatch(/ベンチ強度 1(\.0)? 達成 目標 1(\.0)?以上/);
    expect(text).toContain('期限切れのフォローアップ 7 未達 目標 0以下 キャリア面談');
    const en = textOf(await site.read('en/index.html'));
    expect(en).toContain('Off target target: at least 80%');
  });
});

describe('the succession chart and the talent cards of the fixture', () => {
  it('places each key position in the organisation tree: 製造部長 inside 製造部 inside 製造本部, the others at the top', async () => {
    const page = await site.read('succession/chart/index.html');
    const main = page.slice(page.indexOf('<main'), page.indexOf('</main>'));
    // 製造本部 (h2) > 製造部 (h3) > 製造部長 (card heading h4); the top-level units in department_id order.
    expect(main).toMatch(/<h2 class="unit-name">製造本部[\s\S]*<ul class="org-children">[\s\S]*<h3 class="unit-name">製造部[\s\S]*<h4 class="kp-title"><a href="\/succession\/KP-001\/">製造部長<\/a>/);
    const units = [...main.matchAll(/<h2 class="unit-name">([^<]+)</g)].map((m) => m[1]);
    expect(units).toEqual(['営業部', '品質保証部', '経営企画部', '製造本部']);
    expect(textOf(main)).toContain('即時の後継者あり 1 1〜2年の候補のみ 2 2年以内の候補者なし 1');
  });

  it('puts on each card the incumbent and their risk, the vacancy, the status and the successors by readiness with their flags', async () => {
    const page = await site.read('succession/chart/index.html');
    const kp1 = cardOf(page, '製造部長');
    expect(textOf(kp1)).toBe(
      '製造部長 即時の後継者あり 現任者 山本 健一 離職リスク 中 想定空席 5か月後（2027年3月） 即時 佐藤 美咲 緊急代行 1〜2年 高橋 翔 3年以上 伊藤 大輔',
    );
    expect(kp1).toContain('<a class="person" href="/people/E0003/">山本 健一</a>');
    expect(kp1).toContain('<a class="person" href="/people/E0012/">佐藤 美咲</a>');
    // Vacant, one candidate 1–2 years away; nobody ready now.
    expect(textOf(cardOf(page, '経営企画室長'))).toBe('経営企画室長 1〜2年の候補のみ 現任者 空席 想定空席 — 即時 なし 1〜2年 佐藤 美咲 3年以上 なし');
    // A hidden name shows the id, still linked to the card.
    expect(cardOf(page, '品質保証部長')).toContain('<a class="person" href="/people/E0040/">社員番号 E0040</a>');
    // English pages use the English names the config gives (overview.json names_en), the exported ones otherwise.
    const en = await site.read('en/succession/chart/index.html');
    expect(textOf(cardOf(en, 'Head of Manufacturing'))).toContain('Incumbent 山本 健一 Retention risk Medium Expected vacancy in 5 months (Mar 2027) Ready now 佐藤 美咲 emergency cover');
    expect(en).toMatch(/<h3 class="unit-name">Manufacturing</);
    expect(en).toMatch(/<h2 class="unit-name">Quality Assurance</);
    expect(en).toContain('>品質保証部長</a>');
  });

  it('links every name of a position page to the person’s card, and opens with the answer', async () => {
    const page = await site.read('succession/KP-002/index.html');
    const answer = page.slice(page.indexOf('<section class="answer"'), page.indexOf('</section>', page.indexOf('<section class="answer"')));
    expect(textOf(answer)).toContain('状況 1〜2年の候補のみ 最有力の後継者 小林 恵 1〜2年');
    expect(textOf(answer)).toContain('小林 恵が「即時」でない理由');
    for (const [id, name] of [['E0007', '中村 直子'], ['E0015', '小林 恵'], ['E0040', '社員番号 E0040']]) {
      expect(page, `${name} linked`).toContain(`href="/people/${id}/">${name}</a>`);
    }
  });

  it('shows a talent card with the slates, the evaluation history, skills against the requirements, aspirations and no note text', async () => {
    const page = await site.read('people/E0012/index.html');
    const main = textOf(page.slice(page.indexOf('<main'), page.indexOf('</main>')));
    expect(main).toContain('人材カード: 佐藤 美咲');
    expect(main).toContain('所属 製造部 役職 製造課長 等級 M1 勤続年数 15.3年 9ボックス 6: 高業績者 離職リスク 低 2026年9月10日の面談から');
    // Rank, readiness and score on both slates, with what would move them up on the one not ready now.
    expect(main).toContain('製造部長 1 即時 87.4 「即時」の条件を満たしています。');
    expect(main).toContain('経営企画室長 1 1〜2年 71.1 「即時」に上がる最小の変化: データ分析 2→3');
    expect(main).toContain('2024上期 A 高 2024下期 S 高 2025上期 S 高 2025下期 S 高');
    // By hand: データ分析 2 against 3 (経営企画室長), プロジェクト管理 3 against 4 (製造部長): short by 1 each, first.
    expect(main).toContain('データ分析 2 1 経営企画室長 3（不足1） プロジェクト管理 3 1 製造部長 4（不足1） 部下育成 3 0 製造部長 3 PLC制御 3 0 製造部長 3');
    expect(main).toContain('ポジション: 製造部長 (2026年9月10日の面談)');
    expect(main).toContain('スキル: データ分析 (2026年3月5日の面談)');
    const en = textOf(await site.read('en/people/E0012/index.html'));
    expect(en).toContain('Talent card: 佐藤 美咲');
    expect(en).toContain('Skill: Data analysis (interview of Mar 5, 2026)');
  });
});

describe('astro build of the fixture artifacts', () => {
  it('writes every section page, the succession chart, one page per key position and a talent card per person, in Japanese at / and in English under /en/', () => {
    const expected = [...SECTIONS, ...SKILL_PAGES, ...DIVISION_PAGES, 'succession/chart/index.html', ...POSITIONS.map((id) => `succession/${id}/index.html`), ...PEOPLE.map((id) => `people/${id}/index.html`)].sort();
    expect(japanesePages().sort()).toEqual(expected);
    expect(englishPages().sort()).toEqual(expected.map((f) => `en/${f}`).sort());
  });

  it('marks each page with its language and links it to its twin in the other language', async () => {
    for (const file of japanesePages()) {
      const ja = await site.read(file);
      const en = await site.read(`en/${file}`);
      const url = `/${file.replace(/index\.html$/, '')}`;
      expectIn(ja, '<html lang="ja"', file);
      expectIn(en, '<html lang="en"', file);
      for (const page of [ja, en]) {
        expectIn(page, `<link rel="alternate" hreflang="ja" href="${url}">`);
        expectIn(page, `<link rel="alternate" hreflang="en" href="/en${url}">`);
      }
      expectIn(ja, `<a href="/en${url}" hreflang="en" lang="en">English</a>`);
      expectIn(en, `<a href="${url}" hreflang="ja" lang="ja">日本語</a>`);
    }
  });

  it('shows English pages in English: Japanese only where the data itself is Japanese, no label of the Japanese dictionary', async () => {
    const data = await dataStrings();
    const dictionary = japaneseLabels();
    expect(dictionary.length).toBeGreaterThan(200);
    for (const file of englishPages()) {
      let rest = (await site.read(file)).replace(/<a [^>]*lang="ja"[^>]*>[^<]*<\/a>/g, '');
      for (const s of data) rest = rest.replaceAll(escapeHtml(s), '').replaceAll(s, '');
      expect(dictionary.filter((label) => rest.includes(label)), `${file}: Japanese labels`).toEqual([]);
      expect(rest.match(JAPANESE) ?? [], `${file}: Japanese text that is not data`).toEqual([]);
    }
  });

  it('shows batch-written text, skill and category names in the page language', async () => {
    const pools = { ja: await site.read('pools/index.html'), en: await site.read('en/pools/index.html') };
    expectIn(pools.ja, 'スター');
    expectIn(pools.en, 'Star');
    const kp1 = { ja: await site.read('succession/KP-001/index.html'), en: await site.read('en/succession/KP-001/index.html') };
    expectIn(kp1.ja, '直近2期 S, A');
    expectIn(kp1.en, 'Last 2 periods: S, A');
    expectIn(kp1.ja, 'プロジェクト管理');
    expectIn(kp1.en, 'Project management');
    const skills = await site.read('en/skills/index.html');
    expectIn(skills, 'Manufacturing engineering');
    expectIn(await site.read(`en/skills/categories/${idSlug('製造技術')}/index.html`), 'PLC programming');
  });

  it('shows names where the artifacts carry them, and the id where a name is hidden', async () => {
    expectIn(await site.read('succession/KP-001/index.html'), '佐藤 美咲');
    expectIn(await site.read('succession/KP-002/index.html'), '社員番号 E0040');
    expectIn(await site.read('en/succession/KP-002/index.html'), 'Employee E0040');
    expectIn(await site.read('pools/index.html'), '社員番号 E0040');
  });

  it('says so when a key position has no candidates, or is vacant', async () => {
    const none = await site.read('succession/KP-003/index.html');
    expectIn(none, '条件を満たす後継者候補がいません。');
    expectIn(none, '2年以内の候補者なし');
    expectIn(await site.read('en/succession/KP-003/index.html'), 'No candidate meets the conditions.');
    const vacant = await site.read('succession/KP-004/index.html');
    expectIn(vacant, '<h2 id="incumbent">現任者</h2><p>空席</p>');
    expectIn(vacant, '条件を満たす代行者がいません');
    expectIn(await site.read('en/succession/KP-004/index.html'), '<p>Vacant</p>');
  });

  it('shows a position’s emergency cover, plan summary and the incumbent’s retention risk as a word', async () => {
    const page = await site.read('en/succession/KP-002/index.html');
    expectIn(page, 'Acting (within one grade of the incumbent)');
    expect(page).toMatch(/<dt>Retention risk<\/dt><dd><span class="badge badge-good">Low<\/span><\/dd>/);
    expect(page).toMatch(/<dt>Plans<\/dt><dd>2<\/dd>/);
    expectIn(page, 'Apr 1, 2027');
  });

  it('lists the positions at risk and those without a ready-now successor on the overview, linked to their pages', async () => {
    const ja = await site.read('index.html');
    const en = await site.read('en/index.html');
    for (const id of ['KP-002', 'KP-003', 'KP-004']) {
      expectIn(ja, `href="/succession/${id}/"`);
      expectIn(en, `href="/en/succession/${id}/"`);
    }
    const atRisk = en.slice(en.indexOf('id="at-risk"'), en.indexOf('id="without-ready-now"'));
    expectIn(atRisk, 'Incumbent at high retention risk');
    expectIn(atRisk, 'href="/en/succession/KP-004/"');
    expectNotIn(atRisk, 'KP-002');
    expectIn(ja, '25%');
    expectIn(ja, '1ポジションあたりの実質後継者数（指名 5件、実質 4人）');
    expectIn(en, '4 effective of 5 nominations');
    expectIn(ja, 'AI処理のうち3件は今回完了せず');
    expectIn(en, 'Oct 1, 2026, 18:15 UTC');
  });

  it('shows suppressed aggregates as suppressed, with k, in both languages', async () => {
    for (const file of ['skills/index.html', `skills/categories/${idSlug('IT')}/index.html`, 'interviews/index.html', 'retention/index.html', 'pools/index.html', 'quality/index.html']) {
      expectIn(await site.read(file), '非表示（n&lt;5）', file);
      expectIn(await site.read(`en/${file}`), 'Suppressed (n&lt;5)', file);
    }
    expectIn(await site.read('skills/index.html'), '経営企画部（n&lt;5）');
    expectIn(await site.read('skills/gaps/index.html'), '経営企画部（n&lt;5）');
  });

  it('opens the skill map with the largest gaps, largest first, linked to each department’s gaps', async () => {
    const page = await site.read('skills/index.html');
    const section = page.slice(page.indexOf('id="largest-gaps"'), page.indexOf('id="heatmaps"'));
    const rows = [...section.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((m) => textOf(m[1]!));
    const shortfalls = rows.map((row) => Number(/(\d+)人不足$/.exec(row)?.[1]));
    // By hand from skill_map.json: 品質保証部 lacks 2 holders of 品質管理, 製造部 1 of プロジェクト管理; 経営企画部
    // (under k) and 営業部 (hidden with the units, complementary) are suppressed and not shown.
    expect(shortfalls).toEqual([2, 1]);
    expect(rows.map((r) => r.split(' ')[0])).toEqual(['品質保証部', '製造部']);
    expect(section).toMatch(/href="\/skills\/gaps\/#gaps-[^"]+"/);
    for (const c of ['製造技術', 'IT', 'マネジメント']) expectIn(page, `href="/skills/categories/${idSlug(c)}/"`);
  });

  it('lists the members of each 9-box cell in a <details>, and says why a cell has none', async () => {
    const page = await site.read('en/pools/index.html');
    const members = page.slice(page.indexOf('id="members"'), page.indexOf('id="bands"'));
    expect(members.match(/<details\b/g)).toHaveLength(9);
    expectIn(members, '加藤 陽子');
    expectIn(members, 'Fewer than 5 people: members are not shown.');
    expectIn(members, 'Nobody is in this box.');
    expectIn(members, 'And 11 more (beyond the listing limit).');
  });

  it('draws the skill trend when there are two runs, and words the readiness rule from its numbers', async () => {
    const skills = await site.read('skills/index.html');
    expectIn(skills, 'id="trend-chart"');
    expectIn(await site.read('succession/index.html'), '即時: スコア70以上、スキル適合0.85以上、現任者との等級差1以内。');
  });

  it('ships one small optional script, loaded as a module by every page', async () => {
    const scripts = site.files.filter((f) => /\.m?js$/.test(f));
    expect(scripts).toHaveLength(1);
    const bytes = (await readFile(path.join(site.outDir, scripts[0]!))).length;
    expect(bytes).toBeLessThan(40 * 1024);
    for (const file of html()) {
      const tags = (await site.read(file)).match(/<script\b[^>]*>/g) ?? [];
      expect(tags, file).toEqual([`<script type="module" src="/${scripts[0]}">`]);
    }
  });

  it('escapes artifact text (a reject reason mentioning <script>)', async () => {
    expectIn(await site.read('quality/index.html'), '&lt;script&gt;');
  });

  it('gives every chart an SVG and a table alternative', async () => {
    let count = 0;
    for (const file of html()) {
      for (const chart of charts(await site.read(file))) {
        count++;
        expectIn(chart, '<svg', file);
        expectIn(chart, '<figcaption', file);
        expect(chart, file).toMatch(/<details class="chart-table"><summary>[^<]+<\/summary>[\s\S]*<table[\s\S]*<\/table>/);
      }
    }
    // Per language: 3 skill categories, strategic skills, trend; the 9-box; the score breakdowns of KP-001,
    // KP-002 and KP-004; interview coverage; retention by department and its signals. Each division: its
    // skill map's strategic skills and 3 skill categories; its 9-box unless too few are rated (経営企画部,
    // 営業部: 2 of 4); its retention by department, and its concerns where there are any (製造本部 only).
    expect(count).toBe(2 * (12 + 4 * (1 + 3) + 2 + 4 + 1));
  });

  it('refers to no external resource', async () => {
    for (const file of html()) {
      const page = await site.read(file);
      expect(page, file).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
      expect(page, file).not.toMatch(/@import|url\(\s*["']?https?:/);
    }
  });

  it('builds the same bytes from the same artifacts', async () => {
    const again = await buildSite({ artifactsDir: FIXTURE });
    try {
      expect(again.files).toEqual(site.files);
      for (const file of html()) expect(await again.read(file), file).toBe(await site.read(file));
    } finally {
      await again.cleanup();
    }
  });
});

describe('the organisation tree and the division filter of the fixture', () => {
  /** The row headers of the first table after `heading` on a page: [class, text]. */
  const rowHeaders = (page: string, heading: string) => {
    const from = page.indexOf(heading);
    expect(from, heading).toBeGreaterThan(-1);
    const table = page.slice(from).match(/<tbody>([\s\S]*?)<\/tbody>/)![1]!;
    return [...table.matchAll(/<th scope="row"(?: class="([^"]*)")?[^>]*>([\s\S]*?)<\/th>/g)].map((m) => [m[1] ?? '', textOf(m[2]!)]);
  };

  it('indents each unit under its parent, the parent counting its subtree, and says why a unit is hidden', async () => {
    const page = await site.read('retention/index.html');
    expect(rowHeaders(page, 'id="by-department"')).toEqual([
      ['', '製造本部'],
      ['indent-1', '製造部'],
      ['indent-1', '品質保証部'],
      ['', '経営企画部'],
      ['', '開発部'],
      ['', '営業部'],
    ]);
    const text = textOf(page);
    // 製造本部 = 製造部 + 品質保証部: 22 people, 19 assessed, 3 high, 6 medium, 3 of 19 = 16%.
    expect(text).toContain('製造本部 22 19 3 6 16%');
    // 営業部 (6 people) is hidden so that the company minus the units shown does not give 経営企画部's 4 away.
    expect(text).toContain('営業部 6 非表示（差し引き防止） 非表示（差し引き防止）');
    expect(text).toContain('経営企画部 非表示（n&lt;5） 非表示（n&lt;5）');
    expect(page).toContain('営業部（6人・差し引き防止で非表示）');
  });

  it('links every division from the company page without JavaScript, and shows only the division on its page', async () => {
    const company = await site.read('retention/index.html');
    const nav = company.match(/<nav class="division-filter"[\s\S]*?<\/nav>/)![0];
    expect([...nav.matchAll(/<a href="([^"]+)"( aria-current="page")?>([^<]+)<\/a>/g)].map((m) => [m[1], m[3], Boolean(m[2])])).toEqual([
      ['/retention/', '全社', true],
      ['/retention/division/D00/', '製造本部', false],
      ['/retention/division/D01/', '経営企画部', false],
      ['/retention/division/D04/', '開発部', false],
      ['/retention/division/D05/', '営業部', false],
    ]);
    const d00 = await site.read('retention/division/D00/index.html');
    expect(d00).toContain('<h1>離職リスク: 製造本部</h1>');
    expect(d00).toMatch(/<a href="\/retention\/division\/D00\/" aria-current="page">製造本部<\/a>/);
    expect(rowHeaders(d00, 'id="by-department"').map(([, name]) => name)).toEqual(['製造本部', '製造部', '品質保証部']);
    // Its key positions only: 製造部長 and 品質保証部長, not 海外営業統括 (営業部).
    const positions = rowHeaders(d00, 'id="by-position"').map(([, name]) => name);
    expect(positions).toEqual(['製造部長', '品質保証部長']);
    // Its own figures on the cards: 19 assessed of 22, 3 high.
    expect(textOf(d00)).toContain('推定できた人数 19人 在籍 22人中 19人 リスク高 3人');
    expect(await site.read('en/retention/division/D00/index.html')).toContain('Filter by division');
  });

  it('gives each division its 9-box by counts, and nothing where too few are placed', async () => {
    const d00 = textOf(await site.read('pools/division/D00/index.html'));
    expect(d00).toContain('人数 22人 配置済み（両方の評価あり） 18人');
    expect(d00).toContain('この表示は人数のみです');
    expect(d00).not.toContain('社員番号');
    expect(textOf(await site.read('pools/division/D01/index.html'))).toContain('この部門の9ボックスは表示していません');
  });

  it('gives each division its skill map: the gaps of its departments, its category pages, its strategic shares', async () => {
    const page = await site.read('skills/division/D00/index.html');
    const section = page.slice(page.indexOf('id="largest-gaps"'), page.indexOf('id="heatmaps"'));
    // 製造本部's gaps only: 品質保証部 (2) and 製造部 (1); not 経営企画部's.
    expect([...section.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((m) => textOf(m[1]!).split(' ')[0])).toEqual(['品質保証部', '製造部']);
    expectIn(page, `href="/skills/categories/${idSlug('IT')}/division/D00/"`);
    // Python at level 3: 2 of 22 = 9% in 製造本部 (1 of 14 and 1 of 8), against 30%.
    expect(textOf(page)).toContain('Python 3 30% 9% 目標未満');
    expectIn(page, '推移は全社の数のみです。');
  });

  it('filters a skill category\'s heatmap to the division, and keeps the filter on the other categories\' links', async () => {
    const page = await site.read(`skills/categories/${idSlug('IT')}/division/D00/index.html`);
    expect(rowHeaders(page, '<table').map(([, name]) => name)).toEqual(['製造本部（22人）', '製造部（14人）', '品質保証部（8人）']);
    expect(page).toContain(`href="/skills/categories/${idSlug('製造技術')}/division/D00/"`);
  });
});
