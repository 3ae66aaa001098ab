/**
 * Free text: evaluation comments and career-interview notes. Real comments are uneven (specific and
 * evidence-based, vague, or empty) and real notes mix Japanese with English terms, aspirations, worries and
 * promises with dates; the batch's tagging and summarizing is only tested if the sample is that messy too.
 * Every character used here must survive CP932 (checked when the files are written).
 */
import { type Day, addMonths, fromDay, slashShort } from './dates.ts';
import { type Rng, chance, int, pick, sample, weighted } from './random.ts';

const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));

// ---------------------------------------------------------------------------------------------------------
// Evaluation comments

/** Evidence a manager writes when they take the time: one achievement per skill, with numbers. */
const ACHIEVEMENTS: Record<string, readonly string[]> = {
  plc: ['PLC制御のラダー改修を主導し、ライン停止を月{a}回から{b}回に削減した。', 'シーケンサのプログラムを整理し、段取り替え時の誤動作をなくした。'],
  machining: ['切削条件の見直しで加工時間を{p}%短縮した。', '難削材の切削加工に取り組み、工具寿命を{p}%延ばした。'],
  nc_lathe: ['NC旋盤の段取り手順を標準化し、段取り時間を{m}分短縮した。', 'NC旋盤での精密加工を任せられるレベルになった。'],
  machining_center: ['マシニングセンタの5軸加工に習熟し、外注部品{n}点の内製化に貢献した。'],
  welding: ['TIG溶接の技能を活かし、フレーム溶接の手直しを{p}%削減した。', '溶接技能者の資格を取得し、難しい薄板溶接を担当できるようになった。'],
  injection_molding: ['射出成形の条件出しを担当し、ショート不良を{p}%低減した。', '成形機の立ち上げ時間を短縮し、稼働率を{y}%まで高めた。'],
  assembly: ['精密ユニットの組立で不良ゼロを{n}か月継続した。', '組立手順書を改訂し、新人の習熟期間を短縮した。'],
  equipment_maintenance: ['予防保全の計画を見直し、突発停止時間を前年比{p}%削減した。', 'TPM活動の推進役として設備総合効率を{y}%に引き上げた。'],
  production_engineering: ['新ラインの立ち上げを担当し、タクトタイムを{s}秒短縮した。', '工程設計を見直し、組立工数を{p}%削減した。'],
  five_s: ['5S活動の職場リーダーとして工具置き場を標準化し、探す時間をなくした。'],
  kaizen: ['改善提案を{n}件提出し、うち{k}件が採用された。', 'QCサークルのリーダーとして社内発表会で入賞した。'],
  inspection: ['外観検査の判定基準を整理し、検査員間のばらつきを減らした。', '受入検査の抜き取り方法を見直し、検査工数を{p}%削減した。'],
  measurement: ['三次元測定機の測定プログラムを作成し、測定時間を半減させた。'],
  quality_control: ['QC七つ道具を使った不良解析で、工程内不良率を{x}%から{z}%に改善した。', '管理図による工程監視を定着させた。'],
  quality_assurance: ['顧客監査の対応窓口を務め、重大な指摘ゼロで完了した。', '品質保証体制の見直しを進め、流出不良を{p}%削減した。'],
  fmea: ['新製品の工程FMEAを取りまとめ、量産前に重大リスクを{n}件潰し込んだ。'],
  why_why: ['なぜなぜ分析で真因を特定し、同一不具合の再発を防止した。'],
  mechanical_design: ['新型ステージの機構設計を担当し、部品点数を{p}%削減した。', '機械設計の担当として納期通りに出図した。'],
  cad: ['3D-CADでの設計標準化を進め、図面作成工数を削減した。', 'SolidWorksの部品ライブラリを整備した。'],
  electrical_design: ['制御盤の回路設計を標準化し、設計期間を{w}週間短縮した。'],
  embedded: ['組込みソフトの不具合を迅速に修正し、市場クレームを抑えた。', 'ファームウェアの改修を計画通りリリースした。'],
  production_planning: ['生産計画の立案精度を高め、納期遵守率を{y}%に引き上げた。'],
  inventory: ['在庫管理の見直しで滞留在庫を{mm}百万円削減した。', '棚卸差異の原因を洗い出し、差異を大幅に減らした。'],
  cost_management: ['原価管理の仕組みを整え、主力機種の原価を{p}%低減した。'],
  procurement: ['調達先の見直しと価格交渉で、年間{mm}百万円のコストダウンを実現した。', '部品の複数購買化を進め、供給リスクを下げた。'],
  excel: ['Excelで集計表を整備し、月次報告の作成時間を短縮した。'],
  vba: ['VBAマクロで日報集計を自動化し、月{h}時間の工数削減につなげた。'],
  python: ['Pythonで設備ログの分析スクリプトを作成し、異常の早期発見に役立てた。', 'Pythonを使った検査データの自動集計を実現した。'],
  sql: ['SQLで基幹システムのデータ抽出を整備し、各部門の依頼に迅速に対応した。'],
  aws: ['AWSへのサーバー移行を計画通り完了させた。', 'AWSの運用コストを見直し、月額費用を{p}%削減した。'],
  security: ['情報セキュリティ教育を企画し、標的型メール訓練の開封率を{p}%下げた。'],
  statistics: ['統計解析（回帰分析）で加工条件と寸法ばらつきの関係を明らかにした。'],
  data_analysis: ['生産データの分析から稼働率低下の要因を特定した。', 'データ分析に基づく提案で、部門の意思決定を早めた。'],
  leadership: ['チームをまとめ、繁忙期も残業を抑えながら目標を達成した。', 'リーダーシップを発揮し、部門横断の課題を解決に導いた。'],
  people_development: ['後輩{n}名のOJTを担当し、全員が独り立ちできた。', '部下育成に力を入れ、チームの多能工化率を{y}%に高めた。'],
  project_management: ['PMとして{project}を予定通り完了させた。', 'プロジェクト管理を徹底し、遅延なく立ち上げた。'],
  negotiation: ['顧客との価格交渉で粘り強く折衝し、値上げを受け入れてもらった。'],
  presentation: ['社内技術発表会でのプレゼンテーションが高く評価された。', '顧客向けのプレゼンで受注につなげた。'],
  sales: ['新規顧客を{n}社開拓し、売上目標の{y}%を達成した。', '既存顧客への提案営業で大型案件を受注した。'],
  labor_management: ['36協定の運用を見直し、月45時間超の残業者を大幅に減らした。'],
  financial_accounting: ['月次決算を{d}営業日早期化した。', '連結決算の取りまとめを一人でこなせるようになった。'],
  legal: ['海外代理店契約の契約書審査を担当し、リスクを事前に回避した。'],
  english: ['英語での海外顧客対応を一人でこなせるようになった。', 'TOEICのスコアを{score}点まで伸ばした。'],
  chinese: ['中国語で現地サプライヤーと直接やり取りし、納期調整を円滑にした。'],
  safety_health: ['KY活動を定着させ、職場の休業災害ゼロを継続した。', 'ヒヤリハット報告を月{n}件に増やし、安全意識を高めた。'],
};

const PROJECTS = ['新型ステージの量産立ち上げ', '基幹システムの更新', 'タイ工場の設備移管', '検査工程の自動化', 'IoTによる稼働監視の導入', '新製品の試作評価'];

const NEXT_STEPS = [
  '次期は後輩指導にも期待。',
  '今後は{skill}の習得にも取り組んでほしい。',
  '次期はリーダーとしての役割を期待する。',
  '引き続き改善をリードしてほしい。',
  '視野を広げるため、他部署との連携も期待。',
  '次期は標準化まで仕上げてほしい。',
];

const BY_GRADE: Record<string, readonly string[]> = {
  S: ['期初目標を大きく上回る成果を上げた。周囲への波及効果も大きい。', '難易度の高い課題をやり遂げ、部門業績に大きく貢献した。'],
  A: ['目標を上回る成果。主体的に課題に取り組んだ。', '担当業務を高いレベルで遂行した。', '期待以上の働きだった。'],
  B: ['担当業務を着実に遂行した。', '目標を概ね達成した。引き続き主体的な取り組みを期待する。', '安定して業務をこなしている。', '与えられた役割は果たしている。'],
  C: ['目標未達の項目が多かった。報連相の改善が必要。', '納期遅れが散見された。計画的な業務遂行を求める。', '業務の習熟に時間がかかっている。'],
  D: ['重大なミスが複数回発生した。基本動作の徹底が必要。', '目標を大きく下回った。改善計画に沿って指導する。'],
};

const VAGUE = ['よく頑張っていた。', '特になし', '問題なし。', '引き続き頑張ってほしい。', '例年通り。', '普通。', '特に問題なく業務を遂行。', 'まじめに取り組んでいる。', '頑張っている'];

const WEAK_SPECIFIC = ['{skill}の基礎は身についたが、応用にはまだ時間がかかる。', '{skill}でのミスが続いた。手順の確認を徹底すること。'];

function numbers(rng: Rng): Record<string, string | number> {
  const a = int(rng, 3, 8);
  const x = (int(rng, 20, 60) / 10).toFixed(1);
  return {
    a,
    b: int(rng, 0, Math.min(1, a - 1)),
    p: int(rng, 10, 45),
    m: int(rng, 10, 40),
    n: int(rng, 2, 12),
    k: int(rng, 1, 4),
    s: int(rng, 3, 15),
    w: int(rng, 1, 4),
    h: int(rng, 8, 40),
    d: int(rng, 1, 3),
    y: int(rng, 92, 99),
    mm: int(rng, 3, 60),
    x,
    z: (Number(x) / int(rng, 2, 4)).toFixed(1),
    score: pick(rng, [650, 700, 730, 780, 820, 860]),
    project: pick(rng, PROJECTS),
  };
}

export interface EvaluationContext {
  grade: string;
  /** Skill ids the person is good at (level 3+), strongest first. */
  strengths: readonly string[];
  /** name_ja by skill id, for templates that name a skill. */
  skillName: (skillId: string) => string;
  /** 0–1: how much effort this evaluator puts into comments. */
  diligence: number;
  successor: boolean;
}

export function evaluationComment(rng: Rng, ctx: EvaluationContext): string {
  const d = ctx.diligence;
  const kind = weighted(rng, [
    ['specific', 0.15 + 0.45 * d],
    ['grade', 0.3],
    ['vague', 0.3 * (1 - d) + 0.05],
    ['empty', 0.25 * (1 - d) + 0.03],
  ] as const);
  const low = ctx.grade === 'C' || ctx.grade === 'D';
  const known = ctx.strengths.filter((s) => ACHIEVEMENTS[s]);
  if (kind === 'empty') return '';
  if (kind === 'vague') return pick(rng, VAGUE);
  if (kind === 'grade' || known.length === 0) return pick(rng, BY_GRADE[ctx.grade] ?? BY_GRADE.B!);
  const skill = pick(rng, known.slice(0, 3));
  if (low) return fill(pick(rng, WEAK_SPECIFIC), { skill: ctx.skillName(skill) });
  let text = fill(pick(rng, ACHIEVEMENTS[skill]!), numbers(rng));
  if (known.length > 1 && chance(rng, 0.3)) {
    const second = pick(rng, known.filter((s) => s !== skill));
    text += fill(pick(rng, ACHIEVEMENTS[second]!), numbers(rng));
  }
  if (ctx.successor && chance(rng, 0.5)) text += pick(rng, ['管理職候補として育成していく。', '次のポジションを任せられる段階に来ている。', '後任候補として期待している。']);
  else if (chance(rng, 0.5)) {
    const other = ctx.strengths.length > 3 ? ctx.skillName(ctx.strengths[3]!) : 'リーダーシップ';
    text += fill(pick(rng, NEXT_STEPS), { skill: other });
  }
  return text;
}

// ---------------------------------------------------------------------------------------------------------
// Interview notes

export type InterviewKind = 'キャリア面談' | '1on1' | '評価面談';

export interface InterviewContext {
  kind: InterviewKind;
  heldOn: Day;
  task: string;
  years: number;
  isManager: boolean;
  /** name_ja of skills the person is good at. */
  strengths: readonly string[];
  /** The key position they are groomed for, and its required skills (name_ja). */
  aspirationTitle: string | null;
  aspirationSkills: readonly string[];
  /** Titles of key positions in the person's area, mentioned now and then by people not groomed for them. */
  nearbyTitles: readonly string[];
  retentionRisk: boolean;
  lowRating: boolean;
  noExcel: boolean;
  weakEnglish: boolean;
  inSales: boolean;
  weakSales: boolean;
  managerFamily: string | null;
  abroad: boolean;
}

const OPENINGS: Record<InterviewKind, readonly string[]> = {
  キャリア面談: ['今期の振り返りと今後のキャリアについて面談。', 'キャリアの方向性について話した。', '入社{years}年目の節目としてキャリア面談を実施。', '年1回のキャリア面談。', 'キャリア面談（45分）。'],
  '1on1': ['定例1on1。', '1on1（30分）。最近の業務状況を確認。', '隔週の1on1。', '1on1。業務の困りごとを中心に話した。'],
  評価面談: ['{period}の評価結果をフィードバック。', '評価面談。自己評価と上長評価の差について説明した。', '{period}評価のフィードバック面談。'],
};

const CURRENT = ['現在は{task}を担当。', '{task}を中心に担当している。', '今期は{task}が主な業務。', '{task}に取り組んでいる。'];
const CONFIDENT = ['{skill}には自信がついてきたとのこと。', '{skill}は周囲から頼られるレベル。', '{skill}については一人で判断できるようになった。'];

const GROOMED = [
  '将来は{title}を目指したい。',
  '3年後には{title}としてチームを率いたいと本人は話している。',
  '{title}のポジションに挑戦したいとの希望あり。',
  '{title}を視野に、{skill}をさらに伸ばしたい。',
  'いずれは{title}を任せてもらえるよう、{skill}を強化したいとのこと。',
];
const GROOMED_SKILL = ['{skill}のレベルを上げるため、社外研修を受けたい。', '{skill}の経験をもっと積みたい。', '{skill}と{skill2}の両方を伸ばしたい。'];

const GENERAL_ASPIRATIONS = [
  '将来はPMとして海外案件をリードしたい。',
  'Pythonでのデータ分析に興味がある。',
  'AWSの資格を取りたい。クラウドの仕事に関わりたい。',
  '海外赴任にも前向き。機会があればタイ工場で働きたい。',
  'TOEIC {score}点を目標に英語を勉強中。',
  '今の職場で専門性を深めたい。管理職には興味がない。',
  'DXやIoTを活用した改善に関わりたい。',
  'QC検定2級の取得を目指している。',
  '品質保証の仕事に興味があり、将来的に異動を希望。',
  'ジョブローテーションで営業も経験したい。',
  'マネジメントより技術のスペシャリストとしてキャリアを積みたい。',
  'career pathがまだ描けていない。まずは今の業務を極めたい。',
  'リーダー職にチャレンジしたい。',
  '生成AIやChatGPTを業務に使ってみたい。',
  '設計の仕事に興味がある。3D-CADを覚えたい。',
  '後輩指導にもっと関わりたい。',
  '資格取得（第二種電気工事士）を目指している。',
  'SQLを覚えて、データを自分で抽出できるようになりたい。',
];
const NEARBY = ['将来は{title}のような立場で仕事をしたい。', '{title}になりたいという気持ちはあるが、まだ自信がない。'];

const JOB_CHANGE = [
  '転職を考えていると率直に話があった。',
  '他社から誘いがあり、転職も選択肢として検討中とのこと。',
  '今のままでは将来が見えないので転職を考えている、との発言あり。',
  '同期の退職が続き、自分も転職を意識し始めたとのこと。',
];
const EVAL_DISSATISFIED = [
  '前回の評価に納得できていない様子。評価基準の説明が必要。',
  '評価への不満があり、「頑張っても報われない」との発言あり。',
  '評価結果について、上長との認識のずれを感じている。',
];
const OVERTIME = ['月{hours}時間程度の残業が続いており、負担を感じている。', '繁忙期の残業が多く、体力的にきついとのこと。', '休日出勤が続いている。業務量の調整を希望。'];
const CARE = ['親の介護があり、当面は転勤が難しい。', '家族の介護で時短勤務を検討している。'];
const CHILDCARE = ['子どもが小さく、出張は月1回程度に抑えたい。', '育児との両立のため、フレックス勤務を希望。'];
const HEALTH = ['腰痛が悪化しており、立ち作業の負担を減らしたい。', '最近よく眠れていないとのこと。産業医面談を勧めた。'];

const OBSERVATIONS = ['本人の意欲は高い。', '表情が明るく、前向きな印象。', 'やや疲れている様子。継続してフォローする。', '口数が少なく、本音はまだ聞けていない。', '具体的な目標を持っており頼もしい。'];

interface FollowUp {
  text: string;
  /** Only when this concern was raised. */
  when?: 'overtime' | 'care' | 'retention' | 'evaluation';
}
const FOLLOW_UPS: readonly FollowUp[] = [
  { text: '来月までに研修の受講可否を回答する。' },
  { text: '{date}までに異動希望を人事に共有。' },
  { text: '次回面談で確認。' },
  { text: '上長が{date}までにOJT計画を作成する。' },
  { text: '{date}までに{skill}研修の申し込みを行う（本人）。' },
  { text: '人事から{date}までに社内公募の情報を連絡する。' },
  { text: '{date}までに業務分担を見直す（上長）。', when: 'overtime' },
  { text: '介護休業制度の資料を{date}までに渡す。', when: 'care' },
  { text: '{date}に再度面談を設定。人事にも共有済み。', when: 'retention' },
  { text: '評価基準の説明資料を{date}までに準備する。', when: 'evaluation' },
];

/** The half year whose evaluation is fed back at a meeting on `day` (the one that ended most recently). */
export function reviewedPeriod(day: Day): string {
  const { y, m } = fromDay(day);
  return m >= 4 && m <= 9 ? `${y - 1}下期` : `${m >= 10 ? y : y - 1}上期`;
}

export function interviewNote(rng: Rng, ctx: InterviewContext): string {
  const due = (): string => slashShort(addMonths(ctx.heldOn, int(rng, 1, 3)) - int(rng, 0, 10));
  const skill = ctx.aspirationSkills.length > 0 ? pick(rng, ctx.aspirationSkills) : ctx.strengths[0] ?? 'Excel';

  const opening = fill(pick(rng, OPENINGS[ctx.kind]), { years: Math.max(1, Math.round(ctx.years)), period: reviewedPeriod(ctx.heldOn) });
  const situation: string[] = [fill(pick(rng, CURRENT), { task: ctx.task })];
  if (ctx.strengths.length > 0 && chance(rng, 0.5)) situation.push(fill(pick(rng, CONFIDENT), { skill: pick(rng, ctx.strengths.slice(0, 3)) }));
  if (ctx.abroad) situation.push('タイ工場に出向中。現地スタッフとのやり取りは英語が中心。');

  const hopes: string[] = [];
  const askHopes = ctx.kind === 'キャリア面談' || chance(rng, ctx.kind === '1on1' ? 0.5 : 0.4);
  if (askHopes && ctx.aspirationTitle) {
    hopes.push(fill(pick(rng, GROOMED), { title: ctx.aspirationTitle, skill }));
    if (ctx.aspirationSkills.length > 1 && chance(rng, 0.5)) {
      const [s1, s2] = sample(rng, ctx.aspirationSkills, 2);
      hopes.push(fill(pick(rng, GROOMED_SKILL), { skill: s1!, skill2: s2! }));
    }
  } else if (askHopes) {
    hopes.push(fill(pick(rng, GENERAL_ASPIRATIONS), { score: pick(rng, [600, 700, 730, 800]) }));
    if (ctx.nearbyTitles.length > 0 && chance(rng, 0.12)) hopes.push(fill(pick(rng, NEARBY), { title: pick(rng, ctx.nearbyTitles) }));
  }

  const worries: string[] = [];
  const raised = new Set<FollowUp['when']>();
  if (ctx.retentionRisk && chance(rng, 0.85)) {
    worries.push(pick(rng, JOB_CHANGE));
    raised.add('retention');
  }
  if (ctx.lowRating && chance(rng, 0.5)) {
    worries.push(pick(rng, EVAL_DISSATISFIED));
    raised.add('evaluation');
  }
  if (chance(rng, 0.15)) {
    worries.push(fill(pick(rng, OVERTIME), { hours: int(rng, 40, 70) }));
    raised.add('overtime');
  }
  if (chance(rng, 0.06)) {
    worries.push(pick(rng, CARE));
    raised.add('care');
  }
  if (chance(rng, 0.05)) worries.push(pick(rng, CHILDCARE));
  if (chance(rng, 0.03)) worries.push(pick(rng, HEALTH));
  if (ctx.noExcel && chance(rng, 0.15)) worries.push('Excelは使ったことがないので、集計業務を任されると不安。');
  if (ctx.inSales && ctx.weakSales && chance(rng, 0.25)) worries.push('営業職は向いていないと感じる。技術職への異動を希望。');
  else if (!ctx.inSales && chance(rng, 0.03)) worries.push('営業職は向いていないと感じるので、営業へのローテーションは避けたい。');
  if (ctx.weakEnglish && chance(rng, 0.08)) worries.push('英語には苦手意識がある。');

  const actions: string[] = [];
  const fitting = FOLLOW_UPS.filter((f) => f.when !== undefined && raised.has(f.when));
  if (fitting.length > 0) actions.push(fill(pick(rng, fitting).text, { date: due(), skill }));
  if (chance(rng, 0.75)) {
    const general = FOLLOW_UPS.filter((f) => f.when === undefined);
    actions.push(fill(pick(rng, general).text, { date: due(), skill }));
  }

  const observation = chance(rng, 0.35) ? pick(rng, OBSERVATIONS) : null;
  const attended = ctx.managerFamily && chance(rng, 0.1) ? `（上長の${ctx.managerFamily}さん同席）` : null;

  const style = weighted(rng, [
    ['prose', 55],
    ['labelled', 22],
    ['terse', 23],
  ] as const);
  if (style === 'labelled') {
    const lines = [`${opening}${attended ?? ''}`, `【現状】${situation.join('')}`];
    if (hopes.length > 0) lines.push(`【希望】${hopes.join('')}`);
    if (worries.length > 0) lines.push(`【懸念】${worries.join('')}`);
    if (actions.length > 0) lines.push(`【対応】${actions.join('')}`);
    return lines.join('\n');
  }
  if (style === 'terse') {
    const parts = [...hopes.slice(0, 1), ...worries.slice(0, 2)];
    if (parts.length === 0) parts.push(situation[0]!);
    const tail = actions.length > 0 ? `→${actions[0]}` : '';
    return `${parts.join('')}${tail}`;
  }
  const body = [opening, attended ?? '', ...situation, ...hopes, ...worries, observation ?? ''].join('');
  if (actions.length === 0) return body;
  return chance(rng, 0.25) ? `${body}\n${actions.join('')}` : `${body}${actions.join('')}`;
}
