import type { CommentQualityOutput } from '../../../schemas/ai-tasks.ts';
import { splitSentences } from '../../tagging/sentences.ts';

/**
 * Task 3 offline: is an evaluation comment usable? Three yes/no criteria read by rules, a score and what is
 * missing. Pure, deterministic. Cues are read on the NFKC-folded text (full-width digits and letters).
 *
 * SPECIFIC — the comment names concrete work, results or behaviours, not only judgements. Its content words are
 *  the runs of kanji, katakana and ASCII letters/digits (「月次報告」「価格交渉」「Excel」「PLC制御」「報連相」).
 *  A run is generic when, after removing the generic evaluation vocabulary (業務, 担当, 役割, 目標, 成果, 課題,
 *  期待, 遂行, 着実, 主体的, 習熟, 達成, 貢献, 業績, 部門, 改善, 計画, 指導, 徹底, 必要, 基本, 基礎, 応用,
 *  レベル, ミス, チーム, リーダーシップ, 頑張 … see GENERIC) at most one character is left (「担当業務」
 *  「目標未達」「例年通」 are generic; 「納期遅」 is not). specific = at least one non-generic run. In an English
 *  sentence only acronyms, CamelCase words, capitalised words inside the sentence and long words outside a list
 *  of common evaluation words count.
 *
 * EVIDENCE_BASED — facts or figures behind the judgement, in at least one sentence:
 *  - a figure: a number with a unit or a percentage (30%, 2割, 5件, 月3回, 100万円, 20時間, 3名, 5社, 800点,
 *    2倍, 3か月, 1級 …), a before → after (「1.2%から0.4%に」), or a figure word: 半減, 倍増, ゼロ, 撲滅, なくした;
 *  - or a verifiable outcome of named work: an outcome verb (受注, 入賞, 受賞, 表彰, 合格, 取得, 内製化, 自動化,
 *    標準化, 定着, 特定, 完了, 防止, 独り立ち, 削減, 短縮, 低減, 向上, 引き上げ, 開拓, 採用された, 高く評価,
 *    遅延なく, 予定通り, 実現 …) in a sentence that is itself specific. 「目標を達成した」 (nothing named) is not.
 *
 * FORWARD_LOOKING — says what to do or expect next: 次期, 来期, 今後, 次年度, 引き続き, 期待 (not 期待以上,
 *  期待通り, 期待を上回る, 期待に応え), 目標は, 課題は, 〜てほしい, 求める, 必要, 〜すること, べき, 望む, 目指,
 *  指導する, 支援する, 育成する, 〜していく, 予定 (not 予定通り), 任せたい/任せられる, 後任候補; next, expect, should, going forward, would like.
 *
 * SCORE = 30 × (number of criteria met) + detail, clamped to 0–100, where detail = min(10, ⌊characters / 8⌋)
 *  and characters counts letters, digits, kana and kanji (no spaces, no punctuation). So 「よく頑張っていた。」
 *  scores 1, a specific, evidenced, forward-looking comment of 80+ characters scores 100. An empty comment and a
 *  placeholder (特になし, なし, 無し, 該当なし, 記載なし, -, ー, N/A, none) score 0 with every criterion missing.
 *
 * MISSING, in this order, one short phrase per criterion not met: 具体的な業務や成果の記述, 数値などの根拠,
 *  今後への期待や課題.
 */

export const MISSING_SPECIFIC = '具体的な業務や成果の記述';
export const MISSING_EVIDENCE = '数値などの根拠';
export const MISSING_FORWARD = '今後への期待や課題';

const PLACEHOLDER = /^(?:特に(?:なし|無し|ない|ありません)|なし|無し|該当なし|記載なし|特記事項なし|-+|ー+|―+|—+|n\/?a|none|nothing|nil)$/i;

/** Generic evaluation vocabulary: a content run made only of these (plus one stray character) is not specific. */
const GENERIC = [
  '担当業務', '業務遂行', '業務', '担当', '仕事', '役割', '職務', '目標', '成果', '結果', '課題', '問題', '期待', '以上', '以下', '主体的', '主体',
  '自主的', '積極的', '積極', '着実', '確実', '遂行', '安定', '習熟', '時間', '計画的', '計画', '改善', '必要', '評価', '全体', '全般', '姿勢',
  '意欲', '態度', '努力', '頑張', '取組', '取り組', '今期', '今後', '次期', '来期', '引続', '継続', '達成', '未達', '大幅', '上回', '下回',
  '例年', '普通', '良好', '順調', '前向', '責任感', '責任', '協調性', '協調', '周囲', '部門', '横断', '業績', '貢献', '難易度', '波及', '効果',
  '期初', '期末', '項目', '基本動作', '基本', '基礎', '応用', '動作', '徹底', '指導', '発生', '重大', '複数回', '複数', '散見', '後任候補',
  '後任', '候補', '視野', '他部署', '連携', '段階', '次', '解決', '導', '発揮', '管理職', '育成', '標準化', '後輩指導', '後輩', '役目', '能力', '実力', '力', '十分', '不十分',
  '問題無', '特', '概', '大', '高', '低', '多', '少', '良', '悪', '真面目', '誠実', '丁寧', '迅速', '正確', '柔軟', '適切', '的確', '立派',
  '期待通', '期待以上', '予定通', '予定', '想定', '水準', '一定', '一層', '更', '今一歩', '一歩', '向上', '成長', '挑戦', '習得', '求',
  '手順', '確認', '仕上', '範囲', '内容', '状況', '対応', '判断', '行動', '意識', '全員', '自身', '本人', '部下', '上司', '周り',
  'レベル', 'ミス', 'チーム', 'メンバー', 'スキル', 'ポイント', 'パフォーマンス', 'モチベーション', 'コミュニケーション', 'リーダーシップ',
  'リーダー', 'プロセス', 'スピード', 'ペース', 'チャレンジ', 'フォロー', 'サポート', 'ミッション', 'タスク', 'マネジメント',
].sort((a, b) => b.length - a.length);

const EN_GENERIC = new Set(
  (
    'good great well work works worked hard nice excellent done very job jobs team goal goals performance effort efforts keep the and with this that ' +
    'next more time always never often really quite also showed shows show improve improved improvement expected expect expectations ' +
    'results result overall period year quarter should would could will shall need needs needed continue continued growth support ' +
    'responsible reliable steady stable solid average normal problem problems issue issues nothing special better best worse worst ' +
    'contribution contributed contributes department attitude positive negative proactive initiative leadership communication ' +
    'skills skill level levels tasks task role roles duties duty assigned meet meets met achieved achieve target targets'
  ).split(' '),
);

/** A number with a unit, a percentage, a before → after, or a figure word. */
const FIGURE =
  /\d+(?:[.,]\d+)?\s*(?:%|割|件|回|円|万円|億円|千円|時間|分|秒|日|週間|か月|ヶ月|カ月|ケ月|ヵ月|箇月|年間|名|人|社|点|個|台|本|枚|倍|ppm|kg|mm|μm|cm|pt|ポイント|位|級|行|項目|工程|ライン|機種)|[一二三四五六七八九十]+(?:割|倍)|\d[\d.,]*\s*\S{0,6}\s*(?:から|→|->|⇒)\s*\d|半減|倍増|ゼロ|撲滅|なくした|無くした|\b\d+(?:[.,]\d+)?\s*(?:percent|hours?|days?|weeks?|months?|cases?|people|units|yen|times)\b|[$¥€]\s*\d/i;
const OUTCOME =
  /受注|入賞|受賞|表彰|合格|取得|内製化|自動化|標準化|定着|特定し|特定した|完了|防止|独り立ち|減らし|削減|短縮|低減|向上|引き上げ|高め|延ばし|伸ばし|開拓|採用され|高く評価|遅延なく|予定通り|期限内|解消|実現|立ち上げ|reduced|increased|improved by|cut|saved|delivered|launched|won|passed|certified|automated/i;
const FORWARD =
  /次期|来期|今後|次年度|来年度|引き続き|引続き|期待(?!以上|通り|どおり|を上回|を超え|に応え|値)|目標は|課題は|てほしい|でほしい|求める|求めたい|必要|すること|べき|望む|望みたい|目指|指導する|支援する|予定(?!通り|どおり)|任せたい|任せられる|後任候補|ていく|育成する|次のポジション|next|expect|should|going forward|would like|look forward|aim to|plan to/i;

export function offlineCommentQuality(input: { text: string }): CommentQualityOutput {
  const text = input.text.normalize('NFKC').trim();
  const bare = text.replace(/[\s。．.、,!！?？]+/g, '');
  if (bare.length === 0 || PLACEHOLDER.test(bare)) return result(false, false, false, 0);

  const sentences = splitSentences(text).map((s) => s.text);
  let specific = false;
  let evidence = false;
  let forward = false;
  for (const s of sentences) {
    const concrete = isSpecific(s);
    specific ||= concrete;
    evidence ||= FIGURE.test(s) || (concrete && OUTCOME.test(s));
    forward ||= FORWARD.test(s);
  }
  const characters = (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
  const detail = Math.min(10, Math.floor(characters / 8));
  return result(specific, evidence, forward, detail);
}

function result(specific: boolean, evidence_based: boolean, forward_looking: boolean, detail: number): CommentQualityOutput {
  const met = Number(specific) + Number(evidence_based) + Number(forward_looking);
  const score = Math.max(0, Math.min(100, 30 * met + detail));
  const missing: string[] = [];
  if (!specific) missing.push(MISSING_SPECIFIC);
  if (!evidence_based) missing.push(MISSING_EVIDENCE);
  if (!forward_looking) missing.push(MISSING_FORWARD);
  return { specific, evidence_based, forward_looking, score, missing };
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
const RUN = /[\p{Script=Han}々〆ヶ\p{Script=Katakana}ー]+|[A-Za-z][A-Za-z0-9+#]*(?:[-.][A-Za-z0-9+#]+)*|\d+[A-Za-z][A-Za-z0-9]*/gu;

/** Sentences already judged: comments repeat sentences (「担当業務を着実に遂行した。」) across thousands of people. */
const specificMemo = new Map<string, boolean>();
const MEMO_MAX = 100_000;

/** True when the sentence holds a content word (see the file comment). */
export function isSpecific(sentence: string): boolean {
  let known = specificMemo.get(sentence);
  if (known === undefined) {
    known = judgeSpecific(sentence);
    if (specificMemo.size >= MEMO_MAX) specificMemo.clear();
    specificMemo.set(sentence, known);
  }
  return known;
}

function judgeSpecific(sentence: string): boolean {
  const japanese = JAPANESE.test(sentence);
  for (const hit of sentence.matchAll(RUN)) {
    const run = hit[0];
    if (/^[A-Za-z0-9]/.test(run)) {
      if (japanese ? /[A-Za-z]{2,}|\d[A-Za-z]/.test(run) && !EN_GENERIC.has(run.toLowerCase()) : englishContent(run, hit.index, sentence)) return true;
      continue;
    }
    let rest = run;
    for (const word of GENERIC) rest = rest.replaceAll(word, '');
    if ([...rest.replace(/ー/g, '')].length >= 2) return true;
  }
  return false;
}

function englishContent(word: string, index: number, sentence: string): boolean {
  if (/[A-Z].*[A-Z]|\d/.test(word)) return true; // PLC, SolidWorks, 3D
  const lower = word.toLowerCase();
  if (EN_GENERIC.has(lower)) return false;
  const sentenceStart = sentence.slice(0, index).trim().length === 0;
  if (/^[A-Z]/.test(word) && !sentenceStart) return true; // a name inside the sentence
  return lower.length >= 7;
}
