/**
 * Sentence splitting for mixed Japanese / English notes. Pure, no I/O.
 *
 * A sentence ends:
 *  - after 。 ｡ ！ ？ ! ? (a run of them counts as one end; closing brackets and quotes right after it
 *    — 」』）)]】〕"'”’ — stay with the sentence), but not inside 「」『』（）() (「できた！」と話した is one
 *    sentence; a bracket left open for more than 200 characters stops holding terminators back);
 *  - at a line break (\n, \r\n, \r, U+2028, U+2029);
 *  - after `.` or `．` followed by whitespace, by the end of the text, or (for `.`) by a Japanese character,
 *    except after common abbreviations (e.g. i.e. Mr. Ms. Mrs. Dr. vs. No. approx. Inc. Ltd. Co. Jr. Sr.
 *    St.), a single capital letter (an initial: `J. Smith`) or a bare list number (`1. 担当業務`).
 *    So `Node.js`, `ver.2` and `3.5年` are never split; `．` followed by a non-digit also ends a sentence
 *    (some writers use it for 。).
 *
 * Each sentence keeps its original text, trimmed of whitespace (incl. U+3000); empty ones are dropped.
 */

export interface Sentence {
  /** The original text of the sentence, trimmed: always `input.slice(start, end)`. */
  text: string;
  /** Index in the input of the first character of `text`. */
  start: number;
  /** Index in the input just past the last character of `text`. */
  end: number;
}

const TERMINATORS = new Set(['。', '｡', '！', '？', '!', '?'].map((c) => c.charCodeAt(0)));
const CLOSERS = new Set(['」', '』', '）', ')', ']', '】', '〕', '"', "'", '”', '’', '»', '〉', '》'].map((c) => c.charCodeAt(0)));
const LINE_BREAKS = new Set(['\n', '\r', '\u2028', '\u2029'].map((c) => c.charCodeAt(0)));
const OPENERS = new Map([['「', '」'], ['『', '』'], ['（', '）'], ['(', ')']].map(([o, c]) => [o!.charCodeAt(0), c!.charCodeAt(0)]));
/** A quote or parenthesis left open longer than this no longer holds its terminators back. */
const MAX_QUOTE = 200;
const PERIOD = 0x2e;
const FULL_WIDTH_PERIOD = 0xff0e;
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'mr', 'ms', 'mrs', 'dr', 'vs', 'no', 'approx', 'inc', 'ltd', 'co', 'jr', 'sr', 'st', 'prof', 'dept', 'fig']);

/** 1 for the code units that can end a sentence or open a bracket: only those take the slow path. */
const SPECIAL = new Uint8Array(0x10000);
for (const c of [...TERMINATORS, ...LINE_BREAKS, ...OPENERS.keys(), PERIOD, FULL_WIDTH_PERIOD]) SPECIAL[c] = 1;

/**
 * The last text split and its sentences: the tagging stage asks for the same note three times in a row
 * (skill tags, position goals, insight). Callers only read the result.
 */
let lastText: string | null = null;
let lastSentences: Sentence[] = [];

export function splitSentences(text: string): Sentence[] {
  if (text === lastText) return lastSentences;
  const out = split(text);
  lastText = text;
  lastSentences = out;
  return out;
}

function split(text: string): Sentence[] {
  const out: Sentence[] = [];
  const cut = (a: number, b: number) => {
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (a < b) out.push({ text: text.slice(a, b), start: a, end: b });
  };
  const absorbClosers = (j: number) => {
    while (j < text.length && CLOSERS.has(text.charCodeAt(j))) j++;
    return j;
  };
  let start = 0;
  let closer = -1; // the closing bracket awaited, -1: none
  let openedAt = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (SPECIAL[c] === 0) {
      // fast path: any other text only ever closes the bracket awaited (or one open too long)
      if (closer >= 0 && (c === closer || i - openedAt > MAX_QUOTE)) closer = -1;
      continue;
    }
    if (LINE_BREAKS.has(c)) {
      cut(start, i);
      start = i + 1;
      closer = -1;
      continue;
    }
    if (closer >= 0) {
      if (c === closer || i - openedAt > MAX_QUOTE) closer = -1;
      else continue; // 「できた！」と話した: a terminator inside a quote does not end the sentence
    }
    const opens = OPENERS.get(c);
    if (opens !== undefined) {
      closer = opens;
      openedAt = i;
      continue;
    }
    if (TERMINATORS.has(c)) {
      let j = i + 1;
      while (j < text.length && TERMINATORS.has(text.charCodeAt(j))) j++;
      j = absorbClosers(j);
      cut(start, j);
      start = j;
      i = j - 1;
      continue;
    }
    if ((c === PERIOD || c === FULL_WIDTH_PERIOD) && endsSentence(text, start, i)) {
      const j = absorbClosers(i + 1);
      cut(start, j);
      start = j;
      i = j - 1;
    }
  }
  cut(start, text.length);
  return out;
}

function endsSentence(text: string, start: number, i: number): boolean {
  const next = text.charCodeAt(i + 1);
  const atEnd = i + 1 >= text.length;
  const fullWidth = text[i] === '．';
  if (!atEnd && !isSpace(next) && !CLOSERS.has(next)) {
    if (fullWidth) {
      if (isDigit(next) || (next >= 0xff10 && next <= 0xff19)) return false;
    } else if (!isJapanese(next)) return false;
  }
  // The word before the period: abbreviation, initial or list number → not an end.
  let w = i;
  while (w > start && /[A-Za-z0-9.]/.test(text[w - 1]!)) w--;
  const word = text.slice(w, i);
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  if (/^[A-Z]$/.test(word)) return false;
  if (/^\d{1,3}$/.test(word) && text.slice(start, w).trim() === '') return false;
  return true;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x3000 || code === 0xa0 || (code >= 0x0a && code <= 0x0d) || code === 0x2028 || code === 0x2029;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isJapanese(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x9fff) || (code >= 0xff66 && code <= 0xff9f);
}
