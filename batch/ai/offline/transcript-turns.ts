/**
 * A note as turns of speech: the lines of a transcript (or of a note that pastes one) with their speakers,
 * labels and timestamps cut off. Works on what the tagging stage reads — a transcript file rendered as
 * `speaker: text` lines (batch/ingest/transcripts.ts) — and on what managers paste into a notes cell:
 * `上司: …` / `本人：…`, `[00:03:12] 田中: …`, `【田中】…`, `Ｑ：… Ａ：…`, `田中（上長）: …`, and minutes tools'
 * headers (`田中 美咲 00:12` or `話者1 00:01:05` on a line of their own, the paragraph below). A line without a
 * label continues the turn above it. Pure.
 *
 * WHO SPEAKS. A label is the interviewer (`manager`) when it is the interviewer's name — full, family or given
 * name, with or without honorific, or the mask that replaced it (〔面談者〕) — or a role word (上司, 上長,
 * 面談者, インタビュアー, 課長, 部長, マネージャー, Q, Interviewer, Manager); the person interviewed
 * (`employee`) when it is their name (or 〔本人〕) or 本人, 社員, 部下, 従業員, A, Employee; HR when it holds 人事 or
 * HR; anyone else named is `other`. Labels that say nothing (話者1, Speaker 2, 参加者A) are told apart by what
 * they say: the one who asks more questions (か？ ですか ますか ?) is the interviewer, the first to speak on a tie.
 */

export type Speaker = 'manager' | 'employee' | 'hr' | 'other';

export interface Turn {
  /** The line without label and timestamp. */
  text: string;
  /** null in a note without speaker labels. */
  speaker: Speaker | null;
  /** True on the first line of a turn (a label stands before it). */
  first: boolean;
}

export interface People {
  interviewer: string | null;
  employee: string | null;
}

const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
const LABEL = String.raw`[^\s:：。、，,.!?！？「」『』()（）\[\]【】<>0-9][^:：。、，,!?！？「」『』\[\]【】<>\n]{0,24}?`;
/** `[00:03:12] 田中: …`, `00:03:12 田中：…`, `(00:03) 田中 : …` */
const TIMED = new RegExp(String.raw`^[\[(（]?${TIME}[\])）]?\s*(?:(${LABEL})\s*(?:[（(][^（）()]{0,12}[）)])?\s*[:：]\s*)?(.*)$`);
/** `田中: …`, `田中（上長）：…`, `【田中】…`, `[田中] …`, `<v 田中>…` */
const LABELLED = new RegExp(String.raw`^(?:[【\[［](${LABEL})[】\]］]\s*|<v\s+([^>]{1,30})>\s*|(${LABEL})\s*(?:[（(]([^（）()]{0,12})[）)])?\s*[:：]\s*)(.*)$`);
/** A speaker's header line: `田中 美咲 00:12`, `話者1 00:01:05`, `Speaker 2  01:02`. */
const HEADER = new RegExp(String.raw`^(${LABEL}|[^\s].{0,24}?)\s+[\[(（]?${TIME}[\])）]?\s*$`);

const MANAGER_WORD = /上司|上長|面談者|面接官|インタビュア|課長|部長|係長|所長|室長|工場長|マネージャ|マネジャ|リーダー|^Q$|^Ｑ$|interviewer|manager|^boss$|supervisor|〔面談者〕/i;
const EMPLOYEE_WORD = /本人|社員|部下|従業員|メンバー|^A$|^Ａ$|employee|interviewee|〔本人〕/i;
const HR_WORD = /人事|^HR\b|HRBP/i;
/** Headings of a note (【現状】, 希望：, 対応:), not speakers. */
const SECTION_WORD =
  /^(?:現状|近況|状況|希望|本人希望|要望|意向|目標|キャリア|志向|懸念|懸念点|課題|悩み|不安|困りごと|リスク|対応|今後の対応|アクション|TODO|ToDo|宿題|次回|フォロー|申し送り|備考|メモ|所感|上長所見|所見|コメント|その他|背景|結論|決定事項|合意事項|評価|強み|弱み|実績|成果|期待|summary|next steps?|action items?|actions?|notes?|goals?|concerns?|background|status|comments?|follow[- ]?ups?|agreed)$/i;
const ANONYMOUS = /^(?:話者|スピーカー|speaker|参加者|発言者|participant|guest|ゲスト)\s*[0-9０-９A-Za-z]*$/i;

/** The lines of `text` with their speakers (see the file comment). */
export function readTurns(text: string, people: People): Turn[] {
  const raw: Array<{ text: string; label: string | null; role: string | null }> = [];
  let labelled = 0;
  for (const line of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    const t = line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    if (t.length === 0 || /^WEBVTT\b|-->/.test(t)) {
      raw.push({ text: '', label: null, role: null });
      continue;
    }
    const parsed = parseLine(t);
    if (parsed.label !== null) labelled++;
    raw.push(parsed);
  }
  if (labelled === 0) return raw.filter((r) => r.text.length > 0).map((r) => ({ text: r.text, speaker: null, first: false }));

  const known = new Map<string, Speaker | null>();
  const uses = new Map<string, number>();
  for (const r of raw) if (r.label !== null) uses.set(r.label, (uses.get(r.label) ?? 0) + 1);
  for (const r of raw) {
    if (r.label === null || known.has(r.label)) continue;
    const role = roleOf(r.label, r.role, people);
    // Someone unknown named once is more likely a heading (「目標:」) than a speaker: the line keeps its words.
    if (role === 'other' && uses.get(r.label)! < 2 && labelled < 3) {
      r.text = `${r.label}：${r.text}`;
      r.label = null;
      continue;
    }
    known.set(r.label, role);
  }
  if (known.size === 0) return raw.filter((r) => r.text.length > 0).map((r) => ({ text: r.text, speaker: null, first: false }));
  placeNamed(raw, known);
  resolveAnonymous(raw, known);
  const out: Turn[] = [];
  let current: Speaker | null = null;
  for (const r of raw) {
    const first = r.label !== null && known.has(r.label);
    if (first) current = known.get(r.label!) ?? 'other';
    if (r.text.length > 0) out.push({ text: r.text, speaker: current, first });
  }
  return out;
}

function parseLine(t: string): { text: string; label: string | null; role: string | null } {
  const header = HEADER.exec(t);
  if (header !== null && !/[。．！？!?]/.test(header[1]!)) return { text: '', label: header[1]!.trim(), role: null };
  const timed = TIMED.exec(t);
  if (timed !== null) {
    if (timed[1] !== undefined) return { text: timed[2]!.trim(), label: timed[1].trim(), role: null };
    t = timed[2]!.trim();
  }
  const m = LABELLED.exec(t);
  if (m === null) return { text: t, label: null, role: null };
  const label = (m[1] ?? m[2] ?? m[3])!.trim();
  if (/^[\d\s\-/.:年月日時分秒]+$/.test(label) || label.length > 24 || SECTION_WORD.test(label.normalize('NFKC'))) return { text: t, label: null, role: null };
  return { text: m[5]!.trim(), label, role: m[4]?.trim() ?? null };
}

function roleOf(label: string, bracket: string | null, people: People): Speaker | null {
  const l = label.normalize('NFKC').trim();
  if (matchesPerson(l, people.interviewer)) return 'manager';
  if (matchesPerson(l, people.employee)) return 'employee';
  const words = `${l} ${bracket ?? ''}`;
  if (HR_WORD.test(words)) return 'hr';
  if (MANAGER_WORD.test(l) || (bracket !== null && MANAGER_WORD.test(bracket))) return 'manager';
  if (EMPLOYEE_WORD.test(l) || (bracket !== null && EMPLOYEE_WORD.test(bracket))) return 'employee';
  if (ANONYMOUS.test(l)) return null;
  return 'other';
}

const HONORIFIC = /(?:さん|様|さま|氏|君|くん|課長|部長|係長|主任|室長|所長|マネージャー|リーダー)$/;

/** The label names the person: full name (spaces ignored), family or given name, with an honorific or not. */
function matchesPerson(label: string, name: string | null): boolean {
  if (name === null || name.trim() === '') return false;
  const bare = label.replace(HONORIFIC, '').replace(/[\s\u3000]+/g, '');
  const n = name.normalize('NFKC').trim();
  if (n === label || n.replace(/[\s\u3000]+/g, '') === bare) return true;
  const parts = n.split(/[\s\u3000]+/).filter(Boolean);
  if (parts.length >= 2 && parts.some((p) => p === bare)) return true;
  // Latin names come in either order and any case: "Ravi Patel" for Patel Ravi.
  const tokens = label.replace(HONORIFIC, '').toLowerCase().split(/[\s\u3000]+/).filter(Boolean);
  const lower = new Set(parts.map((p) => p.toLowerCase()));
  return tokens.length >= 1 && /^[a-z][a-z'\-.\s]*$/.test(tokens.join(' ')) && tokens.every((t) => lower.has(t)) && (tokens.length >= 2 || parts.length >= 2);
}

const QUESTION = /[?？]|(?:です|ます|でしょう|ません)か[。．]?$|(?:どう|何|なぜ|いつ|どこ|どんな|どの)/;

/**
 * Names the interview does not give (romanised 「Minami」 for 南, a nickname): someone introduced as 人事の森さん is HR;
 * the others are told apart like anonymous labels while the interviewer's or the employee's place is still free.
 */
function placeNamed(raw: Array<{ text: string; label: string | null }>, known: Map<string, Speaker | null>): void {
  const others = [...known].filter(([, role]) => role === 'other').map(([label]) => label);
  if (others.length === 0) return;
  const all = raw.map((r) => r.text).join('\n');
  for (const label of others) {
    const names = label.normalize('NFKC').replace(HONORIFIC, '').split(/[\s\u3000]+/).filter((t) => t.length > 0);
    if (names.some((n) => new RegExp(`(?:人事|HR)(?:部|課|担当)?の${escapeRegExp(n)}`, 'i').test(all))) known.set(label, 'hr');
  }
  const roles = new Set(known.values());
  if (roles.has('manager') && roles.has('employee')) return;
  for (const label of others) if (known.get(label) === 'other') known.set(label, null);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Labels that say nothing of their role: the one asking more questions is the interviewer. */
function resolveAnonymous(raw: Array<{ text: string; label: string | null }>, known: Map<string, Speaker | null>): void {
  const anonymous = [...known].filter(([, role]) => role === null).map(([label]) => label);
  if (anonymous.length === 0) return;
  const taken = new Set([...known.values()].filter((r) => r !== null));
  const questions = new Map<string, number>(anonymous.map((a) => [a, 0]));
  let current: string | null = null;
  for (const r of raw) {
    if (r.label !== null) current = r.label;
    if (current !== null && questions.has(current) && QUESTION.test(r.text)) questions.set(current, questions.get(current)! + 1);
  }
  // Order of first appearance breaks ties: the interviewer usually opens the meeting.
  const ranked = [...anonymous].sort((a, b) => questions.get(b)! - questions.get(a)!);
  for (const label of ranked) {
    if (!taken.has('manager')) {
      known.set(label, 'manager');
      taken.add('manager');
    } else if (!taken.has('employee')) {
      known.set(label, 'employee');
      taken.add('employee');
    } else known.set(label, 'other');
  }
}
