import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTaxonomyCsv } from '../../../batch/ingest/load-taxonomy.ts';
import { createTaxonomyMatcher, type SkillMatch } from '../../../batch/tagging/taxonomy-matcher.ts';
import type { Taxonomy } from '../../../schemas/taxonomy.ts';

const TAXONOMY: Taxonomy = [
  { skill_id: 'plc', name_ja: 'PLC制御', name_en: 'PLC programming', category: '製造技術', synonyms: ['PLC', 'シーケンス制御', 'ラダー', 'ラダー回路'] },
  {
    skill_id: 'project_management',
    name_ja: 'プロジェクトマネジメント',
    name_en: 'Project management',
    category: 'マネジメント',
    synonyms: ['PM', 'プロマネ', 'プロジェクト管理', 'プロジェクトマネージャー'],
  },
  { skill_id: 'python', name_ja: 'Python', name_en: 'Python', category: 'IT', synonyms: ['パイソン'] },
  { skill_id: 'sql', name_ja: 'SQL', name_en: 'SQL', category: 'IT', synonyms: [] },
  { skill_id: 'excel', name_ja: 'Excel', name_en: 'Excel', category: 'IT', synonyms: ['エクセル', 'VBA', 'Excel VBA', 'Excelマクロ'] },
  { skill_id: 'english', name_ja: '英語', name_en: 'English', category: '語学', synonyms: ['TOEIC', 'ビジネス英語', '英会話'] },
  { skill_id: 'sales', name_ja: '営業', name_en: 'Sales', category: 'ビジネス', synonyms: ['法人営業', '営業活動'] },
  { skill_id: 'quality_control', name_ja: '品質管理', name_en: 'Quality control', category: '製造技術', synonyms: ['QC', 'QC検定', '品質保証'] },
  { skill_id: 'cad_3d', name_ja: '3D CAD', name_en: '3D CAD', category: '製造技術', synonyms: ['3D-CAD', '3次元CAD', 'CAD', 'SolidWorks', 'CATIA'] },
  { skill_id: 'aws', name_ja: 'AWS', name_en: 'AWS', category: 'IT', synonyms: ['Amazon Web Services'] },
  { skill_id: 'leadership', name_ja: 'リーダーシップ', name_en: 'Leadership', category: 'マネジメント', synonyms: ['統率力'] },
  { skill_id: 'production_engineering', name_ja: '生産技術', name_en: 'Production engineering', category: '製造技術', synonyms: [] },
  { skill_id: 'production_management', name_ja: '生産管理', name_en: 'Production management', category: '製造技術', synonyms: ['生産'] },
  { skill_id: 'cpp', name_ja: 'C++', name_en: 'C++', category: 'IT', synonyms: ['C', 'C/C++'] },
  { skill_id: 'pc_skills', name_ja: 'コンピューターリテラシー', name_en: 'Computer literacy', category: 'IT', synonyms: ['ITリテラシー'] },
  { skill_id: 'data_analysis', name_ja: 'データ分析', name_en: 'Data analysis', category: 'データ', synonyms: ['データ解析'] },
];

const tag = createTaxonomyMatcher(TAXONOMY);
const has = (text: string) => tag(text).filter((m) => m.kind === 'has').map((m) => m.skill_id);
const wants = (text: string) => tag(text).filter((m) => m.kind === 'wants').map((m) => m.skill_id);
const one = (text: string, skill: string): SkillMatch => {
  const found = tag(text).filter((m) => m.skill_id === skill);
  expect(found, `${skill} in ${text}`).toHaveLength(1);
  return found[0]!;
};

describe('createTaxonomyMatcher: finding terms', () => {
  it('tags a skill by its Japanese name, English name and synonyms', () => {
    expect(has('PLC制御を担当')).toEqual(['plc']);
    expect(has('PLC programming on site')).toEqual(['plc']);
    expect(has('シーケンス制御の改修')).toEqual(['plc']);
    expect(has('ラダー回路を作成')).toEqual(['plc']);
  });

  it('returns the SkillMatch shape with the surface form as written', () => {
    expect(tag('ﾌﾟﾛﾏﾈとして20名のチームを主導した。')).toEqual([
      {
        skill_id: 'project_management',
        kind: 'has',
        evidence: 'ﾌﾟﾛﾏﾈとして20名のチームを主導した。',
        confidence: 0.9,
        level_hint: 3,
        matched: 'ﾌﾟﾛﾏﾈ',
      },
    ]);
  });

  it('matches full-width and half-width forms (ＰＬＣ, ﾌﾟﾛﾏﾈ, Ｅｘｃｅｌ)', () => {
    expect(one('ＰＬＣのラダー回路を設計', 'plc').matched).toBe('ＰＬＣ');
    expect(one('ﾌﾟﾛﾏﾈ経験あり', 'project_management').matched).toBe('ﾌﾟﾛﾏﾈ');
    expect(has('Ｅｘｃｅｌで集計')).toEqual(['excel']);
  });

  it('matches katakana variants (コンピュータリテラシー, プロジェクトマネージャ)', () => {
    expect(one('コンピュータリテラシーが高い', 'pc_skills').matched).toBe('コンピュータリテラシー');
    expect(has('プロジェクトマネージャとして参画')).toEqual(['project_management']);
    expect(has('プロジェクトマネージメントを担当')).toEqual(['project_management']);
  });

  it('matches English terms in any case (python, PYTHON, Python)', () => {
    expect(has('python scripts')).toEqual(['python']);
    expect(has('PYTHON scripts')).toEqual(['python']);
    expect(has('Wrote sql daily')).toEqual(['sql']);
  });

  it('matches 3D-CAD, 3DCAD and 3D CAD alike', () => {
    for (const t of ['3D-CADで設計', '3DCADで設計', '3D CADで設計', '３Ｄ－ＣＡＤで設計']) expect(has(t), t).toEqual(['cad_3d']);
  });

  it('does not tag PM inside NPM or PMS', () => {
    expect(has('NPMのパッケージを管理')).toEqual([]);
    expect(has('PMSを導入した')).toEqual([]);
    expect(has('npm install')).toEqual([]);
  });

  it('tags PM next to Japanese text (PMとして, PM経験)', () => {
    expect(has('PMとして参画')).toEqual(['project_management']);
    expect(has('PM経験あり')).toEqual(['project_management']);
    expect(has('as a PM, I')).toEqual(['project_management']);
  });

  it('does not tag SQL inside MySQL, nor Excel inside Excelsior', () => {
    expect(has('MySQLを運用')).toEqual([]);
    expect(has('Excelsior project')).toEqual([]);
  });

  it('lets a version number follow a term (Python3, Excel2019)', () => {
    expect(has('Python3で開発')).toEqual(['python']);
    expect(has('Excel2019を使用')).toEqual(['excel']);
  });

  it('does not read a time as a skill (3 PM)', () => {
    expect(has('15時（3 PM）に打ち合わせ')).toEqual([]);
  });

  it('never matches single-letter terms (C)', () => {
    expect(has('Cで開発した')).toEqual([]);
    expect(has('C++で開発した')).toEqual(['cpp']);
    expect(has('C/C++で開発した')).toEqual(['cpp']);
  });

  it('prefers the longest match at a position (生産技術 over 生産)', () => {
    expect(has('生産技術を担当')).toEqual(['production_engineering']);
    expect(has('生産ラインの管理')).toEqual(['production_management']);
  });

  it('drops shorter matches inside a longer one (Excel VBA is one mention of excel, 品質保証 not also 品質…)', () => {
    expect(tag('Excel VBAでマクロを作成').map((m) => m.matched)).toEqual(['Excel VBA']);
    expect(tag('QC検定2級を取得').map((m) => m.matched)).toEqual(['QC検定']);
  });

  it('finds nothing in text without skills, or in empty text', () => {
    expect(tag('面談では家庭の事情について相談があった。')).toEqual([]);
    expect(tag('')).toEqual([]);
    expect(tag(' \n ')).toEqual([]);
  });
});

describe('createTaxonomyMatcher: negation', () => {
  it('does not tag Excel in 「Excelは使ったことがない」', () => {
    expect(tag('Excelは使ったことがない')).toEqual([]);
  });

  it('does not tag 営業 in 「営業は向いていないと感じる」', () => {
    expect(tag('営業は向いていないと感じる')).toEqual([]);
  });

  it('does not tag Python in 「Pythonは未経験」', () => {
    expect(tag('Pythonは未経験')).toEqual([]);
  });

  it('reads 「英語は苦手」 as a development need, not a skill the person has', () => {
    expect(tag('英語は苦手').map((m) => [m.skill_id, m.kind, m.level_hint])).toEqual([['english', 'needs', null]]);
  });

  it('does not tag CAD in 「CADはできない」', () => {
    expect(tag('CADはできない')).toEqual([]);
  });

  it('does not tag SQL in "no experience with SQL"', () => {
    expect(tag('no experience with SQL')).toEqual([]);
  });

  it('does not tag AWS in "never used AWS"', () => {
    expect(tag('never used AWS')).toEqual([]);
  });

  it('does not tag 営業 in 「営業には興味がない」', () => {
    expect(tag('営業には興味がない')).toEqual([]);
  });

  it('does not tag skills negated in other common ways', () => {
    for (const t of [
      'Pythonは得意ではない',
      'SQLを書くのは好きではない',
      'Excelを使わずに手で集計した',
      'TOEICは未受験',
      '英語：なし',
      'Python (no experience)',
      'SQL: none',
      'Python is not my strength',
      "I don't know SQL",
      'Not interested in sales.',
      '苦手な英語の資料に苦労した',
      'Pythonは書けない。',
    ]) {
      expect(has(t), t).toEqual([]);
    }
  });

  it('negates every skill of a list that shares the predicate (「PythonとSQLは未経験」)', () => {
    expect(tag('PythonとSQLは未経験')).toEqual([]);
    expect(tag('Python、SQL、AWSはいずれも未経験。')).toEqual([]);
    expect(tag('no experience with SQL or AWS')).toEqual([]);
  });

  it('keeps the clause of a contrast apart (「Pythonは得意だがSQLは未経験」)', () => {
    expect(has('Pythonは得意だがSQLは未経験')).toEqual(['python']);
    expect(has('Excelは使ったことがないが、Pythonは毎日使う')).toEqual(['python']);
    expect(has('I know Python but never used AWS.')).toEqual(['python']);
    expect(has('Experienced in Python, no AWS.')).toEqual(['python']);
  });

  it('tags PLC制御 in 「未経験だったPLC制御を習得した」', () => {
    expect(has('未経験だったPLC制御を習得した')).toEqual(['plc']);
    expect(has('未経験のPLC制御を半年で習得した')).toEqual(['plc']);
  });

  it('tags 英語 in 「苦手だった英語を克服し」 and after a past negation that was overcome', () => {
    expect(has('苦手だった英語を克服し、海外案件を担当した')).toEqual(['english']);
    expect(has('英語は苦手だったが、克服して今では会議を回している')).toEqual(['english']);
    expect(has('以前はExcelを使ったことがなかったが、今では毎日マクロを組んでいる')).toEqual(['excel']);
  });

  it('does not negate phrases that only look negative (問題ない, 欠かせない, だけでなく, しか…ない)', () => {
    expect(has('英語での会話も問題ない')).toEqual(['english']);
    expect(has('業務にExcelは欠かせない')).toEqual(['excel']);
    expect(has('英語だけでなく中国語も話せる')).toEqual(['english']);
    expect(has('Excelしか使えない')).toEqual(['excel']);
    expect(has('Pythonのみならず、SQLも得意')).toEqual(['python', 'sql']);
    expect(has('Pythonは苦手ではない')).toEqual(['python']);
    expect(has('Excelを使わないといけない')).toEqual(['excel']);
  });

  it('drops a skill whose experience a later clause denies (「…を検討しているが、経験はない」)', () => {
    expect(tag('SQLの導入を検討しているが、経験はない。')).toEqual([]);
  });

  it('keeps the positive mention when the same skill is also negated in the sentence', () => {
    expect(one('英語が苦手な人に英語を教えている', 'english').kind).toBe('has');
  });
});

describe('createTaxonomyMatcher: has vs wants', () => {
  it('returns 「Pythonを学びたい」 as an aspiration, not a skill', () => {
    expect(has('Pythonを学びたい')).toEqual([]);
    expect(wants('Pythonを学びたい')).toEqual(['python']);
  });

  it('returns 「PMになりたい」 as an aspiration', () => {
    expect(wants('PMになりたい')).toEqual(['project_management']);
  });

  it('reads other desire forms as aspirations', () => {
    expect(wants('AWSの資格取得を目指している')).toEqual(['aws']);
    expect(wants('TOEICを受験予定')).toEqual(['english']);
    expect(wants('品質管理への異動を希望')).toEqual(['quality_control']);
    expect(wants('AWSに興味がある')).toEqual(['aws']);
    expect(wants('I would like to learn SQL.')).toEqual(['sql']);
    expect(wants('Interested in AWS and Python.')).toEqual(['aws', 'python']);
  });

  it('does not read 予定通り or たいへん as a desire', () => {
    expect(has('PLC制御の改修を予定通り完了した')).toEqual(['plc']);
    expect(has('Excelの集計はたいへんだった')).toEqual(['excel']);
  });

  it('keeps skills and aspirations of one sentence apart', () => {
    const text = 'Pythonを使った開発経験を活かしてPMになりたい';
    expect(has(text)).toEqual(['python']);
    expect(wants(text)).toEqual(['project_management']);
    expect(wants('PythonやSQLを学びたい')).toEqual(['python', 'sql']);
  });

  it('turns a negated skill followed by a wish into an aspiration (「Pythonは未経験だが学びたい」)', () => {
    expect(wants('Pythonは未経験だが学びたい')).toEqual(['python']);
    expect(wants('I have no SQL experience but want to learn it.')).toEqual(['sql']);
    expect(wants('英語は苦手なので克服したい')).toEqual(['english']);
  });

  it('drops an unwanted skill entirely (「営業はやりたくない」「営業は避けたい」)', () => {
    expect(tag('営業はやりたくない')).toEqual([]);
    expect(tag('Pythonは学びたくない')).toEqual([]);
    expect(tag('営業は避けたい')).toEqual([]);
    expect(tag('営業は向いていないと感じるので、営業へのローテーションは避けたい。')).toEqual([]);
    expect(tag('Excel作業からは離れたい')).toEqual([]);
  });

  it('reads a wish through a skill the mention modifies (「Pythonでのデータ分析に興味がある」)', () => {
    expect(wants('Pythonでのデータ分析に興味がある。')).toEqual(['python', 'data_analysis']);
  });

  it('reads a wish past a clause that only leads up to it (「SQLを覚えて、…なりたい」)', () => {
    expect(wants('SQLを覚えて、データを自分で抽出できるようになりたい。')).toEqual(['sql']);
    expect(wants('Pythonのレベルを上げるため、社外研修を受けたい。')).toEqual(['python']);
    expect(has('Pythonを勉強して、業務効率化を実現した。')).toEqual(['python']);
    expect(has('PLC制御を担当して、今後は設計もやりたい')).toEqual(['plc']);
  });

  it("does not take a manager's expectation for a current skill (「…にも期待」「取り組んでほしい」)", () => {
    expect(has('次期はPLC制御の指導にも期待。')).toEqual([]);
    expect(has('今後はPythonの習得にも取り組んでほしい。')).toEqual([]);
    expect(has('期待以上の成果。品質管理の改善を主導した。')).toEqual(['quality_control']);
  });

  it('gives an aspiration no level hint', () => {
    expect(one('PLC制御の指導ができるようになりたい', 'plc')).toMatchObject({ kind: 'wants', level_hint: null });
  });
});

describe('createTaxonomyMatcher: level hints', () => {
  it.each([
    ['後輩にPLC制御を指導している', 4],
    ['社内研修でPythonの講師を務めた', 4],
    ['Excelの社内トップとして頼られている', 4],
    ['PLC制御の改修を主導した', 3],
    ['プロジェクトをリードし、PMとして納期を守った', 3],
    ['PLC制御の設計を独力で行った', 3],
    ['品質管理を担当している', 2],
    ['SQLの実務経験がある', 2],
    ['Pythonを勉強中', 1],
    ['Pythonは学習中です', 1],
    ['Excelの研修を受けた', 1],
    ['I mentored juniors in SQL.', 4],
    ['Led the migration to AWS.', 3],
    ['Three years of experience with SQL.', 2],
    ['Currently learning Python.', 1],
  ] as const)('%s → %i', (text, level) => {
    const [m] = tag(text).filter((x) => x.kind === 'has');
    expect(m?.level_hint).toBe(level);
  });

  it('gives null without a level cue', () => {
    expect(one('Pythonが好き', 'python').level_hint).toBeNull();
  });

  it('does not read 未経験 as 経験, nor リードタイム as リード', () => {
    expect(one('未経験だったPLC制御を習得した', 'plc').level_hint).toBeNull();
    expect(one('生産技術でリードタイムを見直した', 'production_engineering').level_hint).toBeNull();
  });

  it('reads the level from the clause of each skill', () => {
    const text = 'Pythonは独学で勉強中、SQLは業務で5年使っている';
    expect(one(text, 'python').level_hint).toBe(1);
    expect(one(text, 'sql').level_hint).toBe(2);
  });
});

describe('createTaxonomyMatcher: confidence', () => {
  it('starts a bare mention at 0.6', () => {
    expect(one('Pythonが好き', 'python').confidence).toBe(0.6);
  });

  it('gives two-letter abbreviations less (PM: 0.5)', () => {
    expect(one('PMとして参画', 'project_management').confidence).toBe(0.5);
    expect(one('プロマネとして参画', 'project_management').confidence).toBe(0.6);
  });

  it('raises confidence with concrete evidence, up to 0.9', () => {
    expect(one('生産技術を担当', 'production_engineering').confidence).toBe(0.7);
    expect(one('PLC制御の改修を主導し、不良率を30%削減した', 'plc').confidence).toBe(0.9);
    expect(one('Led the migration to AWS and reduced cost by 30%.', 'aws').confidence).toBe(0.9);
  });

  it('lowers confidence in vague contexts', () => {
    expect(one('Pythonは少し触った程度', 'python').confidence).toBe(0.3);
    expect(one('I have used Excel a little.', 'excel').confidence).toBeLessThan(0.5);
  });

  it('always stays within [0, 1]', () => {
    const text = 'PLC制御の改修を主導し、指導・講師・資格取得・合格・認定・削減・短縮・改善・構築・導入を5年で30%達成した。';
    for (const m of tag(text)) {
      expect(m.confidence).toBeGreaterThanOrEqual(0);
      expect(m.confidence).toBeLessThanOrEqual(1);
    }
    const vague = 'たぶん少しだけ多少若干ちょっとなんとなくExcelをかじった程度かもしれない気がする';
    for (const m of tag(vague)) expect(m.confidence).toBeGreaterThanOrEqual(0);
  });
});

describe('createTaxonomyMatcher: evidence and output', () => {
  it('uses the original text of the right sentence as evidence', () => {
    const text = '面談を実施した。  ＰＬＣのラダーを独力で設計できる！\nI want to learn SQL. 以上';
    expect(tag(text).map((m) => [m.skill_id, m.evidence])).toEqual([
      ['plc', 'ＰＬＣのラダーを独力で設計できる！'],
      ['sql', 'I want to learn SQL.'],
    ]);
  });

  it('returns one result per skill per sentence, and one per sentence it appears in', () => {
    expect(tag('PythonでPythonのツールをPythonで作った。')).toHaveLength(1);
    expect(tag('Pythonを使う。Pythonを教える。')).toHaveLength(2);
  });

  it('prefers has over wants for a skill mentioned both ways in one sentence', () => {
    expect(one('Pythonは実務で使っているが、Pythonの資格も取りたい', 'python').kind).toBe('has');
  });

  it('sorts by position of first occurrence, then skill_id', () => {
    expect(tag('SQLとPythonとExcelを使う。').map((m) => m.skill_id)).toEqual(['sql', 'python', 'excel']);
    const shared = createTaxonomyMatcher([
      { skill_id: 'b_skill', name_ja: '共有語', name_en: 'shared', category: 'x', synonyms: [] },
      { skill_id: 'a_skill', name_ja: '共有語', name_en: 'shared', category: 'x', synonyms: [] },
    ]);
    expect(shared('共有語を担当').map((m) => m.skill_id)).toEqual(['a_skill', 'b_skill']);
  });

  it('is deterministic: same input, same output, whatever the taxonomy order', () => {
    const text = 'PMとして品質管理の改善を主導し、後輩のPLC制御の指導も担当した。英語は苦手だが、Pythonは学びたい。';
    const first = JSON.stringify(tag(text));
    expect(JSON.stringify(tag(text))).toBe(first);
    expect(JSON.stringify(createTaxonomyMatcher([...TAXONOMY].reverse())(text))).toBe(first);
  });

  it('works for key-position titles given as a taxonomy (offline provider)', () => {
    const titles = createTaxonomyMatcher([{ skill_id: 'KP-01', name_ja: '生産技術課長', name_en: '生産技術課長', category: 'position', synonyms: [] }]);
    expect(titles('将来は生産技術課長を目指したい')).toMatchObject([{ skill_id: 'KP-01', kind: 'wants' }]);
  });

  it('tags 20,000 notes of about 300 characters (sanity run, not timed)', () => {
    const parts = [
      'PLC制御の改修を主導し、不良率を30%削減した。',
      'Excelは使ったことがないが、Pythonは勉強中です。',
      '将来はPMになりたいと話していた。',
      'I led the AWS migration and mentored two juniors. ',
      '面談では家庭の事情について相談があり、次回フォローする。',
      '品質管理の担当として、QC活動を推進している。',
      '生産技術の業務で3D-CADを日常的に使用。',
      '特に懸念はなく、現状の業務を続けたいとのこと。',
    ];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let results = 0;
    for (let i = 0; i < 20_000; i++) {
      let note = '';
      while (note.length < 300) note += parts[Math.floor(next() * parts.length)];
      results += tag(note).length;
    }
    expect(results).toBeGreaterThan(0);
  });
});

// The labelled set (tests/fixtures/tagging/labelled.jsonl) is for precision/recall reporting against the real
// taxonomy; `skills` are what the text shows (kind has), `wants` what it wishes for.
describe('labelled evaluation set', () => {
  const fixture = new URL('../../fixtures/tagging/labelled.jsonl', import.meta.url);
  const taxonomyFile = new URL('../../../data/taxonomy/skills.csv', import.meta.url);
  const rows = readFileSync(fixture, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { text: string; skills: string[]; wants: string[] });

  it('has about 60+ well-formed lines, including negatives that must yield no skill', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
    for (const r of rows) {
      expect(typeof r.text).toBe('string');
      expect(Array.isArray(r.skills) && Array.isArray(r.wants)).toBe(true);
    }
    expect(rows.filter((r) => r.skills.length === 0 && r.wants.length === 0).length).toBeGreaterThanOrEqual(15);
  });

  it('uses only skill ids of the real taxonomy and keeps precision and recall ≥ 0.9', () => {
    const taxonomy = parseTaxonomyCsv(readFileSync(taxonomyFile, 'utf8'), 'skills.csv');
    const ids = new Set(taxonomy.map((s) => s.skill_id));
    for (const r of rows) for (const id of [...r.skills, ...r.wants]) expect(ids.has(id), `${id} (${r.text})`).toBe(true);
    const matcher = createTaxonomyMatcher(taxonomy);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const r of rows) {
      const out = matcher(r.text);
      for (const [kind, gold] of [['has', new Set(r.skills)], ['wants', new Set(r.wants)]] as const) {
        const got = new Set(out.filter((m) => m.kind === kind).map((m) => m.skill_id));
        for (const s of got) if (gold.has(s)) tp++;
        else fp++;
        for (const s of gold) if (!got.has(s)) fn++;
      }
    }
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.9);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.9);
  });
});
