/**
 * Which skills a department cares about and how a skill-map cell is filled in.
 * Levels follow the config's scale (◎ 4, ○ 3, △ 2, × 0); the generator thinks in levels and only turns them
 * into symbols when writing, so key-position requirements and cells stay consistent.
 */
import { type Rng, chance, normal, weighted } from './random.ts';
import { type Skill, termKey } from './taxonomy.ts';

/**
 * Columns of the Excel skill map, in sheet order. `header` is set where a real sheet spells the skill
 * differently from the taxonomy's name_ja (full-width letters, another katakana spelling, an abbreviation):
 * the batch must resolve those through the taxonomy synonyms.
 */
export const MATRIX_COLUMNS: readonly { skill_id: string; header?: string }[] = [
  { skill_id: 'plc', header: 'ＰＬＣ制御' },
  { skill_id: 'machining' },
  { skill_id: 'nc_lathe' },
  { skill_id: 'machining_center', header: 'マシニングセンター' },
  { skill_id: 'welding' },
  { skill_id: 'injection_molding' },
  { skill_id: 'assembly' },
  { skill_id: 'equipment_maintenance' },
  { skill_id: 'production_engineering' },
  { skill_id: 'five_s' },
  { skill_id: 'kaizen' },
  { skill_id: 'inspection' },
  { skill_id: 'measurement' },
  { skill_id: 'quality_control' },
  { skill_id: 'quality_assurance' },
  { skill_id: 'fmea' },
  { skill_id: 'why_why' },
  { skill_id: 'mechanical_design' },
  { skill_id: 'cad', header: '3D-CAD' },
  { skill_id: 'electrical_design' },
  { skill_id: 'embedded', header: '組込みソフト' },
  { skill_id: 'production_planning' },
  { skill_id: 'inventory' },
  { skill_id: 'cost_management' },
  { skill_id: 'procurement' },
  { skill_id: 'excel' },
  { skill_id: 'vba' },
  { skill_id: 'python' },
  { skill_id: 'sql', header: 'ＳＱＬ' },
  { skill_id: 'aws' },
  { skill_id: 'security' },
  { skill_id: 'statistics' },
  { skill_id: 'data_analysis' },
  { skill_id: 'leadership' },
  { skill_id: 'people_development' },
  { skill_id: 'project_management', header: 'プロジェクトマネージメント' },
  { skill_id: 'negotiation' },
  { skill_id: 'presentation', header: 'プレゼン' },
  { skill_id: 'sales' },
  { skill_id: 'labor_management' },
  { skill_id: 'financial_accounting' },
  { skill_id: 'legal' },
  { skill_id: 'english' },
  { skill_id: 'chinese' },
  { skill_id: 'safety_health' },
];

export interface MatrixColumn {
  skill_id: string;
  header: string;
  name_ja: string;
}

/** Resolve headers from the taxonomy; a variant header must be one of the skill's listed synonyms. */
export function matrixColumns(skills: ReadonlyMap<string, Skill>): MatrixColumn[] {
  return MATRIX_COLUMNS.map((c) => {
    const s = skills.get(c.skill_id);
    if (!s) throw new Error(`skill map column "${c.skill_id}" is not in the taxonomy`);
    const header = c.header ?? s.name_ja;
    if (c.header !== undefined && !s.synonyms.includes(c.header)) {
      throw new Error(`skill map header "${c.header}" is not a synonym of ${c.skill_id} in the taxonomy`);
    }
    return { skill_id: s.skill_id, header, name_ja: s.name_ja };
  });
}

/** Skills every manager is assessed on; their level grows with grade rather than with the department. */
export const MANAGEMENT_SKILLS: readonly string[] = [
  'leadership',
  'people_development',
  'project_management',
  'negotiation',
  'presentation',
];

export interface Profile {
  /** Skills the department's work is made of: always assessed, level grows with seniority. */
  core: readonly string[];
  /** Skills some people in the department have. */
  secondary: readonly string[];
  /** A short description of the work, used in evaluation comments and interview notes. */
  tasks: readonly string[];
}

export const PROFILES = {
  executive: {
    core: ['leadership', 'negotiation', 'presentation'],
    secondary: ['english', 'financial_accounting', 'people_development'],
    tasks: ['経営会議の運営', '全社方針の策定'],
  },
  planning: {
    core: ['data_analysis', 'presentation', 'excel'],
    secondary: ['financial_accounting', 'english', 'project_management', 'statistics'],
    tasks: ['中期経営計画の取りまとめ', '予算編成', '新規事業の調査'],
  },
  hr: {
    core: ['labor_management', 'excel'],
    secondary: ['presentation', 'people_development', 'legal', 'data_analysis'],
    tasks: ['採用活動', '労務管理', '研修の企画運営', '人事制度の運用'],
  },
  finance: {
    core: ['financial_accounting', 'excel', 'cost_management'],
    secondary: ['vba', 'english', 'sql'],
    tasks: ['月次決算', '原価計算', '予算管理', '連結決算'],
  },
  general_affairs: {
    core: ['excel', 'safety_health'],
    secondary: ['legal', 'labor_management', 'presentation'],
    tasks: ['株主総会の準備', '社内規程の整備', '施設管理'],
  },
  legal: {
    core: ['legal', 'negotiation'],
    secondary: ['english', 'excel'],
    tasks: ['契約書審査', '特許出願', '輸出管理の該非判定'],
  },
  mech_design: {
    core: ['mechanical_design', 'cad', 'fmea'],
    secondary: ['statistics', 'project_management', 'english', 'machining'],
    tasks: ['新型精密ステージの機構設計', '既存機種の設計変更', '試作機の評価'],
  },
  elec_design: {
    core: ['electrical_design', 'plc', 'embedded'],
    secondary: ['cad', 'fmea', 'python', 'project_management'],
    tasks: ['制御盤の回路設計', 'サーボ制御の調整', 'ファームウェア改修'],
  },
  software: {
    core: ['embedded', 'python'],
    secondary: ['sql', 'aws', 'project_management', 'data_analysis', 'english'],
    tasks: ['装置制御ソフトの開発', '検査装置のソフト改修', 'IoTデータ収集の仕組みづくり'],
  },
  prod_eng: {
    core: ['production_engineering', 'plc', 'cad', 'equipment_maintenance'],
    secondary: ['project_management', 'fmea', 'kaizen', 'python', 'statistics', 'machining_center', 'cost_management'],
    tasks: ['新ラインの立ち上げ', '工程設計', '自動化設備の導入', 'タクトタイム短縮'],
  },
  research: {
    core: ['statistics', 'python', 'data_analysis'],
    secondary: ['mechanical_design', 'english', 'cad', 'presentation'],
    tasks: ['次世代計測技術の研究', '画像処理アルゴリズムの検証'],
  },
  assembly: {
    core: ['assembly', 'inspection', 'five_s', 'kaizen'],
    secondary: ['plc', 'equipment_maintenance', 'measurement', 'why_why', 'excel', 'safety_health', 'quality_control'],
    tasks: ['精密ユニットの組立', '最終組立と調整', '組立工程の改善'],
  },
  machining: {
    core: ['machining', 'nc_lathe', 'machining_center', 'measurement', 'five_s'],
    secondary: ['welding', 'kaizen', 'inspection', 'cad', 'safety_health', 'why_why'],
    tasks: ['精密部品の切削加工', 'NCプログラムの作成', '段取り替えの短縮'],
  },
  molding: {
    core: ['injection_molding', 'five_s', 'inspection'],
    secondary: ['equipment_maintenance', 'kaizen', 'why_why', 'safety_health', 'quality_control'],
    tasks: ['樹脂部品の成形', '成形条件の最適化', '金型の段取り'],
  },
  maintenance: {
    core: ['equipment_maintenance', 'plc', 'welding', 'safety_health'],
    secondary: ['production_engineering', 'kaizen', 'why_why', 'electrical_design', 'five_s'],
    tasks: ['設備の予防保全', '突発故障の対応', '保全計画の立案'],
  },
  production_control: {
    core: ['production_planning', 'inventory', 'excel'],
    secondary: ['vba', 'cost_management', 'sql', 'data_analysis', 'negotiation'],
    tasks: ['月次生産計画の立案', '在庫の適正化', '納期調整'],
  },
  procurement: {
    core: ['procurement', 'negotiation', 'cost_management'],
    secondary: ['excel', 'inventory', 'english', 'chinese', 'quality_control'],
    tasks: ['部品の調達', '仕入先との価格交渉', '海外サプライヤーの開拓'],
  },
  overseas_production: {
    core: ['production_engineering', 'english', 'production_planning'],
    secondary: ['chinese', 'quality_control', 'negotiation', 'leadership'],
    tasks: ['タイ工場の立ち上げ支援', '現地スタッフの教育'],
  },
  quality_control: {
    core: ['quality_control', 'inspection', 'measurement', 'why_why', 'statistics'],
    secondary: ['fmea', 'excel', 'python', 'safety_health'],
    tasks: ['工程内品質の監視', '不良解析', '測定器の管理'],
  },
  quality_assurance: {
    core: ['quality_assurance', 'fmea', 'why_why', 'quality_control'],
    secondary: ['statistics', 'english', 'presentation', 'negotiation'],
    tasks: ['顧客クレーム対応', 'ISO9001の維持', '出荷品質の保証'],
  },
  env_safety: {
    core: ['safety_health'],
    secondary: ['quality_assurance', 'excel', 'five_s', 'presentation'],
    tasks: ['安全パトロール', '環境法令の遵守確認', 'ISO14001の運用'],
  },
  it: {
    core: ['sql', 'security', 'aws'],
    secondary: ['python', 'excel', 'vba', 'project_management', 'data_analysis'],
    tasks: ['基幹システムの保守', '社内ネットワークの運用', 'クラウド移行', '情報セキュリティ対策'],
  },
  data: {
    core: ['python', 'sql', 'data_analysis', 'statistics'],
    secondary: ['aws', 'excel', 'presentation'],
    tasks: ['生産データの分析', 'BIダッシュボードの構築', '需要予測モデルの検証'],
  },
  sales: {
    core: ['sales', 'presentation', 'negotiation'],
    secondary: ['excel', 'english', 'mechanical_design', 'data_analysis'],
    tasks: ['既存顧客への提案営業', '新規顧客の開拓', '見積と価格交渉'],
  },
  overseas_sales: {
    core: ['sales', 'english', 'negotiation'],
    secondary: ['chinese', 'presentation', 'excel'],
    tasks: ['海外代理店の管理', '欧州顧客への提案', '海外展示会の出展'],
  },
  service: {
    core: ['equipment_maintenance', 'plc', 'assembly'],
    secondary: ['sales', 'english', 'presentation', 'safety_health'],
    tasks: ['顧客先での据付調整', '故障修理の対応', '定期点検'],
  },
  sales_planning: {
    core: ['data_analysis', 'excel', 'presentation'],
    secondary: ['sales', 'statistics', 'vba'],
    tasks: ['販売計画の策定', '市場調査', '営業データの分析'],
  },
} satisfies Record<string, Profile>;

export type ProfileKey = keyof typeof PROFILES;

/** Every profile skill must be a skill-map column, or a key position could require an unassessable skill. */
export function checkProfiles(columns: readonly MatrixColumn[]): void {
  const ids = new Set(columns.map((c) => c.skill_id));
  for (const [key, p] of Object.entries(PROFILES) as [string, Profile][]) {
    for (const s of [...p.core, ...p.secondary]) {
      if (!ids.has(s)) throw new Error(`profile ${key}: skill ${s} is not a skill-map column`);
    }
  }
  for (const s of MANAGEMENT_SKILLS) if (!ids.has(s)) throw new Error(`management skill ${s} is not a column`);
  // Headers must be unique after normalization, or the batch could not tell two columns apart.
  const seen = new Set<string>();
  for (const c of columns) {
    const k = termKey(c.header);
    if (seen.has(k)) throw new Error(`duplicate skill-map header ${c.header}`);
    seen.add(k);
  }
}

export type Relevance = 'core' | 'secondary' | 'management' | 'none';

export function relevance(profile: Profile, skillId: string): Relevance {
  if (profile.core.includes(skillId)) return 'core';
  if (MANAGEMENT_SKILLS.includes(skillId)) return 'management';
  if (profile.secondary.includes(skillId)) return 'secondary';
  return 'none';
}

/**
 * A person's level (0–4) in one skill, or null when the sheet leaves it blank (not assessed).
 * seniority is 0–1 (grade and tenure), rank is grade index / 8, aptitude a personal z-score.
 */
export function skillLevel(
  rng: Rng,
  rel: Relevance,
  seniority: number,
  rank: number,
  aptitude: number,
): number | null {
  const noise = normal(rng) * 0.7;
  let x: number;
  switch (rel) {
    case 'core':
      x = 1.1 + 2.7 * seniority + 0.5 * aptitude + noise;
      break;
    case 'secondary':
      if (chance(rng, 0.2)) return null;
      x = 0.3 + 2.2 * seniority + 0.5 * aptitude + noise;
      break;
    case 'management':
      if (rank < 0.4 && chance(rng, 0.35)) return null;
      x = 0.4 + 4.0 * rank + 0.4 * aptitude + noise - 0.4;
      break;
    case 'none':
      // Outside their department's work people leave the cell blank, write × ("none"), or at most △.
      return weighted<number | null>(rng, [
        [null, 88],
        [0, 9],
        [2, 3],
      ]);
  }
  return Math.max(0, Math.min(4, Math.round(x)));
}

/**
 * The symbol a manager types for a level. The scale has no symbol for 1, so people write △ or × for it;
 * ○ is sometimes typed as 〇 (the kanji zero) because IMEs offer both.
 */
export function levelSymbol(rng: Rng, level: number): string {
  switch (level) {
    case 4:
      return '◎';
    case 3:
      return chance(rng, 0.08) ? '〇' : '○';
    case 2:
      return '△';
    case 1:
      return chance(rng, 0.6) ? '△' : '×';
    default:
      return '×';
  }
}
