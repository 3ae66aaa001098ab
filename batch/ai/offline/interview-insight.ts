import type { InterviewInsightOutput } from '../../../schemas/ai-tasks.ts';
import type { TaskInput } from '../../../schemas/ai-tasks.ts';
import { splitSentences } from '../../tagging/sentences.ts';
import { cadenceOf, DUE_CUE, parseIso, resolveDue, type DueContext } from './japanese-dates.ts';
import { readTurns, type Speaker } from './transcript-turns.ts';

/**
 * Task 2 offline: a career-interview note read by keyword rules. Pure, deterministic, no I/O, no clock: every
 * relative date is resolved against `held_on`. Everything returned is text of the note (sentences or phrases
 * cut out of them); nothing is paraphrased.
 *
 * SENTENCES. The note is split with splitSentences (batch/tagging/sentences.ts). Leading structure is peeled
 * off each sentence and remembered: section labels 【現状】【希望】【懸念】【対応】…, arrows and bullets (→ ・ ※),
 * list numbers, and a leading parenthetical such as （上長の中村さん同席）. A label holds for the following
 * sentences of the same line. Cues are read on the NFKC-folded sentence (full-width letters and digits, half-width
 * katakana); the texts returned are cut from the original.
 *
 * Each sentence is classified once, in this order:
 *  1. ACTION (a follow-up promise) when the sentence does not end in a past or done form (した, ました, 済み,
 *     完了, …) nor in a state / wish / report (いる, ある, ない, たい, 様子, とのこと, 希望, …), and
 *      - it names a deadline: an explicit date on or after held_on (2025/12/15, 12月15日, 12/15), 〜までに, 次回,
 *        来週, 来月, 今月中, 月末, 年内, 期末, N日以内 …; or
 *      - it ends in a follow-up verb in the dictionary form: 確認する, 回答する, 共有する, 連絡する, 調整する,
 *        検討する, 準備する, 作成する, 見直す, 渡す, 伝える, 〜を行う, 〜してもらう, 〜してください, 〜予定; or
 *      - it sits under an action label (【対応】, →) and ends in a follow-up noun (確認, 共有, 設定 …).
 *     A bare noun ending without a deadline (「最近の業務状況を確認。」) is a report of the meeting, not a promise.
 *  2. ASPIRATION (not for actions) when a clause has a wish cue: 〜たい (not the aversive 避けたい, やめたい,
 *     抑えたい, 減らしたい …), 〜たくて, 目指, 希望, 志望, 興味がある/興味を持, 関心がある, に前向き, 視野に,
 *     目標に, 任せてもらえる, 憧れ; English want to, would like to, hope to, aim to, plan to, interested in ….
 *     A wish about working conditions (the sentence's concern category, below, is workload, family, health or
 *     compensation: 「業務量の調整を希望」「育児との両立のため、フレックス勤務を希望」) is a CONCERN instead.
 *  3. CONCERN (not for actions) when the sentence expresses one: 不安, 悩み, 心配, 不満, 辛い/きつい, 厳しい,
 *     困って, 難しい, 負担, 苦手, 自信がない, 見えない, 描けていない, 報われない, 納得できていない, 認識のずれ,
 *     疲れ, 眠れ, 悪化, 限界, ストレス, 〜たくない, the aversive wishes, 転職/退職/離職, 介護, 両立, 残業/業務/
 *     休日出勤 … が多い/続く/増える; or it sits under a concern label (【懸念】【課題】【悩み】).
 *     A sentence may be both an aspiration and a concern (「課長になりたいという気持ちはあるが、まだ自信がない」).
 *
 * ASPIRATION TEXT: per wish clause (clauses are cut at 、 and ,), the first rule that yields a phrase:
 *  a. a lead-up clause just before the wish clause names what is to be learnt: 「SQLを覚えて、…なりたい」,
 *     「生産技術のレベルを上げるため、社外研修を受けたい」 → SQL / 生産技術 (skill);
 *  b. a role: X のような立場 / のポジション / のポスト / として / を目指 / を視野に / を任せて / に(なりたい|挑戦|
 *     チャレンジ|就きたい) where X holds a role word (…課長, 部長, 工場長, 所長, 室長, 係長, 主任, 管理職,
 *     マネージャー, リーダー (not リーダーシップ), PM, 責任者, スペシャリスト, エキスパート, or one of
 *     `positionTitles`) → kind role;
 *  c. the object: the phrase before the last を before the cue, else before the last として / に / へ / も / が;
 *  d. otherwise the clause itself.
 *  The phrase is cut after the last は, で (not での), より, から, ため, が inside it, and loses leading fillers
 *  (将来は, いずれは, 3年後には, まずは, 機会があれば, もっと …) and trailing の両方 / の取得 / の経験 / のレベル.
 *  kind: role when the phrase holds a role word; other when it ends in a move (異動, 転勤, 赴任, 配属, 出向,
 *  ローテーション); skill when the verb is one of learning (覚え, 学, 習得, 身につけ,
 *  勉強, 伸ばし, 強化, 高め, 深め, 磨, 経験を積, 経験し, 取得, 資格を取, 受講 …) or the phrase names a skill
 *  (ASCII letters, 資格, 検定, 技術, 技能, スキル, 分析, 設計, 開発, 語学, 英語, 制御, 加工, 指導, 育成 …); else other.
 *
 * CONCERN CATEGORY, first match wins: workload (残業, 業務量, 業務分担, 忙し, 負荷, 休めない, 休日出勤, 繁忙,
 *  人手不足, 長時間), family (介護, 育児, 子育て, 家庭, 家族, 両立, 子ども, 出産, 保育), compensation (給与, 年収,
 *  待遇, 賞与, 給料, 昇給, 手当), evaluation (評価, 査定, 納得, 報われ, 不満), career (キャリア, career, 成長,
 *  将来, 異動, ローテーション, 転職, 退職, 昇進, 昇格), health (体調, 健康, メンタル, 睡眠, 眠れ, 疲れ, 腰痛, 通院,
 *  不調, 産業医, ストレス), relationships (上司, 上長, 人間関係, チーム, 同僚, 部下, ハラスメント), else other.
 *
 * ACTION OWNER, first match wins:
 *  1. a trailing owner in brackets: （本人）→ employee, （上長）（上司）（課長）… → manager, （人事）→ hr;
 *  2. HR as the agent: 人事から, 人事が, 人事で, 人事部より, HRから → hr (人事に確認/共有 is NOT: HR receives it);
 *  3. the interviewer as the agent: 上長が/から, 上司が, 私から, こちらで, 当方で, 面談者が → manager;
 *  4. the employee as the agent: 本人が/は/から, 〜してもらう, 〜してください, 〜するよう伝えた → employee;
 *  5. the verb nearest the end of the sentence: the note is the interviewer's, so a follow-up verb of theirs
 *     (回答, 連絡, 共有, 確認, 調整, 検討, 準備, 作成, 見直, 渡す, 設定, フォロー, 説明, 相談, 手配, 紹介) →
 *     manager; the employee's own steps (申し込, 受講, 受験, 提出, 取得, 勉強, 学習) → employee;
 *  6. else manager: the note is the interviewer's own record.
 *  In a transcript the speaker owns what they promise; a request (〜してください, 〜もらえる？, a final て form) is
 *  the listener's; a clause in the て form before another (「相談して、来週返事をします」) is the speaker's; an
 *  acceptance right after a request (「はい、金曜までに出します」) is the same follow-up, not a second one.
 *  Not follow-ups: courtesies (「よろしくお願いします」), minutes-tool headers, dated states (「年末で繁忙」「6月末で
 *  合意」), English sentences without a future (will, 'll, let's, can you …); a bare deadline line (「6月末まで」)
 *  dates the follow-up before it.
 *
 * DUE DATE (resolveDue), the first rule that applies:
 *  1. an explicit date with a year: 2025/12/15, 2025-12-15, 2025年12月15日, 令和7年12月15日;
 *  2. a date without a year, 12月15日 or 12/15: its next occurrence on or after held_on;
 *  3. 12月末 / 12月中 / 12月まで → the last day of that month (next occurrence); 12月上旬 → the 10th,
 *     12月中旬 → the 20th, 12月下旬 → the last day;
 *  4. N日以内/後 → held_on + N days; N週間以内/後 → + 7N days; Nか月以内/後 → + N months (clamped);
 *  5. 本日中/今日中 → held_on; 明日 → +1; 明後日 → +2; 今週中 → the Sunday ending held_on's week;
 *     再来週 → +14 days; 来週 → +7 days;
 *  6. 再来月 → the last day of the month after next; 来月上旬 → the 10th of next month, 来月中旬 → the 20th,
 *     any other 来月 (来月まで, 来月中, 来月末) → the last day of next month;
 *  7. 今月中, 今月末, 月末, 月内 → the last day of held_on's month;
 *  8. 年内, 年末, 今年中 → December 31 of held_on's year; 年度内 / 年度末 → the next March 31 (Japanese fiscal
 *     year); 期末, 今期中, 今期末 → the end of the current half year (the next September 30 or March 31);
 *  9. 次回（面談）, and anything else → null: the note does not say when the next interview is.
 *
 * RETENTION. high when a sentence states an intent to leave: 転職 (not 転職して(きた), 転職組, 転職者,
 *  転職経験), 退職 (not someone else's: 同期の退職, 定年退職, 退職金, 退職者), 辞めたい/辞める/辞めようか,
 *  離職, 他社からの誘い/オファー, オファー, 内定 (not 内定者), 引き抜き, leave the company, quit, resign, job offer — unless
 *  the sentence denies it (転職は考えていない, 辞めるつもりはない). medium when a concern is about workload,
 *  family, health, evaluation or pay, or a sentence shows strong dissatisfaction (不満, 報われない, 納得できて
 *  いない, 将来が見えない, 限界, やる気, モチベーション, 辛い, きつい, 燃え尽き, 休職). low otherwise.
 *  career and relationship concerns count as strain too (CONVENTIONS.md of the gold set).
 *  retention_evidence: the first sentence behind the signal (labels and arrows removed), null for low.
 *
 * SUMMARY, extractive: up to 3 sentences, at most 300 characters, in the note's order. Picked first: the
 *  retention evidence, the first aspiration (the first naming a role, if one does), the first concern and the
 *  first action; then the other aspiration,
 *  concern and action sentences; then other sentences that are not meeting boilerplate (「年1回のキャリア面談。」
 *  「1on1（30分）。」「最近の業務状況を確認。」…); boilerplate only when nothing else is there. A sentence that does
 *  not fit in what is left of the 300 characters is skipped; a single sentence longer than 300 is cut to 299
 *  characters and 「…」. A sentence without a final 。！？ gets 「。」 so the summary reads as sentences. An empty
 *  note gives 「（記載なし）」 (the schema needs a non-empty summary).
 *
 * POLARITY (liveClauses): a sentence told in the past from a time before now (「去年は…考えてました」), a clause in
 *  the past before a contrast (「…多かったが、」), every clause before a resolution (「今は問題ないとのこと」), denied
 *  clauses, and a worry taken back by the next short sentence (「本人は問題ないと。」) say nothing now. Weaknesses
 *  (苦手, 自信がない) are development needs for the skill tagger, not worries; a question does not tell a worry; a wish
 *  to leave is a concern only through what it names (pay, workload …). A concern is filed under every category its
 *  live words name; one naming none takes the category of the sentences around it.
 *
 * Item texts (aspirations, concerns, actions) are the sentence or phrase without the labels and the final 。.
 */

export interface InterviewInsightOptions {
  /** Titles of the key positions (浜松工場長, 生産技術課長 …): an aspiration naming one is a role. */
  positionTitles?: string[];
}

type Category = InterviewInsightOutput['concerns'][number]['category'];
type Owner = InterviewInsightOutput['action_items'][number]['owner'];
type AspirationKind = InterviewInsightOutput['aspirations'][number]['kind'];
type Section = 'concern' | 'wish' | 'action' | null;

interface Line {
  /** The original sentence without leading labels, arrows, bullets: what is returned. */
  text: string;
  section: Section;
  arrow: boolean;
  /** Index in the note, for ordering. */
  index: number;
  /** Who says it, in a transcript; null in a note without speaker labels (the interviewer's own record). */
  speaker: Speaker | null;
}

// ---------------------------------------------------------------------------------------------------------
// Cues.

const LEAD = /^(?:【([^】]{0,12})】|\[([^\]]{0,12})\]|((?:agreed|next|action|goal|concern|follow[- ]?up|todo|to-do)(?:\s(?:actions?|steps?|items?))?s?)\s*[:：](?=\s*\S)|([→⇒➡▶►>＞・※●○■□◆◇\-－–—*＊]+)|(?:\d{1,2}|[①-⑳])[.)．）](?=\S)|（[^（）]{0,30}）(?=\S)|\([^()]{0,30}\)(?=\S))\s*/i;

const PAST_OR_STATE_END =
  /(?:した|しました|済み|済|でした|だった|った|ました|完了|終了|終えた|いる|いた|ある|あった|ない|なかった|たい|たかった|様子|とのこと|との(?:発言|話|希望|こと)あり|希望|印象|模様|思う|感じる|感じた|らしい|だろう|かもしれない|がある|(?<!予定|つもり|予定なん)です(?:ね|よ)?|でしょ|んでしょ|てる|てます|ています|てて|っていて|思って(?:る|て|います|ます)|んだけど|んですけど|けど|なので|ので|(?:に|と)なる|ありがとう(?:ございます)?|ごめん(?:ね)?|すみません|くて|ますし|てるし|ながら|特に|(?<![んい])で|って|気がして|しね|よね)$/;
/** A reply that takes on what was just asked. */
const ACCEPT = /^(?:はい|わかりました|分かりました|承知しました|承知です|了解です|了解しました|了解|かしこまりました|ええ|うん|sure|ok|okay|yes|will do|of course)(?:[、,.!！。\s]|です|$)/i;

/** Courtesies and the close of a meeting: no follow-up (「よろしくお願いします」「今日はこれで終わりにしましょう」). */
const COURTESY =
  /^(?:(?:はい|うん|じゃあ|では|それでは|あ|ええ)[、,]?\s*)*(?:(?:それは|こちらこそ|引き続き)?(?:よろしく)?お願い(?:します|いたします|しました)(?:ね)?|(?:今日|本日)は(?:これで|以上で)?(?:終わり|以上)(?:にしましょう|です)?|(?:また|その)?[^、,]{0,8}話(?:は|を|も)?(?:次回)?(?:しましょう|しましょうか|しておこうか)|始めましょう(?:か)?)$|^(?:2\d{3}[/.\-年]\d{1,2}[/.\-月]\d{1,2}日?.*\d{1,2}:\d{2}|.*\d+分\d+秒|.*(?:CLOVA Note|Notta|tl;dv|文字起こし)|1on1_.*)$/i;
/** English: a follow-up says what will be done (will, 'll, going to, let's, can you …); a sentence without is a report. */
const VAGUE_EN = /^(?:so |ok,? |okay,? )?(?:we'll|we will|i'll|i will|let's) (?:work on (?:it|that|this)|fix (?:it|that)|do (?:it|that)|see|think about it|talk(?: about it)?)(?: together| later| then)?$/i;
const EN_FUTURE = /\b(?:will|'ll|going to|shall|let's|let us|to do|needs? to|should|can you|could you|please|plan to|agreed|next)\b/i;
const FOLLOW_VERB_END =
  /(?:確認|共有|連絡|回答|調整|検討|準備|作成|設定|報告|提出|相談|手配|依頼|説明|紹介|フォロー|フィードバック|申し込み|申込み|申込|打診|推薦|見直し|登録|受講|面談|返答|通知|案内)(?:を行う|を行います|する|します|いたします|しておく|してもらう|してください|の予定|予定|を予定)$|(?:見直す|渡す|伝える|送る|決める|まとめる|用意する|進める|行う|行います|つなぐ|促す|してもらう|してください|させる|もらう|つもり|予定)$/;
/** A promise in polite speech, as transcripts have them: 「来週までにまとめます」「確認しておきますね」「送りますので」. */
const POLITE_PROMISE_END =
  /(?:し|送り|まとめ|出し|書き|作り|探し|進め|考え|見直し|伝え|入れ|用意し|渡し|回し|読み|受け|申し込み|取り|決め|聞き|つなぎ|お送りし|ご連絡し|ご案内し|ご用意し)(?:ておき)?ます(?:ね|よ|ので|から|わ)?$|(?:しましょう|やりましょう|話しましょう|決めましょう)(?:か|ね)?$|(?:て|で)(?:おき|み)ます(?:ね|よ)?$|(?:て|で)(?:おく|みる)(?:ね|よ|から)?$|(?:と|ど)く(?:ね|よ|から)?$|(?:送る|する|見る|聞く|話す|伝える|呼ぶ|作る|入れる|確認する|連絡する|調整する)(?:よ|ね|から)$|\b(?:I'll|I will|we'll|we will|will send|will set up|will check|will share|will follow up|will review|will arrange|will look into)\b.*$/i;

/** A question that asks someone to do something is a follow-up: 「月末までにまとめておいてもらえる？」「もう一度時間をもらえる？」. */
const ASKED_END = String.raw`(?:もらえ|くれ|いただけ)(?:る|ます|ません)?(?:か)?$`;
const ASKING_TO_DO = new RegExp(`${ASKED_END}|(?:ください|お願い(?:します|できますか)?)$|\\b(?:could|can|would) you\\b`, 'i');

/** A question is not a promise (「来週までに出せますか？」). */
function isQuestion(end: string): boolean {
  return /[?？]$|(?:ます|です|でしょう|ません|できる|ある)か$/.test(end);
}

/**
 * The clauses of a sentence that still say something: those whose worry is denied, over or contrasted away are
 * dropped — 「現職への不満ではなく」「転職の意向はない」「辞めたいわけではない」「残業も落ち着いており」「以前は残業が
 * 多かったが」(past, then contrasted), "no longer stressed", "not worried about". The sentence is cut at 、 , が
 * けど but; a clause is denied when a denial follows its last cue. A clause in the past before a contrast is over
 * (「最初は仕事の量が心配だったんですけど、…」), and a resolution (「今は問題ないとのこと」「帰国してからは落ち着いている」
 * 「やってみたいです」) takes every clause before it along: what the sentence ends on is what holds now.
 */
function liveClauses(sentence: string): string[] {
  const norm = sentence.replace(/[。.!?！？」』"…]+$/, '');
  if (PAST_SENTENCE.test(norm)) return [];
  const clauses: string[] = [];
  let from = 0;
  CLAUSE_CUT.lastIndex = 0;
  for (let hit = CLAUSE_CUT.exec(norm); hit !== null; hit = CLAUSE_CUT.exec(norm)) {
    const clause = norm.slice(from, hit.index).trim();
    from = hit.index + hit[0].length;
    // 「…だったが」「…was heavy, but」: over.
    if (CONTRAST.test(hit[0]) && PAST_END.test(clause)) continue;
    clauses.push(clause);
  }
  clauses.push(norm.slice(from).trim());
  let live = clauses.filter((c) => c.length > 0);
  const resolved = live.findLastIndex((c) => RESOLUTION.test(c) && !CONCERN_CUE.test(c.replace(RESOLUTION, '')));
  if (resolved >= 0) live = live.slice(resolved + 1);
  return live.filter((c) => !DENIED_CLAUSE.test(c) && !PAST_WORRY.test(c));
}

const CLAUSE_CUT = /[、,，;；]|(?<=[^\s]{2})(?:が(?=[、,\s]|今|現在|最近|本人|特に|まだ|もう|実際|正直)|(?:けど|けれど|けれども|ものの|んですけど|ですけど)(?=[、,\s]|[^\u3041-\u3096]|$)|\b(?:but|however)\b)/g;
const CONTRAST = /が|けど|けれど|ものの|but|however/;
const PAST_END = /(?:った|だった|でした|ました|ていた|てた|てました|かった|was\b.*|were\b.*|had\b.*|used to\b.*)$|\b(?:was|were|had been|used to)\b/;
/** A sentence told wholly in the past, from a time before now: 「去年は、正直辞めることも考えてました」. */
const PAST_SENTENCE = /^(?:(?:はい|ええ|あー|うーん|えー|あの|そうですね|実は|正直)[、,]?\s*)*(?:以前|前|昔|かつて|当初|入社当初|配属当初|最初|一時期|去年|昨年|一昨年|前期|前回|昇格直後|異動直後)(?:は|まで|の頃は)?[、,]?.*(?:った|だった|でした|ました|ていた|てました|てた)(?:んです|のです)?(?:ね|よ)?$/;
/** What holds now, after a contrast: it takes the worries before it along. */
const RESOLUTION =
  /落ち着い|解消|問題(?:は)?(?:ない|なく|ありません|なし)|大丈夫|慣れ(?:た|てき|まし)|納得して(?:いる|います|る)|納得している|構わない|やってみたい|頑張りたい|楽しみ|\b(?:settled down|resolved|better now|fine now|no longer)\b/i;

const DENIED_CLAUSE = new RegExp(
  [
    '(?:では|じゃ)(?:なく|ない|ありません|なかった)', 'わけ(?:では|じゃ)(?:ない|なく|ありません)', 'ことは(?:ない|ありません)',
    '(?:不満|不安|悩み|心配|問題|懸念|困りごと|困り事|ストレス|負担|支障|トラブル|不調|迷い)(?:は|も|が|など|等|に|には)?(?:特に|とくに|全く|まったく|あまり|大きな)?(?:ない|無い|なく|無く|なし|無し|ありません|感じていない|感じない|は感じていない)',
    '(?:に|は|には)?(?:特に|とくに|あまり)?感じて(?:い)?(?:ない|ません)', '(?:考えて|思って)(?:い)?(?:ない|ません)', 'つもりは(?:ない|ありません)', '予定は(?:ない|ありません)', '意向は(?:ない|なく|ありません)', '気は(?:ない|ありません)',
    'とか(?:は)?(?:ない|ありません)', 'とまでは', '話は(?:出|で)(?:な|ませ)', '(?:出なかった|出ていない)',
    '^(?:特に|とくに)?(?:なし|無し|ない|ありません|特になし)$', '(?:は|も)?(?:良好|順調)', '\\b(?:fine|good|ok|okay|great)\\s*$', '^(?:none|nothing|n/a)\\b', '\\b(?:none|nothing) (?:raised|reported|mentioned)\\b',
    '落ち着い', '解消', '改善され', '改善した', '減っ', '減り', 'なくなっ', '無くなっ', '楽になっ', '軽減', '問題(?:は)?(?:ない|なく|ありません|なし)', '大丈夫', '心配(?:は)?(?:ない|いらない|ありません)',
    '不満は(?:ない|ありません)', '満足し', '\\bno longer\\b', '\\bnot (?:really |at all )?(?:worried|concerned|stressed|an issue|a problem|unhappy|dissatisfied|thinking|looking|considering|planning|job hunting)', '\\bno (?:plans?|intention|concerns?|issues?|problems?)\\b', '\\b(?:resolved|settled down|improved|better now)\\b',
  ].join('|'),
  'i',
);
/** A worry told as over: 「以前は残業が多かった」「入社当初は不安だった」. */
const PAST_WORRY = /^(?:以前|前|昔|かつて|当初|入社当初|最初|一時期|去年|昨年|前期|前回)(?:は|まで)?.*(?:った|だった|でした|ました)$/;

const FOLLOW_NOUN_END =
  /(?:確認|共有|連絡|回答|調整|検討|準備|作成|設定|報告|提出|相談|手配|依頼|説明|紹介|フォロー|フィードバック|申し込み|申込|打診|推薦|見直し|登録|受講|返答|通知|案内|実施|記入|出席|同行|参加|振り返り|再面談|移管)$/;
const DATED_STATE =
  /(?:で|は|が)(?:繁忙|多忙|忙しい|合意|決定|確定|終了|満了)$|(?:復帰|退職|出社|入社|異動|着任|出産|休業|休職|開始|終了|返事|回答期限|締め切り|締切)(?:日)?(?:は|が)[^。]{0,12}(?:予定|です|だ)?$/;
const DEADLINE_ONLY = /^[^、。]{0,8}(?:まで|までに|中|末|めど|目途)$/;
const DEADLINE_WORD =
  /までに|迄に|次回|来週|再来週|来月|再来月|今月中|今月末|月末|月内|今週中|年内|年末|今年中|年度内|年度末|期末|今期中|本日中|今日中|明日|明後日|近日中|早急に|至急|週明け|\d+\s*(?:日|週間|か月|ヶ月|カ月|ケ月|ヵ月|ヶ月間)(?:以内|後)|\d{1,2}月(?:末|中|上旬|中旬|下旬)|\d{1,2}月まで/;

const WISH_JA =
  /(?<!避け|やめ|辞め|止め|離れ|抑え|減らし|控え|休み|逃げ)たい(?!へん|てい|して)|(?<!避け|やめ|辞め|離れ|抑え|減らし|控え)たく(?:て|、|思)|目指|希望(?!者)|志望|興味があ|興味を持|関心があ|(?<=に(?:も|は)?)前向き|視野に|目標に|が目標|任せてもらえる|憧れ/;
const WISH_EN =
  /\b(?:want(?:s|ed)? to|would like to|'d like to|hopes? to|aims? to|aspires? to|wish(?:es)? to|plans? to|eager to|keen to|interested in|would love to|dream of)\b/i;

// 苦手 and 自信がない about a skill are development needs (the skill tagger's), not worries; a wish to leave is the
// retention signal, a concern only through what it is about.
const CONCERN_CUE = new RegExp(
  [
    '不安', '悩み', '悩んで', '悩ましい', '心配', '不満', '辛い', 'つらい', '辛く', 'つらく', 'きつい', 'きつく', '厳しい', '厳しく',
    '困って', '困る', '難しい', '難しく(?!ない|なかった)', '負担', '見えない', '描けていない', '描けない', '気になって', '気がかり', '迷惑をかけ',
    '報われ', '納得(?:でき|し)てい?ない', '納得(?:が)?いかない', '納得いって(?:い)?ない', '認識のずれ', 'ずれを感じ', 'ギャップを感じ', '(?<!お)疲れ', '眠れ', '寝れ',
    '悪化', '限界', 'ストレス', '休めない', '(?<!手放し|失い|離れ|辞め|やめ)たくない', '(?:避け|やめ|止め|離れ|抑え|減らし|控え)たい',
    '(?<!育児)介護(?!休業)', '両立', '(?:残業|業務|仕事|出張|休日出勤|夜勤|負荷|業務量)(?:が|も|は)?(?:多|続|増)', '休日出勤', '夜勤続き', '体調(?:を崩|が悪|不良|がすぐれ)',
    'メンタル', '不調', '腰痛', '頭痛', '痛み', '持たない', '持つか', '続けられるか', '続けられない', '続けられる自信', '実感がない', 'このままでいいのか',
    'このまま(?:で)?(?:は|だと)', '余裕がない', '手が回らない', '精一杯', '追いつかない', '抱え込', '孤立', '板挟み', '怒鳴', 'パワハラ', 'ハラスメント',
    'もやもや', 'モヤモヤ', '焦り', '焦って', '物足りな', 'マンネリ', '割に合わない', '見合わない', '不公平', '上がらない', '頼れない', 'やる気が', 'モチベーションが(?:下|落|低|上がら)',
    'worried', 'worries', 'worry', 'concern', 'stress', 'burn(?:ed|ing)? ?out', 'overtime', 'exhausted', 'tired', 'disappointed', 'frustrat', 'unhappy',
    'dissatisf', 'underpaid', 'unfair', 'struggl', "can(?:not|'t) keep up", 'overwhelm', 'long hours', 'weekends', 'motivation has dropped', 'lost (?:his|her|their) motivation',
    'not confident', 'anxious', 'nervous', 'blood pressure', 'doctor', 'sleep', 'barely moved', 'not recogni[sz]', 'invisible', 'does not understand', "doesn't understand",
    'no growth', 'stuck', 'hard to balance', 'caring for', 'childcare', 'harass', 'shout', 'yell', 'not sure (?:he|she|they)(?:\'ll| will) stay', 'about (?:the )?(?:equity|pay|money|salary)',
    'しんどい', '参って', 'こたえて', '分かりにくい', 'わかりにくい', '(?:基準|理由)が(?:よく)?(?:分から|わから)', '見送り', '低い', 'バタバタ', '顔色(?:が)?悪', '動悸', '目が覚め', 'このまま(?:だったら|だと|では)無理',
    '挑戦できない', '感じられない', '機会がな', '申し訳な', '残れない', '出られな', '間に合わな', 'まにあわな', '低下', '^(?:一番の)?(?:理由|きっかけ|原因)は', '^一番は', '上がって(?:い)?(?:ない|なくて|ません)', '(?:年収|給与|給料)[^。]{0,12}(?:低い|違|差が)', '差がある',
    "(?:has|have)n't (?:really )?moved", 'been tight', 'on my mind', 'bothering', 'the money', 'が(?:遅|重な)',
  ].join('|'),
  'i',
);

const CATEGORY_RULES: Array<[Category, RegExp]> = [
  ['workload', /残業|業務量|業務分担|忙し|負荷|休めない|休日出勤|繁忙|人手不足|長時間|仕事量|担当の数|バタバタ|重なっ|土曜も|呼び出し|夜勤|夜間対応|シフト|ペース|手が回らない|余裕がない|追いつかない|抱え込|overtime|workload|long hours|weekends|pace|too much work|hours/i],
  ['family', /介護|育児|子育て|家庭|家族|家業|両立|子ども|子供|出産|保育|お迎え|学童|上の子|下の子|息子|娘|育休|産休|時短|実家|親の|父の|母の|お母様|お父様|family|childcare|caring for|kids?\b|children|pick(?:ing)? up/i],
  ['compensation', /給与|年収|待遇|処遇|賞与|給料|昇給|手当|報酬|手取り|残業代|salary|pay\b|underpaid|bonus|equity|money|allowance|rent\b|comp(?:ensation)?\b/i],
  ['evaluation', /評価|査定|昇格見送り|見送り|基準|evaluation|performance review|rating|\bgrade|recogni[sz]|invisible|promotion criteria/i],
  ['career', /キャリア|career|成長|将来|先が見えない|この先どう|このままでいいのか|見通し|同じ仕事|異動|ローテーション|昇進|物足りな|マンネリ|挑戦できない|使う機会|機会がな|転職サイト|\bstuck\b|no growth|path to promotion|future/i],
  ['health', /体調|健康|メンタル|睡眠|眠れ|寝れ|(?<!お)疲れ|参って|朝(?:起きる|来る)のが|動悸|目が覚め|顔色|適応障害|うつ|休職|腰痛|頭痛|痛み|通院|不調|産業医|ストレス|体が持|手術|病院|health|sleep|stress|burn(?:ed|ing)? ?out|exhausted|tired|blood pressure|doctor/i],
  ['relationships', /上司|上長|人間関係|チーム|同僚|部下|ハラスメント|パワハラ|怒鳴|雰囲気|古参|板挟み|孤立|manager|team|colleague|boss|harass/i],
];
/** A wish about these is about working conditions: a concern, not an aspiration. */
const CONDITION_CATEGORIES = new Set<Category>(['workload', 'family', 'health', 'compensation']);
/** A concern of these categories makes the retention signal medium. */
const STRAIN_CATEGORIES = new Set<Category>(['workload', 'family', 'health', 'evaluation', 'compensation', 'relationships', 'career']);

const LEAVING =
  /転職(?!して|組|者|経験|歴|エージェントの)|(?<!同期の|先輩の|後輩の|同僚の|上司の|前任者の|部下の|メンバーの|定年)退職(?!金|者)|辞め(?:たい|る|よう|ます|させて|ること)|離職|他社(?:から|より)の?(?:誘い|声|オファー|内定|引き抜き)|(?:競合|同業|他社)[^。]{0,6}(?:声がかか|誘われ|誘い)|(?:他社|同業|よそ)の求人|オファー|内定(?!者)|引き抜き|ヘッドハント|leave the company|leaving the company|\bquit\b|\bresign|job offer|another company|other companies|(?:approached|contacted|headhunted) by|job hunting|interviews? (?:with|at) (?:an)?other|an offer\b/i;
const LEAVING_DENIED =
  /(?:転職|退職|辞め|離職)[^。、,]{0,12}(?:考えていない|考えてない|気はない|つもりはない|予定はない|ありません|しない|はない)|断っ|辞退|(?:no|not|never)\b[^.]{0,20}\b(?:leave|leaving|quit|resign|job hunting)|declined|turned (?:it )?down/i;
const DISSATISFACTION =
  /不満|報われ|納得(?:でき|し)てい?ない|納得(?:が)?いかない|納得いって(?:い)?ない|将来が見えない|先が見えない|限界|やる気|モチベーション|辛い|つらい|きつい|燃え尽き|休職|持たない|続けられるか|続けられない|続けられる自信|実感がない|このままでいいのか|disappointed|frustrat|motivation|underpaid|can(?:not|'t) keep up|unhappy|dissatisf|not recogni[sz]|burn(?:ed|ing)? ?out/i;

const BOILERPLATE =
  /^(?:\d+on\d+|定例|隔週|年\d+回|キャリア面談|評価面談|入社\d+年目の節目|今期の振り返り|キャリアの方向性について|業務の困りごと|最近の業務状況|\d{4}[上下]期)|(?:面談|を実施|について話した|を中心に話した|を確認|をフィードバック|フィードバック面談)[。．.！!]?$|^[（(][^）)]*[）)][。．.]?$/;

const ROLE_WORD =
  /[課部係場所室班店局]長|社長|次長|役員|管理職|主任|責任者|マネージャ|マネジャ|リーダ(?!ーシップ|シップ)|\bPM\b|スペシャリスト|エキスパート|後継|\bmanager\b|\bleader\b|\bdirector\b|\bhead of\b/i;
const SKILL_WORD =
  /[A-Za-z]{2,}|資格|検定|技術|技能|スキル|分析|解析|設計|開発|語学|英語|中国語|制御|加工|測定|指導|育成|交渉|プレゼン|マネジメント|統計|知識|専門性|プログラ|研修|営業|保全|品質|改善/;
const LEARN_VERB = /覚え|学|習得|身につけ|身に付け|勉強|伸ば|強化|高め|深め|磨|経験を積|経験し|取得|資格を取|取りたい|受講|研修を受|練習|\blearn|\bstudy|\bimprove|\bmaster/i;

/** A move (異動, 転勤, 赴任 …) is neither a role nor a skill. */
const MOVE = /(?:異動|転勤|赴任|配属|出向|ローテーション|転籍)$/;
const LEAD_UP = /^(.+?)(?:のレベル|の力|の能力|のスキル)?を(?:覚え|学ん|学び|身につけ|身に付け|習得し|勉強し|磨い|磨き|伸ばし|高め|上げ|強化し)(?:て|る(?:ため|よう)|ため)/;
const ROLE_PATTERNS = [
  /^(.+?)(?:のような立場|のようなポジション|のポジション|のポスト|という立場|の立場)/,
  /^(.+?)として/,
  /^(.+?)を(?:目指|視野に|任せて|任され|狙)/,
  /^(.+?)に(?:なりたい|なる|挑戦|チャレンジ|就きたい|就く|昇進|昇格)/,
];
const FILLER_HEAD =
  /^(?:将来(?:的に)?(?:は|には)?|いずれ(?:は)?|\d+年後(?:に)?(?:は)?|数年後(?:に)?(?:は)?|まずは|機会があれば|できれば|可能であれば|今後(?:は)?|本人は|ぜひ|もっと|さらに|より|早く|また|特に|自分も|自分は|私は)/;
const PHRASE_TAIL = /(?:の両方|の取得|の習得|の経験|のレベル|の受験|の資格取得|について|など|等)$/;

// ---------------------------------------------------------------------------------------------------------

export function offlineInterviewInsight(input: TaskInput<'interview_insight'>, opts: InterviewInsightOptions = {}): InterviewInsightOutput {
  const heldOn = input.held_on;
  parseIso(heldOn); // fail early on a bad date: the schema guarantees YYYY-MM-DD, not a calendar date
  const due: DueContext = { heldOn, fiscalYearStartMonth: input.fiscal_year_start_month ?? 4, nextInterviewOn: input.next_interview_on ?? heldOn };
  const { titles, facts: factsMemo } = memoFor(opts.positionTitles);
  const lines = readLines(input.text, { interviewer: input.interviewer ?? null, employee: input.employee ?? null });
  const facts = lines.map((line) => factsOf(line, titles, factsMemo));

  const aspirations: InterviewInsightOutput['aspirations'] = [];
  const concerns: InterviewInsightOutput['concerns'] = [];
  const actions: InterviewInsightOutput['action_items'] = [];
  const roles = new Map<number, 'aspiration' | 'concern' | 'action'>();
  const firstOf: Record<'aspiration' | 'concern' | 'action', Line[]> = { aspiration: [], concern: [], action: [] };
  let hasRoleLine = false;
  let high: Line | null = null;
  let medium: Line | null = null;

  for (const line of lines) {
    const f = facts[line.index]!;
    // In a transcript, what the person feels and wants is read from their own words (and those of speakers the
    // labels do not place): the interviewer's questions and remarks (「転職とか考えてる？」) are not the person's.
    const ownWords = line.speaker !== 'manager' && line.speaker !== 'hr';
    if (ownWords && high === null && f.leaving) high = line;

    // An action: a follow-up verb or noun at the end, or a deadline (a word, or a date on or after the meeting).
    if (!f.notAction) {
      // 「→再説明の場を設ける。6月末まで。」: the date of the follow-up before it.
      const before = actions[actions.length - 1];
      if (f.deadlineOnly && before !== undefined && before.due === null && roles.get(line.index - 1) === 'action') {
        before.due = resolveDue(line.text, due);
        continue;
      }
      const parts = actionParts(line, f, due);
      // 「…月末までにまとめておいてもらえる？」「はい、月末までにまとめます」: one follow-up, asked and accepted.
      const asked = [1, 2].some((back) => line.index >= back && roles.get(line.index - back) === 'action' && lines[line.index - back]!.speaker !== line.speaker);
      if (parts.length > 0 && asked && line.speaker !== null && ACCEPT.test(line.text.normalize('NFKC'))) {
        const request = actions[actions.length - 1]!;
        if (request.due === null) Object.assign(request, { due: parts[0]!.due, cadence: parts[0]!.cadence });
        roles.set(line.index, 'action');
        continue;
      }
      if (parts.length > 0) {
        actions.push(...parts);
        firstOf.action.push(line);
        roles.set(line.index, 'action');
        continue;
      }
    }
    if (!ownWords) continue;

    const conditionWish = f.wishes > 0 && CONDITION_CATEGORIES.has(f.category);
    if (f.wishes > 0 && !conditionWish) {
      const found = f.aspirations;
      for (const a of found) if (!aspirations.some((x) => x.text === a.text)) aspirations.push({ ...a });
      if (found.length > 0) {
        // the first sentence naming a role goes first: it matters most for succession
        if (!hasRoleLine && found.some((a) => a.kind === 'role')) {
          hasRoleLine = true;
          firstOf.aspiration.unshift(line);
        } else firstOf.aspiration.push(line);
        roles.set(line.index, 'aspiration');
      }
    }
    // A question (「何か不安はある？」"Anything worrying you?") asks about a worry; it does not tell one.
    // 「残業多め（月40h前後）。本人は問題ないと。」: the next sentence takes the worry back.
    const next = lines[line.index + 1];
    const takenBack = next !== undefined && next.speaker === line.speaker && facts[next.index]!.resolves;
    // A wish to leave is a concern through what it names (「年収が…」「子育てとの両立が…」), not by itself.
    const leavingFor = f.leaving && f.category !== 'other';
    if (!f.question && !takenBack && (conditionWish || f.concernCue || leavingFor || (line.section === 'concern' && !f.denied))) {
      // 「…続けられるか不安」 says what it is about in the sentences around it (お迎え, 学童 …).
      const categories = f.category === 'other' ? [contextCategory(lines, facts, line.index)] : f.categories;
      for (const category of categories) if (!concerns.some((c) => c.category === category && c.text === f.itemText)) concerns.push({ category, text: f.itemText });
      const category = categories[0]!;
      firstOf.concern.push(line);
      if (!roles.has(line.index)) roles.set(line.index, 'concern');
      if (medium === null && (STRAIN_CATEGORIES.has(category) || f.dissatisfaction)) medium = line;
    } else if (medium === null && f.dissatisfaction && !f.question) medium = line;
  }

  const evidence = high ?? medium;
  return {
    summary: summarize(lines, facts, evidence, firstOf, roles),
    aspirations,
    concerns,
    action_items: actions,
    retention_signal: high !== null ? 'high' : medium !== null ? 'medium' : 'low',
    retention_evidence: evidence === null ? null : evidence.text,
  };
}

type Action = InterviewInsightOutput['action_items'][number];

/**
 * The follow-ups of one sentence: none when it is not a promise; one per clause when it holds two (「資料を送り、
 * 来週面談を設定する」). A clause without a date of its own takes the one of the clause before it, else after it.
 */
function actionParts(line: Line, f: LineFacts, due: DueContext): Action[] {
  const whole = dueOf(line.text, f.dueCue, due);
  // A dated state (「年末で繁忙」「最終出社日は6月末で合意」「復帰は来年4月予定」) is no follow-up.
  const hasDate = !f.datedState && (f.deadlineWord || (whole.due !== null && whole.due >= due.heldOn));
  if (!(f.followVerb || f.followNoun || hasDate)) return [];
  const pieces = splitActions(line.text);
  const owner = (text: string, final = true) => ownerOf(text.normalize('NFKC'), line.speaker, final);
  if (pieces.length < 2) return [{ text: f.itemText, owner: owner(line.text), due: whole.due, cadence: whole.cadence }];
  const dated = pieces.map((p) => dueOf(p, DUE_CUE.test(p.normalize('NFKC')), due));
  return pieces.map((p, k) => {
    let d = dated[k]!;
    if (d.due === null) d = dated.slice(0, k).reverse().find((x) => x.due !== null) ?? dated.slice(k + 1).find((x) => x.due !== null) ?? d;
    // 「原部長と相談して、来週月曜に返事をします」: a clause in the て form is no request, the speaker does both.
    return { text: itemText(p), owner: owner(p, k === pieces.length - 1), due: d.due, cadence: d.cadence };
  });
}

function dueOf(text: string, cue: boolean, ctx: DueContext): { due: string | null; cadence: Action['cadence'] } {
  if (!cue && !/毎|隔週|ごと|おき|every|weekly|monthly|quarterly/i.test(text)) return { due: null, cadence: null };
  const recurring = cadenceOf(text, ctx);
  if (recurring !== null) return { due: recurring.first, cadence: recurring.cadence };
  return { due: cue ? resolveDue(text, ctx) : null, cadence: null };
}

/** A clause that is a follow-up of its own: it ends in a follow-up verb stem (送り、 設定し、 確認して、). */
const ACTION_JOINT =
  /(?<=(?:確認|共有|連絡|回答|調整|検討|準備|作成|設定|報告|提出|相談|手配|依頼|説明|紹介|フォロー|登録|受講|申し込み|申込|案内|整理|予約)(?:し(?:て)?|を行い)|(?:送|作|取|決め|まとめ|伝え|渡|見直|探|進め|考え|書)(?:り|し|て|え|め|き)?(?:て)?)[、，,]\s*|(?<=(?:確認|共有|連絡|回答|調整|検討|準備|作成|設定|報告|提出|相談|手配|依頼|説明|紹介|フォロー|登録|受講|申込|案内|面談|再面談|移管|配置|実施|組む|もらい))[、，,]\s*|\s*→\s*|(?<=[.;])\s+(?:and\s+)?(?=[A-Z])|,\s*and\s+(?=(?:[^,]{0,30}\s)?(?:I|we|he|she|they|HR)\s+(?:will|'ll)\b|(?:I|we|he|she|they|HR)\b)/g;

function splitActions(text: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  ACTION_JOINT.lastIndex = 0;
  for (let hit = ACTION_JOINT.exec(text); hit !== null; hit = ACTION_JOINT.exec(text)) {
    const piece = text.slice(from, hit.index).trim();
    // Each side must be a follow-up in its own right, or the sentence stays whole.
    if (piece.length >= 4) {
      pieces.push(piece);
      from = hit.index + hit[0].length;
    }
  }
  const last = text.slice(from).trim();
  if (pieces.length === 0) return [text];
  if (last.length < 4 || !(FOLLOW_VERB_END.test(ending(last.normalize('NFKC'))) || FOLLOW_NOUN_END.test(ending(last.normalize('NFKC'))) || POLITE_PROMISE_END.test(ending(last.normalize('NFKC'))))) return [text];
  return [...pieces, last];
}

/** What a sentence says regardless of the meeting's date: computed once per distinct sentence (notes repeat them). */
interface LineFacts {
  leaving: boolean;
  /** Ends in the past or a state (済み): never an action. */
  notAction: boolean;
  followVerb: boolean;
  deadlineWord: boolean;
  /** A date with a state, not a task: 「年末で繁忙」「最終出社日は6月末で合意」「復帰は来年4月予定」. */
  datedState: boolean;
  /** Only a deadline (「6月末まで」): the due date of the follow-up before it. */
  deadlineOnly: boolean;
  /** A follow-up noun at the end of a line under an action label or after an arrow. */
  followNoun: boolean;
  itemText: string;
  owner: Owner;
  category: Category;
  /** Every category the live clauses name (「給与・賞与に不満、評価基準も分かりにくい」: compensation, evaluation); [other] when none. */
  categories: Category[];
  wishes: number;
  aspirations: ReadonlyArray<{ kind: AspirationKind; text: string }>;
  concernCue: boolean;
  question: boolean;
  /** A short sentence that only says all is well (「本人は問題ないと。」): it takes the worry before it back. */
  resolves: boolean;
  /** Every worry the sentence names is denied or over (「不満ではなく」「残業も落ち着いており」). */
  denied: boolean;
  dissatisfaction: boolean;
  /** Meeting boilerplate (「1on1（30分）。」): last choice for the summary. */
  boilerplate: boolean;
  /** Names something resolveDue reads (a digit, 来月, 月末 …); without one it returns null. */
  dueCue: boolean;
}

const FACTS_MAX = 100_000;
const noTitles: readonly string[] = [];
/** Facts per sentence text, one slot per section × arrow × speaker (a sentence's facts also depend on those). */
type FactsMemo = Map<string, Array<LineFacts | undefined>>;
const memos = new WeakMap<readonly string[], { titles: string[]; facts: FactsMemo }>();
const SECTION_SLOT: Record<string, number> = { concern: 1, wish: 2, action: 3 };
const SPEAKER_SLOT: Record<string, number> = { manager: 1, employee: 2, hr: 3, other: 4 };

/** Position titles, folded once, and the sentence facts that depend on them (both per list of titles). */
function memoFor(positionTitles: readonly string[] | undefined): { titles: string[]; facts: FactsMemo } {
  const key = positionTitles ?? noTitles;
  let m = memos.get(key);
  if (m === undefined) {
    m = { titles: key.map((t) => t.normalize('NFKC').trim()).filter((t) => t.length > 0), facts: new Map() };
    memos.set(key, m);
  }
  return m;
}

function factsOf(line: Line, titles: string[], memo: FactsMemo): LineFacts {
  // Keyed by the sentence text, a slot per section × arrow: no key string is built per line.
  let slots = memo.get(line.text);
  // The owner depends on who says it: the same 「はい、送ります」 is the employee's or the interviewer's.
  const slot = ((line.section === null ? 0 : SECTION_SLOT[line.section]!) * 2 + (line.arrow ? 1 : 0)) * 5 + (line.speaker === null ? 0 : SPEAKER_SLOT[line.speaker]!);
  let f = slots?.[slot];
  if (f !== undefined) return f;
  const norm = line.text.normalize('NFKC');
  const end = ending(norm);
  const live = liveClauses(norm);
  // What the worry is about, read where it is alive: 「給料に不満があるわけではなく、…先が見えない」 is career.
  const categories = categoriesOf(live.length > 0 ? live.join('、') : norm);
  const category = categories[0]!;
  const wishes = wishClauses(line).length;
  const question = isQuestion(end) || /[?？]\s*$/.test(norm) || /^(?:anything|are you|do you|is there|how (?:are|is)|what)\b/i.test(end);
  f = {
    leaving: live.some((c) => LEAVING.test(c) && !LEAVING_DENIED.test(c)),
    notAction:
      end.length === 0 ||
      (PAST_OR_STATE_END.test(end) && !POLITE_PROMISE_END.test(end)) ||
      /済み|済です/.test(norm) ||
      (question && !ASKING_TO_DO.test(end)) ||
      COURTESY.test(end) ||
      (!/[\u3040-\u30ff\u4e00-\u9fff]/.test(norm) && (!EN_FUTURE.test(norm) || VAGUE_EN.test(end))),
    followVerb: FOLLOW_VERB_END.test(end) || POLITE_PROMISE_END.test(end),
    deadlineWord: DEADLINE_WORD.test(norm),
    datedState: DATED_STATE.test(end),
    deadlineOnly: DEADLINE_ONLY.test(end),
    followNoun: (line.section === 'action' || line.arrow) && FOLLOW_NOUN_END.test(end),
    itemText: itemText(line.text),
    owner: ownerOf(norm, line.speaker),
    category,
    categories,
    wishes,
    aspirations: wishes > 0 && !CONDITION_CATEGORIES.has(category) ? aspirationsOf(line, titles) : [],
    concernCue: live.some((c) => CONCERN_CUE.test(c)),
    question,
    resolves: end.length <= 24 && live.length === 0 && RESOLUTION.test(end) && categories[0] === 'other',
    denied: live.length === 0 || (CONCERN_CUE.test(norm) && !live.some((c) => CONCERN_CUE.test(c))),
    dissatisfaction: live.some((c) => DISSATISFACTION.test(c)),
    boilerplate: BOILERPLATE.test(norm),
    dueCue: DUE_CUE.test(norm),
  };
  if (slots === undefined) {
    if (memo.size >= FACTS_MAX) memo.clear();
    slots = [];
    memo.set(line.text, slots);
  }
  slots[slot] = f;
  return f;
}

// ---------------------------------------------------------------------------------------------------------
// Sentences.

function readLines(text: string, people: { interviewer: string | null; employee: string | null }): Line[] {
  const out: Line[] = [];
  for (const turn of readTurns(text, people)) {
    let section: Section = null;
    for (const s of splitSentences(turn.text)) {
      let t = s.text;
      let arrow = false;
      for (let guard = 0; guard < 5; guard++) {
        const hit = LEAD.exec(t);
        if (hit === null || hit[0].length === 0 || hit[0].length === t.length) break;
        const label = hit[1] ?? hit[2] ?? hit[3];
        if (label !== undefined) section = sectionOf(label);
        if (hit[4] !== undefined && /[→⇒➡▶►>＞]/.test(hit[4])) arrow = true;
        t = t.slice(hit[0].length).trim();
      }
      if (t.length === 0) continue;
      out.push({ text: t, section, arrow, index: out.length, speaker: turn.speaker });
    }
  }
  return out;
}

function sectionOf(label: string): Section {
  if (/懸念|課題|悩み|不安|困りごと|リスク|concern/i.test(label)) return 'concern';
  if (/対応|アクション|TODO|ToDo|宿題|次回|フォロー|今後の対応|申し送り|agreed|next|action|follow|to-?do/i.test(label)) return 'action';
  if (/希望|目標|キャリア|志向|要望|意向|goal/i.test(label)) return 'wish';
  return null;
}

/** The sentence without the final 。 (and without a trailing owner bracket's period). */
function itemText(text: string): string {
  const t = text.replace(/[。．.！!？?]+$/, '').trim();
  return t.length > 0 ? t : text;
}

/** The sentence body used for the ending tests: final punctuation and a trailing （本人）-style bracket removed. */
function ending(norm: string): string {
  return norm
    .replace(/[。.!?」』"]+$/, '')
    .replace(/\s*\([^()]{0,12}\)\s*$/, '')
    .replace(/[。.!?]+$/, '')
    .trim();
}

// ---------------------------------------------------------------------------------------------------------
// Actions.

/** A request to the listener: in a transcript the one asked does it (「まとめてきてください」). */
const REQUEST = /(?:て|で)(?:ください|下さい|くれる|くれますか|もらえ(?:ます|る)?か|いただけ(?:ます|る)?か|いただきたい|ほしい|欲しい)|(?:お願い(?:します|できますか|したい))|(?:しておいて|やってみて|考えてきて|持ってきて|書いてきて|まとめてきて)|\bcould you\b|\bplease\b|\bcan you\b/i;
const SPEAKER_OWNER: Record<Speaker, Owner> = { manager: 'manager', employee: 'employee', hr: 'hr', other: 'other' };

/** HR does it: 人事から, 人事の南さんから, 人事の森さんに…検討してもらう, "HR (Mr. Seki) will" — not 人事に確認 (HR is asked). */
const HR_AGENT =
  /人事(?:部|課|担当|担当者|グループ)?(?:の[^、。\s]{1,8}?(?:さん|氏|課長|部長|様))?(?:から|が|で|より|にて)|人事(?:部|課)?(?:の[^、。\s]{1,8}?(?:さん|氏))?に[^。]{0,24}(?:してもらう|してもらいます|依頼する|お願いする|もらう)|\bHR\b[^.;]{0,24}?\b(?:will|to)\b|\bHR\b\s*(?:から|が)/i;
const MANAGER_AGENT = /(?:上長|上司|私|こちら|当方|面談者|課長|部長|マネージャ)(?:から|が|で|より|にて|の方で|のほうで)|\bI will\b|\bI'll\b|\bwe will\b|\bwe'll\b|\bI am going to\b|\bI'm going to\b/i;
const EMPLOYEE_AGENT_EN = /\b(?:he|she|they)(?: will|'ll| is going to| to)\b|^(?:[A-Z][a-z]+) (?:will|to)\b/;
/** In a transcript, a request in the て form or as a question: 「申し込んでおいて」「まとめて」「見せてもらえる？」. */
const REQUEST_END = new RegExp(`(?:て|で)(?:おいて|みて|きて|ね|よ)?$|${ASKED_END}`);

function ownerOf(norm: string, speaker: Speaker | null = null, final = true): Owner {
  if (speaker !== null) {
    if (HR_AGENT.test(norm) && speaker !== 'hr') return 'hr';
    const end = ending(norm);
    if (REQUEST.test(norm) || (final && REQUEST_END.test(end))) return speaker === 'manager' ? 'employee' : speaker === 'employee' ? 'manager' : 'other';
    if (speaker === 'employee' && /(?:上司|上長|課長|部長)(?:から|が|より)/.test(norm)) return 'manager';
    if (speaker === 'manager' && (/本人(?:が|から|より)/.test(norm) || EMPLOYEE_AGENT_EN.test(norm))) return 'employee';
    return SPEAKER_OWNER[speaker];
  }
  const bracket = /\(([^()]{1,12})\)\s*[。.]?\s*$/.exec(norm)?.[1];
  if (bracket !== undefined) {
    if (/本人|社員|従業員/.test(bracket)) return 'employee';
    if (/人事|HR/i.test(bracket)) return 'hr';
    if (/上長|上司|課長|部長|係長|所長|室長|マネージャ|面談者|管理職/.test(bracket)) return 'manager';
  }
  if (HR_AGENT.test(norm)) return 'hr';
  if (MANAGER_AGENT.test(norm)) return 'manager';
  if (/本人(?:から|に)[^。、]{0,10}(?:聞く|聞き|ヒアリング|説明|伝え)/.test(norm)) return 'manager';
  if (/本人(?:が|は|から|より|にて|も)|本人には[^。]{0,20}もら|してもらう|してもらいます|てください|するよう(?:に)?(?:伝え|指示|依頼|お願い)|ように(?:伝え|指示)/.test(norm) || EMPLOYEE_AGENT_EN.test(norm)) return 'employee';
  const mgr = lastIndexOf(norm, /回答|連絡|共有|確認|調整|検討|準備|作成|見直|渡す|渡し|設定|フォロー|説明|相談|打診|手配|紹介|伝える|報告|返答|案内/g);
  const emp = lastIndexOf(norm, /申し込|申込|受講(?!可否)|受験|提出|取得|勉強|学習/g);
  // The note is the interviewer's own record: a follow-up that names no one else is theirs.
  if (mgr < 0 && emp < 0) return 'manager';
  return emp > mgr ? 'employee' : 'manager';
}

function lastIndexOf(text: string, pattern: RegExp): number {
  let last = -1;
  pattern.lastIndex = 0;
  for (let hit = pattern.exec(text); hit !== null; hit = pattern.exec(text)) {
    last = hit.index;
    if (hit[0].length === 0) pattern.lastIndex++;
  }
  return last;
}

// ---------------------------------------------------------------------------------------------------------
// Concerns.

/** The category of the nearest sentence before (two at most) or just after that names one, else other. */
function contextCategory(lines: Line[], facts: LineFacts[], index: number): Category {
  for (const k of [index - 1, index - 2, index + 1]) {
    const line = lines[k];
    if (line === undefined) continue;
    if (facts[k]!.category !== 'other') return facts[k]!.category;
  }
  return 'other';
}

function categoriesOf(norm: string): Category[] {
  // A relative's illness is a family matter, not the person's health.
  const text = norm.replace(RELATIVE_ILLNESS, '家族の事情');
  const found = CATEGORY_RULES.filter(([, pattern]) => pattern.test(text)).map(([category]) => category);
  if (found.length > 0) return found;
  // 納得いかない alone is about an evaluation; with a named subject (住宅手当, 異動) it is about that.
  return WEAK_EVALUATION.test(text) ? ['evaluation'] : ['other'];
}

const RELATIVE_ILLNESS = /(?:父|母|親|家族|子ども|子供|妻|夫|主人|義母|義父|祖母|祖父)(?:様|さん)?の(?:体調|病気|手術|症状|入院|通院|介護)/g;
const WEAK_EVALUATION = /納得|報われ/;


// ---------------------------------------------------------------------------------------------------------
// Aspirations.

interface Clause {
  /** Original text of the clause. */
  text: string;
  /** Where the wish cue starts in `text`, -1 when the clause has none. */
  cue: number;
  /** The English cue's end (the object follows it), -1 for a Japanese cue. */
  enEnd: number;
}

function clausesOf(text: string): Clause[] {
  return text
    .replace(/[。．.！!？?]+$/, '')
    .split(/[、，,;；]/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0)
    .map((c) => {
      const norm = c.normalize('NFKC');
      const ja = WISH_JA.exec(c) ?? WISH_JA.exec(norm);
      if (ja !== null) return { text: c, cue: ja.index, enEnd: -1 };
      const en = WISH_EN.exec(c);
      if (en !== null) return { text: c, cue: en.index, enEnd: en.index + en[0].length };
      return { text: c, cue: -1, enEnd: -1 };
    });
}

function wishClauses(line: Line): Clause[] {
  return clausesOf(line.text).filter((c) => c.cue >= 0);
}

function aspirationsOf(line: Line, titles: string[]): Array<{ kind: AspirationKind; text: string }> {
  const clauses = clausesOf(line.text);
  const out: Array<{ kind: AspirationKind; text: string }> = [];
  clauses.forEach((clause, k) => {
    if (clause.cue < 0) return;
    // a. A lead-up clause right before: 「SQLを覚えて、…なりたい」.
    const prev = k > 0 ? clauses[k - 1]! : null;
    if (prev !== null && prev.cue < 0) {
      const lead = LEAD_UP.exec(prev.text);
      const phrase = lead === null ? '' : tidy(lead[1]!);
      if (phrase.length > 0) {
        out.push({ kind: isRole(phrase, titles) ? 'role' : 'skill', text: phrase });
        return;
      }
    }
    if (clause.enEnd >= 0) {
      out.push(englishAspiration(clause, titles));
      return;
    }
    const head = stripFillers(clause.text.slice(0, clause.cue));
    // b. A role.
    for (const pattern of ROLE_PATTERNS) {
      const hit = pattern.exec(clause.text);
      if (hit === null) continue;
      const phrase = tidy(hit[1]!);
      if (phrase.length > 0 && isRole(phrase, titles)) {
        out.push({ kind: 'role', text: phrase });
        return;
      }
    }
    // c. The object before the cue.
    let phrase = '';
    const wo = head.lastIndexOf('を');
    if (wo > 0) phrase = tidy(head.slice(0, wo));
    if (phrase.length === 0) {
      const particle = /^(.*)(?:として|に|へ|も|が)/.exec(head);
      if (particle !== null) phrase = tidy(particle[1]!.replace(/(?:に|へ|も|は|が|として)+$/, ''));
    }
    // d. The clause.
    const fromClause = phrase.length === 0 || phrase.length > 40;
    if (fromClause) phrase = tidy(clause.text.replace(/(?:と(?:本人は)?(?:話している|のこと|の希望あり|の発言あり|いう気持ちはある))$/, ''), false);
    if (phrase.length === 0) phrase = clause.text;
    out.push({ kind: kindOf(phrase, fromClause ? clause.text : clause.text.replace(phrase, ''), titles, fromClause), text: phrase });
  });
  return out;
}

function englishAspiration(clause: Clause, titles: string[]): { kind: AspirationKind; text: string } {
  let phrase = clause.text
    .slice(clause.enEnd)
    .replace(/^\s*(?:become|be|get|work as|move into|move to|take on|learn|study|master|improve|develop|gain|build|pursue)\s+/i, '')
    .replace(/^(?:an?|the|my|more)\s+/i, '')
    .replace(/\s+(?:in the future|someday|one day|eventually|soon)$/i, '')
    .trim();
  if (phrase.length === 0) phrase = clause.text;
  return { kind: kindOf(phrase, clause.text, titles, false), text: phrase };
}

/** Cuts a phrase to its noun phrase: after the last topic / means particle, without fillers and tails. */
function tidy(raw: string, cut = true): string {
  let p = raw.trim();
  if (cut) {
    // after the last は / で (not での) / が (as particles: after a non-hiragana or に, で, と, へ) / より /
    // から / ため / ので inside the phrase
    let cutEnd = -1;
    const particles = /(?<=[^\u3041-\u3096]|[にでとへ])(?:は|で(?!の)|が)|より|から|ため|ので/g;
    for (let hit = particles.exec(p); hit !== null; hit = particles.exec(p)) cutEnd = hit.index + hit[0].length;
    if (cutEnd > 0 && p.length - cutEnd >= 2) p = p.slice(cutEnd);
  }
  p = stripFillers(p);
  p = p.replace(PHRASE_TAIL, '').replace(/^[「『"'（(]+|[」』"'）)]+$/g, (s) => (balanced(p) ? s : '')).trim();
  return p.replace(/[。．.！!？?、，,]+$/, '').trim();
}

function stripFillers(text: string): string {
  let p = text.trim();
  for (let guard = 0; guard < 4; guard++) {
    const next = p.replace(FILLER_HEAD, '').trim();
    if (next === p || next.length === 0) break;
    p = next;
  }
  return p;
}

function balanced(p: string): boolean {
  const open = (p.match(/[（(「『]/g) ?? []).length;
  const close = (p.match(/[）)」』]/g) ?? []).length;
  return open === close;
}

function isRole(phrase: string, titles: string[]): boolean {
  const norm = phrase.normalize('NFKC');
  return ROLE_WORD.test(norm) || titles.some((t) => norm.includes(t));
}

function kindOf(phrase: string, verbPart: string, titles: string[], fromClause: boolean): AspirationKind {
  if (isRole(phrase, titles)) return 'role';
  const norm = phrase.normalize('NFKC');
  if (MOVE.test(norm)) return 'other';
  if (LEARN_VERB.test(verbPart.normalize('NFKC'))) return 'skill';
  if (!fromClause && SKILL_WORD.test(norm)) return 'skill';
  return 'other';
}

// ---------------------------------------------------------------------------------------------------------
// Summary.

const SUMMARY_MAX = 300;

function summarize(
  lines: Line[],
  facts: LineFacts[],
  evidence: Line | null,
  firstOf: Record<'aspiration' | 'concern' | 'action', Line[]>,
  roles: Map<number, 'aspiration' | 'concern' | 'action'>,
): string {
  if (lines.length === 0) return '（記載なし）';
  const order: Line[] = [];
  const push = (l: Line | null | undefined) => {
    if (l !== null && l !== undefined && !order.includes(l)) order.push(l);
  };
  push(evidence);
  push(firstOf.aspiration[0]);
  push(firstOf.concern[0]);
  push(firstOf.action[0]);
  for (const l of lines) if (roles.has(l.index)) push(l);
  for (const l of lines) if (!facts[l.index]!.boilerplate) push(l);
  if (order.length === 0) for (const l of lines) push(l);

  const picked: Line[] = [];
  let used = 0;
  for (const l of order) {
    if (picked.length === 3) break;
    const s = asSentence(l.text);
    if (used + s.length > SUMMARY_MAX) continue;
    picked.push(l);
    used += s.length;
  }
  if (picked.length === 0) {
    const s = asSentence(order[0]!.text);
    if (s.length <= SUMMARY_MAX) return s;
    let cut = '';
    for (const ch of s) {
      if (cut.length + ch.length > SUMMARY_MAX - 1) break; // whole code points only: never half an emoji
      cut += ch;
    }
    return `${cut}…`;
  }
  return picked
    .sort((a, b) => a.index - b.index)
    .map((l) => asSentence(l.text))
    .join('');
}

function asSentence(text: string): string {
  return /[。．！？!?」』）)]$/.test(text) || /\.$/.test(text) ? text : `${text}。`;
}
