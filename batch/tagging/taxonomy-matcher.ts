import type { Taxonomy, TaxonomySkill } from '../../schemas/taxonomy.ts';
import { normalizeForMatch, normalizeWithOffsets, originalSpan } from './normalize-text.ts';
import { splitSentences } from './sentences.ts';

/**
 * The offline, deterministic skill tagger: finds taxonomy skills (names and synonyms) in free text and says,
 * per sentence, whether the writer has the skill or wants it, with the sentence as evidence. Pure functions,
 * no I/O; same input → same output. Bump TAXONOMY_MATCHER_VERSION when a rule or a cue list changes.
 *
 * MATCHING. Every name_ja / name_en / synonym is folded with `normalizeForMatch` (normalize-text.ts) and put
 * into a trie once. The text is split into sentences (sentences.ts); each is folded with offsets and the trie
 * is walked from every position whose character starts some term (cost: text length × longest term; no regex
 * per skill). Separators (spaces, hyphens, ・) inside a term are skipped, so `3D CAD`, `3D-CAD` and `3DCAD`
 * all match. Rules:
 *  - Japanese: plain substring; at each position the longest term wins, and of overlapping matches the
 *    longer one is kept (ties: the earlier one), so 「生産技術」 never also yields 「生産」.
 *  - A term that starts (ends) with an ASCII letter or digit needs a boundary there: the neighbour must not
 *    be an ASCII letter or digit (`PM` is not found in `NPM`, `PMS`; it is in `PMとして`, `PM経験`).
 *    Exception: a digit may follow a term that ends in a letter (`Python3`, `Excel2019`). Case-insensitive.
 *    A two-character ASCII term right after a number (`3 PM`, `10 AM`) is a time or a unit: not matched.
 *  - Terms of one character after folding (`C`, `R`, a single kanji) are never matched.
 *  - A term shared by several skills yields all of them.
 *
 * CLAUSES. In each sentence the matched terms are masked (no cue is read inside a skill name) and the text is
 * cut into clauses at 、 , ; and at contrastive joints (だが/たが/ですが/ますが/ないが/るが, けど, けれど,
 * ものの, 一方, しかし, ただし, but, however, although, though, whereas, while). Skills joined only by
 * と や も か とか 、 , / & および 及び または 並びに and or "as well as" share one predicate (「PythonとSQLは
 * 未経験」 negates both). A mention's *after-window* runs from its end to the clause end or the next
 * (non-joined) skill; its *before-window* from the clause start or the previous (non-joined) skill; its
 * *clause* is both windows; its *segment* is the sentence cut only at the contrastive joints.
 *
 * NEGATION (the mention is dropped: it is not a skill).
 *  - Japanese is head-final, so the predicate after the term decides. The after-window contains 未経験 (not
 *    未経験から/未経験者), 未受験, 未習得, 未取得, 未使用, 苦手, 不得意, 不得手, 不慣れ, 嫌い, 無縁, 疎い,
 *    弱い, 不可, 経験なし/無し/ゼロ, 興味なし, an aversive wish (避けたい, やめたい, 辞めたい, 離れたい),
 *    any 〜ない/〜なかった (使ったことがない, 向いていない,
 *    できない, 興味がない, 得意ではない, 好きではない), 〜ません(でした), 〜ず(に) at the clause end, or starts
 *    with 「: なし」「×」. Phrases that contain a negation but do not negate are blanked first: 問題ない,
 *    欠かせない, 間違いない, 申し分ない, 限らず, 〜ならない/〜ならず (のみならず), かもしれない, 抵抗がない,
 *    困らない, 不自由しない, 負けない, 少ない, だけでなく, 〜なければ, 〜ないといけない, 〜ないか, 〜ないよう,
 *    double negations (苦手ではない, 使えないことはない) …. An after-window starting with しか or 以外
 *    (「Excelしか使えない」) is never negated.
 *  - A negating modifier right before the term: 苦手な, 不得意な, 不得手な, 不慣れな, 未経験の, 嫌いな,
 *    興味のない, 経験のない, ことのない (「苦手な英語」).
 *  - English: the before-window contains no, not, never, cannot, can't, don't, doesn't, didn't, haven't,
 *    hasn't, won't, without, lack(s/ing), unfamiliar, zero, weak at/in/with, poor at, bad at, dislike, hate,
 *    avoid, struggle (ignoring "not only", "not just", "no doubt", "no problem", "No."); or the term is
 *    directly followed by ": none", "(no …", "is not", "was never", "isn't", "is weak/poor".
 *  - A later clause of the sentence that only denies experience (経験はない, 経験がない, 未経験, "no
 *    experience", "never used it"), with no other skill before it: 「RPAの導入を検討しているが、経験はない」.
 *  - Overcome: a negation in the past (苦手だった, 未経験だった, 苦手意識があった, 〜なかった, 〜ませんでした)
 *    or a negating modifier does NOT negate when an overcome cue follows before the next skill (克服, 習得,
 *    身につけ, できるようになった, 今では, 今は, 現在は, 上達, 合格, 取得, 慣れた, 使いこなせ, overcame,
 *    learned, mastered, now): 「未経験だったPLC制御を習得した」「英語は苦手だったが、克服した」.
 *    (「苦手だった英語を克服し」 needs no exception: nothing negating follows 英語.)
 *  - A negated mention followed, before the next skill, by a desire becomes `wants`:
 *    「Pythonは未経験だが学びたい」, "no SQL experience but want to learn it".
 *
 * DESIRE (`kind: 'wants'`): the *desire window* contains 〜たい (学びたい, なりたい, やってみたい; not たいへん,
 * not the aversive 避けたい/やめたい…), 〜たくて, ほしい (also a manager's 「取り組んでほしい」: not a current
 * skill), 希望, 志望, 目指, 予定 (not 予定通り), 〜が目標, 興味がある/はある, 関心がある, 憧れ, 前向き, 期待 (not
 * 期待以上/期待通り/期待に応え), 申し込み, 視野に, 〜てもらえるよう; or the before-window contains want to,
 * would like to, 'd like to, hope to, plan to, aim to, aspire to, wish to, eager to, keen to, interested in,
 * looking to, dream of, would love to, goal is to. The desire window is the after-window, extended through a
 * skill the mention modifies (の, での, による, を使った, を用いた, を活用した: 「Pythonでのデータ分析に興味がある」)
 * and past a clause that only leads up to the wish (ending in 覚えて, 学んで, 身につけて, 習得して, 勉強して,
 * 取得して, 伸ばして, 高めて, ため(に), よう(に), べく: 「SQLを覚えて、…できるようになりたい」). An aspiration has
 * `level_hint: null`.
 *
 * LEVEL HINT, from cues in the mention's clause; when the clause has none, from its segment. Precedence
 * 4 > 3 > 1 > 2 (an explicit learning cue beats a generic "experience" word: 「研修を受けた経験」 is 1):
 *  4: 指導, 講師, 教えている/教えた, エキスパート, 社内トップ, 第一人者, 専門家, トレーナー, 教育担当,
 *     mentor, taught, teach, instructor, trainer, expert
 *  3: 主導, リード (not リードタイム), リーダー (not リーダーシップ), 独力, 自力で, 一人で, 単独で, 責任者,
 *     取りまとめ, 統括, 牽引, 立ち上げ, led, lead, leading, spearhead, independently, on my own, owned,
 *     architected, headed
 *  1: 学習中, 勉強中, 研修を受け, 研修受講, 受講, 独学, 入門, 初心者, 初級, 勉強を始め, 学び始め,
 *     教えてもらった, 教わった, learning, studying, beginner, took/completed/attended a course/training
 *  2: 担当, 経験 (not 未経験), 実務, 業務で, 運用, 従事, 携わ, 務め, experience, years, worked, used, using,
 *     responsible for, in charge of, hands-on, professional
 *
 * CONFIDENCE, deterministic:
 *
 *   confidence = round2(clamp01( 0.6
 *                                − 0.1 if the term is ASCII and at most 2 characters (PM, QC, BI)
 *                                + min(0.3, Σ evidence cue weights)
 *                                − min(0.3, 0.15 × number of distinct vague cues in the clause) ))
 *
 *  Evidence cues: each distinct cue text counts once, at its full weight when it is in the mention's clause
 *  and at half weight when it is only elsewhere in the segment.
 *   0.15 (accountable outcome or proof): 主導, リード, 指導, 講師, 資格, 取得, 合格, 認定, 削減, 短縮, 改善,
 *        構築, 導入, 立ち上げ, 責任者, 受賞, 表彰, 自動化, 効率化, 独力, 実績, a duration (3年, 6ヶ月,
 *        5 years; not a calendar year), a quantity (30%, 2割, 10件, 5名, 800点, 100時間, 万円), N級; led,
 *        spearheaded, certified, certification, passed, mentored, taught, reduced, improved, saved, launched,
 *        delivered, built, architected, designed, implemented, automated
 *   0.10 (doing it): 担当, 実務, 開発, 設計, 運用, 業務で, 経験, 活用, 対応, 作成, 従事, 推進, 習得, 使用, 務め;
 *        developed, managed, responsible for, in charge of, worked on, maintained, experience
 *  Vague cues: 少し, 多少, 若干, 少々, ちょっと, かじった, 程度, なんとなく, 聞いたことがある, 基礎的,
 *   基本的な, 簡単な, 一応, 多分, たぶん, かもしれ, 気がする, うろ覚え; a little, a bit, some, basic(s),
 *   familiar, heard of, exposure, somewhat, maybe, probably, might, limited
 *  So a bare mention is 0.6 (PM alone 0.5), 「PLC制御の改修を主導し、不良率を30%削減した」 is 0.9 and
 *  「Pythonは少し触った程度」 is 0.3.
 *
 * OUTPUT. At most one result per skill per sentence: `has` beats `wants`; among the mentions of the winning
 * kind the first gives `matched` and the position, confidence and level are the maxima. Results are sorted by
 * that position in the text, then by skill_id.
 */

export type SkillMatchKind = 'has' | 'wants' | 'needs';
export type LevelHint = 1 | 2 | 3 | 4;

export interface SkillMatch {
  skill_id: string;
  /** has: the text shows the skill; wants: an aspiration (学びたい, want to learn). */
  kind: SkillMatchKind;
  /** The original sentence the skill was found in, trimmed. */
  evidence: string;
  /** 0–1, from the cues above (see the file comment). */
  confidence: number;
  /** 1–4 from level cues; null when there is none, and always for `wants`. */
  level_hint: LevelHint | null;
  /** The surface form as written in the text (`ﾌﾟﾛﾏﾈ`, `3D-CAD`). */
  matched: string;
}

export type TaxonomyMatcher = (text: string) => SkillMatch[];

/** Bump when a rule or cue list changes: part of the tagging cache key. */
export const TAXONOMY_MATCHER_VERSION = 'taxonomy-matcher/2';

/** One result per skill and sentence: what the person has beats what they wish for, which beats what they lack (「…が足りないので講座を受けたい」 is a wish: the plan it asks for). */
const KIND_RANK: Record<SkillMatchKind, number> = { has: 3, wants: 2, needs: 1 };

interface Term {
  skillIds: string[];
  needLeft: boolean;
  needRight: boolean;
  endsWithDigit: boolean;
  shortAscii: boolean;
}

interface TrieNode {
  /** Children by UTF-16 code unit. */
  next: Map<number, TrieNode>;
  term: Term | null;
}

interface Index {
  root: TrieNode;
  /** 1 for every code unit some term starts with: most positions of a text are rejected by one lookup. */
  starts: Uint8Array;
}

interface Mention {
  start: number;
  end: number;
  term: Term;
}

/**
 * Builds the term index once; the returned function tags one text. Only skill_id, name_ja, name_en and
 * synonyms are read, and skill_id is not checked (key positions are matched the same way, by title).
 */
export function createTaxonomyMatcher(taxonomy: Taxonomy | readonly TaxonomySkill[]): TaxonomyMatcher {
  const index = buildIndex(taxonomy);
  const memo: SentenceMemo = new Map();
  return (text) => matchText(index, text, memo);
}

/**
 * What a sentence yields depends on the sentence alone (positions are kept relative to it), and notes repeat
 * sentences (「次回面談で確認。」), so each distinct sentence is analysed once; forgotten past MEMO_MAX.
 */
type SentenceMemo = Map<string, readonly Found[]>;
const MEMO_MAX = 100_000;

function buildIndex(taxonomy: readonly TaxonomySkill[]): Index {
  const root: TrieNode = { next: new Map(), term: null };
  const starts = new Uint8Array(0x10000);
  const skills = [...taxonomy].sort((a, b) => cmp(a.skill_id, b.skill_id));
  for (const skill of skills) {
    for (const surface of [skill.name_ja, skill.name_en, ...skill.synonyms]) {
      const key = normalizeForMatch(surface);
      if ([...key].length < 2) continue;
      let node = root;
      starts[key.charCodeAt(0)] = 1;
      for (let q = 0; q < key.length; q++) {
        const c = key.charCodeAt(q);
        let child = node.next.get(c);
        if (child === undefined) {
          child = { next: new Map(), term: null };
          node.next.set(c, child);
        }
        node = child;
      }
      if (node.term === null) {
        const first = key.charCodeAt(0);
        const last = key.charCodeAt(key.length - 1);
        node.term = {
          skillIds: [],
          needLeft: isAsciiAlnum(first),
          needRight: isAsciiAlnum(last),
          endsWithDigit: isDigit(last),
          shortAscii: key.length <= 2 && /^[\x21-\x7e]+$/.test(key),
        };
      }
      if (!node.term.skillIds.includes(skill.skill_id)) node.term.skillIds.push(skill.skill_id);
    }
  }
  return { root, starts };
}

interface Found extends SkillMatch {
  position: number;
}

function matchText(index: Index, text: string, memo: SentenceMemo): SkillMatch[] {
  // Fresh objects for the caller (the memo's stay untouched), positions beside them: object spread and
  // rest cost more than the rest of a memo hit.
  const found: SkillMatch[] = [];
  const positions: number[] = [];
  for (const sentence of splitSentences(text)) {
    let inSentence = memo.get(sentence.text);
    if (inSentence === undefined) {
      inSentence = matchSentence(index, sentence.text);
      if (memo.size >= MEMO_MAX) memo.clear();
      memo.set(sentence.text, inSentence);
    }
    for (const f of inSentence) {
      found.push({ skill_id: f.skill_id, kind: f.kind, evidence: f.evidence, confidence: f.confidence, level_hint: f.level_hint, matched: f.matched });
      positions.push(sentence.start + f.position);
    }
  }
  if (found.length < 2) return found;
  const order = found.map((_, k) => k).sort((a, b) => positions[a]! - positions[b]! || cmp(found[a]!.skill_id, found[b]!.skill_id));
  return order.map((k) => found[k]!);
}

/** The skills one sentence shows, with positions relative to the sentence. */
function matchSentence(index: Index, text: string): Found[] {
  const sentence = { text, start: 0 };
  {
    const norm = normalizeWithOffsets(sentence.text);
    const mentions = findMentions(index, norm.text);
    if (mentions.length === 0) return [];
    const perSkill = new Map<string, Found>();
    const analysis = analyseSentence(norm.text, mentions);
    mentions.forEach((m, k) => {
      const a = analysis[k]!;
      if (a.kind === null) return;
      const [os, oe] = originalSpan(norm, m.start, m.end);
      const confidence = round2(clamp01(BASE - (m.term.shortAscii ? SHORT_ASCII_PENALTY : 0) + a.evidence - a.vague));
      for (const skill_id of m.term.skillIds) {
        const candidate: Found = {
          skill_id,
          kind: a.kind,
          evidence: sentence.text,
          confidence,
          level_hint: a.kind === 'has' ? a.level : null,
          matched: sentence.text.slice(os, oe),
          position: sentence.start + os,
        };
        const seen = perSkill.get(skill_id);
        if (seen === undefined || KIND_RANK[candidate.kind] > KIND_RANK[seen.kind]) perSkill.set(skill_id, candidate);
        else if (seen.kind === candidate.kind) {
          seen.confidence = Math.max(seen.confidence, candidate.confidence);
          if (candidate.level_hint !== null && (seen.level_hint === null || candidate.level_hint > seen.level_hint)) seen.level_hint = candidate.level_hint;
        }
      }
    });
    return [...perSkill.values()];
  }
}

/** Longest valid term per start position, then non-overlapping by length (longer first), then position. */
function findMentions({ root, starts }: Index, t: string): Mention[] {
  const candidates: Mention[] = [];
  for (let i = 0; i < t.length; i++) {
    if (starts[t.charCodeAt(i)] !== 1) continue;
    let node = root;
    let best: Mention | null = null;
    for (let j = i; j < t.length; j++) {
      const c = t.charCodeAt(j);
      if (c === 0x20) continue; // separators inside a term are skipped
      const child = node.next.get(c);
      if (child === undefined) break;
      node = child;
      const term = node.term;
      if (term !== null && boundaryOk(t, i, j + 1, term)) best = { start: i, end: j + 1, term };
    }
    if (best !== null) candidates.push(best);
  }
  if (candidates.length <= 1) return candidates;
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(t.length);
  const kept: Mention[] = [];
  for (const m of candidates) {
    let free = true;
    for (let p = m.start; p < m.end && free; p++) if (taken[p] === 1) free = false;
    if (!free) continue;
    taken.fill(1, m.start, m.end);
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function boundaryOk(t: string, start: number, end: number, term: Term): boolean {
  if (term.needLeft && start > 0 && isAsciiAlnum(t.charCodeAt(start - 1))) return false;
  // `3 PM`, `10 AM`: a two-letter abbreviation right after a number is a time or a unit, not a skill.
  if (term.shortAscii && start > 0 && isDigit(t.charCodeAt(t[start - 1] === ' ' && start > 1 ? start - 2 : start - 1))) return false;
  if (term.needRight && end < t.length) {
    const next = t.charCodeAt(end);
    if (isAsciiLetter(next) || (term.endsWithDigit && isDigit(next))) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Clause analysis. Every pattern is written in natural spelling and folded like the text (`re`), so
// 「リーダー」 in a pattern meets 「リーダ」「ﾘｰﾀﾞｰ」 in a note.

const BASE = 0.6;
const SHORT_ASCII_PENALTY = 0.1;
const STRONG_WEIGHT = 0.15;
const EVIDENCE_WEIGHT = 0.1;
const EVIDENCE_CAP = 0.3;
const VAGUE_WEIGHT = 0.15;
const VAGUE_CAP = 0.3;
const MASK = '\ue000';

/** Folds the kana of a pattern source like normalize-text does (ヴ, small vowels, ー after katakana). */
function re(source: string, flags = ''): RegExp {
  const folded = source
    .replace(/ヴ([ァィゥェォ])/g, (_m, v: string) => ({ ァ: 'バ', ィ: 'ビ', ゥ: 'ブ', ェ: 'ベ', ォ: 'ボ' })[v] ?? 'ブ')
    .replace(/ヴ/g, 'ブ')
    .replace(/[ァィゥェォ]/g, (v) => ({ ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ' })[v] ?? v)
    .replace(/([\u30a1-\u30fa])ー+/g, '$1');
  return new RegExp(folded, flags);
}
const alt = (words: readonly string[]) => words.join('|');

const CLAUSE_BOUNDARY = re(`[、,;]|(?<=だ|た|です|ます|ない|る)が|けど|けれど|ものの|一方|しかし|ただし|\\b(?:but|however|although|though|whereas|while)\\b`, 'g');
const CONTRAST_BOUNDARY = re(`;|(?<=だ|た|です|ます|ない|る)が|けど|けれど|ものの|一方|しかし|ただし|\\b(?:but|however|although|though|whereas|while)\\b`, 'g');
/** A gap that makes the first skill a modifier of the second (for desire only). */
const MODIFIER = re(`^ *(?:での|の|による|を使った|を用いた|を活用した|を使っての) *$`);
/** A clause ending that only leads up to the next one (for desire only). */
const LEADS_TO_WISH = re(`(?:覚えて|学んで|身につけて|身に付けて|習得して|勉強して|学習して|取得して|取って|磨いて|伸ばして|深めて|高めて|ため|ために|よう|ように|べく) *$`);
const COORDINATION = re(`^(?: |、|,|/|&|と|や|も|か|とか|および|及び|または|又は|並びに|ならびに|and|or|as well as)*$`);

// Negation ----------------------------------------------------------------------------------------------
const JA_NEG_NOT_REALLY = re(
  `(?:${alt([
    '問題(?:は|が)?(?:あり)?', '欠かせ', '間違い', '申し分', '限ら', 'なら', 'かもしれ', '余念が', '抵抗(?:が|は)', '困ら', '不自由(?:し|は)?',
    '劣ら', '負け', '欠かさ', '怠ら', '絶やさ', '惜しま', '厭わ', 'いとわ', '迷わ', '臆さ', '躊躇し', '過言では', '構い', 'かまい', '少',
    '物怖じし', '苦になら', 'だけで', 'のみで', 'ばかりで',
  ])})(?:な(?:い|かった|く)|ません(?:でした)?|ず)|${alt([
    '(?:苦手|不得意|不得手|嫌い|きらい|未経験)(?:では|じゃ)な(?:い|かった|く)', 'ないことは(?:な(?:い|かった|く)|ありません)', 'ないといけ', 'なければ', 'なくては', 'なきゃ', 'ないとだめ', 'ないか', 'ないよう', 'かかわらず', '関わらず', 'とりあえず', 'まず', '必ず',
  ])}`,
  'g',
);
const JA_NEG_NOUN = `未経験(?!から|者)|苦手|不得意|不得手|不慣れ|未習得|未取得|未受験|未修得|未使用|嫌い|きらい|無縁|疎い|弱い|不可|経験(?:が|は)?(?:無|なし|ゼロ)|興味な|避け(?:たい|たく)|(?:やめ|辞め|止め|離れ|逃れ|抜け)たい`;
const JA_NEG = re(`(${JA_NEG_NOUN})|[ぁ-ゖ一-龯]な(?:い|かった)|(?:で|じゃ)なく|ません(?:でした)?|[わかさたまらがばせけれきえ]ず(?:に|$)|^ *:? *(?:なし|無し|無|×|✕)`, 'g');
const JA_PAST_TAIL = re(`^ *(?:だった|でした|であった|意識があった|意識がありました|意識を持っていた)`);
const JA_NEG_EXEMPT_START = re(`^ *(?:以外|しか)`);
const JA_NEG_PREFIX = re(`(?:苦手な|不得意な|不得手な|不慣れな|未経験の|未経験な|嫌いな|興味のない|興味がない|経験のない|経験がない|ことのない|ことがない) *$`);
const EN_NEG_NOT_REALLY = /not only|not just|no doubt|no problem|no\.|nothing but/g;
const EN_NEG_BEFORE = /\b(?:no|not|never|cannot|can['’]?t|don['’]?t|doesn['’]?t|didn['’]?t|haven['’]?t|hasn['’]?t|hadn['’]?t|won['’]?t|without|lack|lacks|lacking|unfamiliar|zero|weak (?:at|in|with)|poor at|bad at|dislikes?|hates?|avoids?|avoided|struggles?|struggled|struggling)\b/;
const EN_NEG_AFTER = /^ *(?:[:(] *)?(?:is |was |are |were )?(?:not|never|none|n\/a|no|isn['’]?t|wasn['’]?t|aren['’]?t|weak|poor)\b/;
const TRAILING_NO_EXPERIENCE = re(`経験(?:は|が|も)?(?:ない|なし|無い|無し|ありません)|未経験(?!から|者)|\\bno (?:hands on |practical |real )?experience\\b|\\bnever used it\\b`);
const OVERCOME = re(
  alt(['克服', '習得', '身につけ', '身に付け', '身についた', '身に着け', 'ようになった', 'ようになり', '今では', '今は', '現在は', '上達', '合格', '取得', '慣れた', '慣れてきた', '使いこなせ', '\\bovercame\\b', '\\blearned\\b', '\\blearnt\\b', '\\bmastered\\b', '\\bnow\\b']),
);

// Development needs: a weakness or gap named about the person (not a denial of experience) ------------------
const WEAK_AFTER = re(
  `^[^。]{0,12}?(?:${alt([
    '苦手', '不得意', '不得手', '不慣れ', '弱い', '弱く', '弱さ', '弱み', '課題(?:が|は|も)?(?:ある|あり|残る|残り|見られ|です|だ|が残)', 'に課題', 'が課題', 'は課題', '改善(?:が|の)?(?:必要|余地)', '要改善',
    '強化(?:が|は)?(?:必要|求められ|課題)', '向上(?:が|は)?(?:必要|課題|求められ)', '伸びしろ', '伸ばす必要', '不足', '足りない', '足りず', '物足りな', 'まだまだ', '未熟', '甘い', '甘さ', '自信が(?:ない|なく)',
    'needs? (?:to be )?improv', 'needs? work', 'is (?:still )?weak', 'remains? weak', 'is (?:a|an) (?:area|development area|weakness)', 'could be (?:stronger|better|improved)',
  ])})`,
);
const WEAK_BEFORE = re(
  `(?:${alt([
    '苦手(?:な|:|：)', '不得意(?:な|:|：)', '課題(?:は|:|：)', '弱み(?:は|:|：)', '改善点(?:は|:|：)', '要改善(?::|：)?', '今後の課題(?:は|:|：)?', '伸ばすべき', '足りないのは',
    '\\bneeds? to (?:improve|strengthen|develop|work on|build)\\b', '\\bweak (?:at|in|with)\\b', '\\bweakness(?:es)? (?:in|is)\\b', '\\bstruggles? (?:with|in)\\b', '\\bstruggled\\b', '\\blacks?\\b', '\\blacking\\b',
    '\\broom (?:for improvement|to grow) (?:in|on)\\b', '\\bshould (?:work on|improve|strengthen|develop)\\b', '\\bareas? (?:for|of) (?:improvement|development)\\b', '\\bdevelopment areas?\\b', '\\bnot (?:yet |really )?(?:comfortable|confident)\\b',
  ])}) *$|(?:${alt(['苦手', '課題', '弱み', '改善点', 'weakness(?:es)?', 'areas? for improvement', 'development needs?'])}) *[:：] *(?:[^。:：]*[、,/] *)?$`,
);
/** 「苦手ではない」「課題はない」: a weakness denied. */
const WEAK_DENIED = re(`^[^。]{0,12}?(?:苦手|不得意|不得手|弱|課題|不足)(?:意識)?(?:では|じゃ|は|も|が)?(?:特に)?(?:ない|なく|ありません|無い|なし)`);
/** An organisation, not a skill: 経理部門, 品質保証部, 営業課, the sales team. */
const ORGANISATION_AFTER = re(`^ *(?:部門|部署|本部|事業部|部(?![分品材位下])|課(?![題])|室(?!内)|チーム|グループ|センター|支店|工場|\\b(?:department|dept|team|division|group)\\b)`);
/** A project's subject, not a skill the person shows: 「基幹システム刷新プロジェクトに参画」. */
const PROJECT_SUBJECT_AFTER = re(`^ *(?:の)?(?:刷新|リプレース|入れ替え|入替|更新|移行|再構築)|^ *(?:の)?(?:導入|構築)?(?:プロジェクト|PJ|PRJ|案件)(?:に|へ)(?:参画|参加|アサイン|配属|加わ|関わ)`);

// Desire -------------------------------------------------------------------------------------------------
const JA_DESIRE = re(
  `(?<=[いきぎしじちにひびみりえけげせぜてでねべめれ])(?<!避け|やめ|辞め|止め|離れ|逃れ|抜け)たい(?!へん)|視野に|(?:もらえる|られる|なれる)ように?$|たく(?:て|思)|ほしい|欲しい|希望|志望|目指|めざし|めざす|予定(?!通り|どおり)|(?:が|を)目標|目標と(?:して|する)|興味(?:が|は|も)あ|興味を持|興味をも|関心(?:が|は|も)あ|関心を持|憧れ|あこがれ|前向き(?!に)|期待(?!以上|を上回|通り|どおり|に応)|申し込|申込`,
);
const EN_DESIRE = /\b(?:want(?:s|ed)? to|would like to|['’]d like to|hop(?:e|es|ing) to|plan(?:s|ning)? to|aim(?:s|ing)? to|aspires? to|wish(?:es)? to|eager to|keen to|interested in|looking to|dreams? of|would love to|['’]d love to|goal is to)\b/;

// Level --------------------------------------------------------------------------------------------------
const LEVEL_4 = re(alt(['指導', '講師', '教え(?:て(?!もら|いただ)|た|る)', 'エキスパート', '社内トップ', '第一人者', '専門家', 'トレーナー', '教育担当', '教える立場', '\\bmentor', '\\btaught\\b', '\\bteach', '\\binstructor', '\\btrainer', '\\bexpert']));
const LEVEL_3 = re(alt(['主導', 'リード(?!タイム)', 'リーダー(?!シップ)', '独力', '自力で', '一人で', 'ひとりで', '単独で', '責任者', '取りまとめ', '取り纏め', 'とりまとめ', '統括', '牽引', 'けん引', '立ち上げ', '\\bled\\b', '\\blead\\b', '\\bleading\\b', '\\bspearhead', '\\bindependently\\b', 'on my own', '\\bowned\\b', '\\barchitected\\b', '\\bheaded\\b']));
const LEVEL_1 = re(alt(['学習中', '勉強中', '教えてもら', '教えていただ', '教わ', '研修を受け', '研修受講', '受講', '独学', '入門', '初心者', '初級', '勉強を始め', '学び始め', '\\blearning\\b', '\\bstudying\\b', '\\bbeginner', '\\b(?:took|taking|completed|attended|attending) (?:an? |the |some )?(?:online )?(?:courses?|training|class(?:es)?)\\b']));
const LEVEL_2 = re(alt(['担当', '経験', '実務', '業務で', '運用', '従事', '携わ', '務め', '\\bexperience', '\\byears?\\b', '\\bworked\\b', '\\bused\\b', '\\busing\\b', 'responsible for', 'in charge of', 'hands on', '\\bprofessional']));
const NOT_EXPERIENCE = re('未経験', 'g');

// Confidence ---------------------------------------------------------------------------------------------
const EVIDENCE_STRONG = re(
  alt([
    '主導', 'リード(?!タイム)', '指導', '講師', '資格', '取得', '合格', '認定', '削減', '短縮', '改善', '構築', '導入', '立ち上げ',
    '責任者', '受賞', '表彰', '自動化', '効率化', '独力', '実績',
    '(?<![0-9.])[0-9]{1,2}(?:\\.[0-9])? *(?:年|ヶ月|か月|カ月|years?\\b|yrs?\\b)',
    '[0-9]+(?:\\.[0-9]+)? *(?:%|割|件|名|人|点|時間|万円|億円)', '[0-9]級',
    '\\bled\\b', '\\bspearheaded\\b', '\\bcertified\\b', '\\bcertification\\b', '\\bpassed\\b', '\\bmentored\\b', '\\btaught\\b',
    '\\breduced\\b', '\\bimproved\\b', '\\bsaved\\b', '\\blaunched\\b', '\\bdelivered\\b', '\\bbuilt\\b', '\\barchitected\\b',
    '\\bdesigned\\b', '\\bimplemented\\b', '\\bautomated\\b',
  ]),
  'g',
);
const EVIDENCE = re(
  alt([
    '担当', '実務', '開発', '設計', '運用', '業務で', '経験', '活用', '対応', '作成', '従事', '推進', '習得', '使用', '務め',
    '\\bdeveloped\\b', '\\bmanaged\\b', 'responsible for', 'in charge of', 'worked on', '\\bmaintained\\b', '\\bexperience\\b',
  ]),
  'g',
);
const VAGUE = re(
  alt([
    '少し', '多少', '若干', '少々', 'ちょっと', 'かじった', '程度', 'なんとなく', '聞いたことがある', '基礎的', '基本的な', '簡単な',
    '一応', '多分', 'たぶん', 'かもしれ', '気がする', 'うろ覚え',
    'a little', 'a bit', '\\bsome\\b', '\\bbasics?\\b', '\\bfamiliar\\b', 'heard of', '\\bexposure\\b', '\\bsomewhat\\b',
    '\\bmaybe\\b', '\\bprobably\\b', '\\bmight\\b', '\\blimited\\b',
  ]),
  'g',
);

interface Analysis {
  kind: SkillMatchKind | null;
  level: LevelHint | null;
  evidence: number;
  vague: number;
}

function analyseSentence(t: string, mentions: Mention[]): Analysis[] {
  // Mask the matched terms so no cue is ever read inside a skill name (リーダーシップ, 品質管理 …).
  let masked = '';
  let at = 0;
  for (const m of mentions) {
    masked += t.slice(at, m.start) + MASK.repeat(m.end - m.start);
    at = m.end;
  }
  masked += t.slice(at);
  const clauseBounds = boundaries(masked, CLAUSE_BOUNDARY);
  const contrastBounds = boundaries(masked, CONTRAST_BOUNDARY);
  const joined = (from: number, to: number) => COORDINATION.test(masked.slice(from, to));
  // Cue text: 未経験 also masked, so it never reads as 経験 (experience).
  const cueText = masked.replace(NOT_EXPERIENCE, (s) => MASK.repeat(s.length));
  const segments = new Map<number, { level: LevelHint | null; strong: Set<string>; normal: Set<string> }>();

  return mentions.map((m, k) => {
    // After-window: through joined skills, to the clause end or the next skill.
    let pos = m.end;
    let next = k + 1;
    while (next < mentions.length && joined(pos, mentions[next]!.start)) pos = mentions[next++]!.end;
    const nextStart = next < mentions.length ? mentions[next]!.start : masked.length;
    const afterEnd = Math.min(nextBoundaryStart(clauseBounds, pos, masked.length), nextStart);
    // Before-window: back through joined skills, to the clause start or the previous skill.
    let back = m.start;
    let prev = k - 1;
    while (prev >= 0 && joined(mentions[prev]!.end, back)) back = mentions[prev--]!.start;
    const beforeStart = Math.max(prevBoundaryEnd(clauseBounds, back), prev >= 0 ? mentions[prev]!.end : 0);

    // Desire window: like the after-window, but also through a skill this one modifies (「Pythonでのデータ分析に
    // 興味がある」) and on past a clause that only leads up to the wish (「SQLを覚えて、…なりたい」「…を上げる
    // ため、研修を受けたい」).
    let dPos = m.end;
    let dNext = k + 1;
    let desireEnd: number;
    for (;;) {
      while (dNext < mentions.length && (joined(dPos, mentions[dNext]!.start) || MODIFIER.test(masked.slice(dPos, mentions[dNext]!.start)))) dPos = mentions[dNext++]!.end;
      const dNextStart = dNext < mentions.length ? mentions[dNext]!.start : masked.length;
      desireEnd = Math.min(nextBoundaryStart(clauseBounds, dPos, masked.length), dNextStart);
      const bound = clauseBounds.find(([s]) => s === desireEnd);
      if (bound === undefined || !LEADS_TO_WISH.test(masked.slice(dPos, desireEnd))) break;
      dPos = bound[1];
    }

    const after = masked.slice(m.end, afterEnd);
    const before = masked.slice(beforeStart, m.start);
    const kind = decideKind(masked, m, after, before, afterEnd, nextStart, masked.slice(m.end, desireEnd));
    if (kind === null) return { kind, level: null, evidence: 0, vague: 0 };

    const segStart = prevBoundaryEnd(contrastBounds, m.start);
    let segment = segments.get(segStart);
    if (segment === undefined) {
      const text = cueText.slice(segStart, nextBoundaryStart(contrastBounds, m.end, masked.length));
      segment = { level: levelOf(text), strong: distinct(text, EVIDENCE_STRONG), normal: distinct(text, EVIDENCE) };
      segments.set(segStart, segment);
    }
    const clause = cueText.slice(beforeStart, afterEnd);
    const level = levelOf(clause) ?? segment.level;
    // Evidence cues: full weight in the mention's clause, half weight elsewhere in its contrast segment.
    let evidence = 0;
    for (const [inSegment, pattern, weight] of [[segment.strong, EVIDENCE_STRONG, STRONG_WEIGHT], [segment.normal, EVIDENCE, EVIDENCE_WEIGHT]] as const) {
      const inClause = distinct(clause, pattern);
      evidence += weight * inClause.size;
      for (const cue of inSegment) if (!inClause.has(cue)) evidence += weight / 2;
    }
    return { kind, level, evidence: Math.min(EVIDENCE_CAP, evidence), vague: Math.min(VAGUE_CAP, VAGUE_WEIGHT * distinct(clause, VAGUE).size) };
  });
}

function decideKind(masked: string, m: Mention, after: string, before: string, afterEnd: number, nextStart: number, desireAfter: string): SkillMatchKind | null {
  // 0. Not a skill at all: an organisation, or the subject of a project the person joined.
  if (ORGANISATION_AFTER.test(after) || PROJECT_SUBJECT_AFTER.test(after)) return null;
  // A weakness or gap: a development need, unless it is over (「英語は苦手だったが克服した」).
  const weak = (WEAK_AFTER.test(after) && !WEAK_DENIED.test(after)) || WEAK_BEFORE.test(before);
  if (weak) {
    const overcome = OVERCOME.test(masked.slice(m.end, Math.max(nextStart, afterEnd))) && /(?:だった|でした|かった|た)/.test(after);
    // 「…の知識が足りないので講座を受けたい」: the wish is what the person asks for.
    if (!overcome) return JA_DESIRE.test(masked.slice(m.end, Math.max(nextStart, afterEnd))) || EN_DESIRE.test(before) ? 'wants' : 'needs';
  }
  // 1. Find a negation of this mention: after it (Japanese predicate, English "X: none"), or before it.
  let negEnd = -1; // where the negation ends (in `masked`), -1: none
  let reversible = false; // a past negation or a modifier: an overcome cue later in the sentence cancels it
  if (!JA_NEG_EXEMPT_START.test(after)) {
    const cleaned = after.replace(JA_NEG_NOT_REALLY, (s) => MASK.repeat(s.length));
    JA_NEG.lastIndex = 0;
    const hit = JA_NEG.exec(cleaned);
    if (hit !== null) {
      const endInAfter = hit.index + hit[0].length;
      negEnd = m.end + endInAfter;
      reversible = hit[1] !== undefined ? JA_PAST_TAIL.test(cleaned.slice(endInAfter)) : /(?:かった|でした)$/.test(hit[0]);
    }
  }
  if (negEnd < 0 && EN_NEG_AFTER.test(after)) negEnd = m.end;
  if (negEnd < 0 && EN_NEG_BEFORE.test(before.replace(EN_NEG_NOT_REALLY, (s) => MASK.repeat(s.length)))) negEnd = m.end;
  if (negEnd < 0 && JA_NEG_PREFIX.test(before)) {
    negEnd = m.end;
    reversible = true;
  }
  if (negEnd >= 0) {
    const rest = masked.slice(negEnd, Math.max(nextStart, afterEnd));
    if (reversible && OVERCOME.test(rest)) {
      // overcome: fall through to the ordinary desire check
    } else if (JA_DESIRE.test(rest) || EN_DESIRE.test(rest)) return 'wants';
    else return null;
  }
  // 2. Desire.
  if (JA_DESIRE.test(desireAfter) || EN_DESIRE.test(before)) return 'wants';
  // 3. A later clause that only denies experience, before any other skill: 「RPAの導入を検討しているが、経験はない」.
  if (TRAILING_NO_EXPERIENCE.test(masked.slice(afterEnd, nextStart))) return null;
  return 'has';
}

function levelOf(text: string): LevelHint | null {
  if (LEVEL_4.test(text)) return 4;
  if (LEVEL_3.test(text)) return 3;
  if (LEVEL_1.test(text)) return 1;
  if (LEVEL_2.test(text)) return 2;
  return null;
}

/** The distinct texts matched by a global pattern. */
function distinct(text: string, pattern: RegExp): Set<string> {
  const seen = new Set<string>();
  pattern.lastIndex = 0;
  for (let hit = pattern.exec(text); hit !== null; hit = pattern.exec(text)) {
    seen.add(hit[0]);
    if (hit[0].length === 0) pattern.lastIndex++;
  }
  return seen;
}

/** [start, end) of every boundary match, in order. */
function boundaries(text: string, pattern: RegExp): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  pattern.lastIndex = 0;
  for (let hit = pattern.exec(text); hit !== null; hit = pattern.exec(text)) {
    out.push([hit.index, hit.index + hit[0].length]);
    if (hit[0].length === 0) pattern.lastIndex++;
  }
  return out;
}

function nextBoundaryStart(bounds: Array<[number, number]>, pos: number, fallback: number): number {
  for (const [s] of bounds) if (s >= pos) return s;
  return fallback;
}

function prevBoundaryEnd(bounds: Array<[number, number]>, pos: number): number {
  let end = 0;
  for (const [s, e] of bounds) {
    if (e > pos) break;
    end = e;
    void s;
  }
  return end;
}

function isAsciiAlnum(code: number): boolean {
  return isDigit(code) || isAsciiLetter(code);
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
