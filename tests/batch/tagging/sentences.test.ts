import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../batch/tagging/sentences.ts';
import { mulberry32 } from '../../../batch/seeded-random.ts';

const texts = (s: string) => splitSentences(s).map((x) => x.text);

describe('splitSentences', () => {
  it('splits Japanese text on 。！？', () => {
    expect(texts('PLC制御を担当。品質管理も！本当に？はい')).toEqual(['PLC制御を担当。', '品質管理も！', '本当に？', 'はい']);
  });

  it('splits English text on ". " and ! ?', () => {
    expect(texts('I used Python. Then SQL! OK? yes')).toEqual(['I used Python.', 'Then SQL!', 'OK?', 'yes']);
  });

  it('splits on line breaks (\\n, \\r\\n, \\r) and drops empty lines', () => {
    expect(texts('一行目\n二行目\r\n\r\n三行目\r四行目\n\n')).toEqual(['一行目', '二行目', '三行目', '四行目']);
  });

  it('splits mixed Japanese and English text', () => {
    expect(texts('Python歴3年。I led the AWS migration. 次はSQLを学びたい')).toEqual(['Python歴3年。', 'I led the AWS migration.', '次はSQLを学びたい']);
  });

  it('treats a run of terminators as one end', () => {
    expect(texts('できた！！本当？！次')).toEqual(['できた！！', '本当？！', '次']);
  });

  it('keeps a closing bracket or quote with the sentence it closes', () => {
    expect(texts('「できた！」と話していた。次へ')).toEqual(['「できた！」と話していた。', '次へ']);
    expect(texts('He said "I love SQL!" Then left.')).toEqual(['He said "I love SQL!"', 'Then left.']);
  });

  it('does not end a sentence inside 「」 or （）', () => {
    expect(texts('「Pythonは得意です。SQLも！」と話していた。')).toEqual(['「Pythonは得意です。SQLも！」と話していた。']);
    expect(texts('Pythonを使う（SQLも！）。次')).toEqual(['Pythonを使う（SQLも！）。', '次']);
  });

  it('stops honouring a bracket left open for more than 200 characters', () => {
    const long = '「' + 'あ'.repeat(250) + '。次の文';
    expect(splitSentences(long)).toHaveLength(2);
  });

  it('does not split inside Node.js, ver.2 or 3.5年', () => {
    expect(texts('Node.js と ver.2 を使用、3.5年。')).toEqual(['Node.js と ver.2 を使用、3.5年。']);
  });

  it('does not split after e.g., i.e., Mr. or an initial', () => {
    expect(texts('e.g. Python and i.e. SQL. Mr. Smith left.')).toEqual(['e.g. Python and i.e. SQL.', 'Mr. Smith left.']);
    expect(texts('J. Smith led it. Done')).toEqual(['J. Smith led it.', 'Done']);
  });

  it('does not cut a list number off its item (1. 担当業務)', () => {
    expect(texts('1. 担当業務\n2. 資格')).toEqual(['1. 担当業務', '2. 資格']);
  });

  it('splits on a period directly followed by Japanese text', () => {
    expect(texts('Python.次はSQL')).toEqual(['Python.', '次はSQL']);
  });

  it('splits on a full-width period, but not inside a full-width number', () => {
    expect(texts('使った．次に３．５年')).toEqual(['使った．', '次に３．５年']);
  });

  it('trims whitespace (including U+3000) and keeps the original text', () => {
    const input = '  　ＰＬＣ制御を担当。　 ﾌﾟﾛﾏﾈ経験あり  ';
    const out = splitSentences(input);
    expect(out.map((s) => s.text)).toEqual(['ＰＬＣ制御を担当。', 'ﾌﾟﾛﾏﾈ経験あり']);
    for (const s of out) expect(input.slice(s.start, s.end)).toBe(s.text);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\u3000\n ')).toEqual([]);
  });

  it('gives the same sentences however often and in whatever order it is asked (it remembers the last text)', () => {
    const a = '一文目。二文目！';
    const b = 'Another one. And more';
    expect(texts(a)).toEqual(['一文目。', '二文目！']);
    expect(texts(b)).toEqual(['Another one.', 'And more']);
    expect(texts(a)).toEqual(['一文目。', '二文目！']);
    expect(splitSentences(a)).toBe(splitSentences(a));
  });

  it('lets an ASCII-only bracket left open too long go at the next terminator', () => {
    expect(texts(`(${'a'.repeat(250)}. next`)).toEqual([`(${'a'.repeat(250)}.`, 'next']);
    expect(texts(`(${'a'.repeat(150)}. next`)).toEqual([`(${'a'.repeat(150)}. next`]);
  });

  it('agrees with a plain character-by-character reading on random mixes of brackets, terminators and text', () => {
    const pieces = ['あ', 'a', ' ', '。', '！', '?', '.', '．', '「', '」', '（', '）', '(', ')', '\n', '\r\n', 'e.g', 'Mr', '1', '３', 'x'.repeat(120), 'か'.repeat(120)];
    const random = mulberry32(7);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 30);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      expect(splitSentences(text), JSON.stringify(text)).toEqual(plainSplit(text));
    }
  });
});

/** The splitter without its fast path: every character read the same way. */
function plainSplit(text: string): Array<{ text: string; start: number; end: number }> {
  const code = (c: string) => c.charCodeAt(0);
  const terminators = new Set(['。', '｡', '！', '？', '!', '?'].map(code));
  const closers = new Set(['」', '』', '）', ')', ']', '】', '〕', '"', "'", '”', '’', '»', '〉', '》'].map(code));
  const breaks = new Set(['\n', '\r', '\u2028', '\u2029'].map(code));
  const openers = new Map([['「', '」'], ['『', '』'], ['（', '）'], ['(', ')']].map(([o, c]) => [code(o!), code(c!)]));
  const out: Array<{ text: string; start: number; end: number }> = [];
  const space = (c: number) => c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || (c >= 0x0a && c <= 0x0d) || c === 0x2028 || c === 0x2029;
  const cut = (a: number, b: number) => {
    while (a < b && space(text.charCodeAt(a))) a++;
    while (b > a && space(text.charCodeAt(b - 1))) b--;
    if (a < b) out.push({ text: text.slice(a, b), start: a, end: b });
  };
  const absorb = (j: number) => {
    while (j < text.length && closers.has(text.charCodeAt(j))) j++;
    return j;
  };
  let start = 0;
  let closer = -1;
  let openedAt = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // ASCII that can neither end a sentence nor close `(` is skipped, as the splitter always did.
    if (c < 0x80 && ![0x0a, 0x0d, 0x21, 0x2e, 0x3f, 0x28, 0x29].includes(c)) continue;
    if (breaks.has(c)) {
      cut(start, i);
      start = i + 1;
      closer = -1;
      continue;
    }
    if (closer >= 0) {
      if (c === closer || i - openedAt > 200) closer = -1;
      else continue;
    }
    const opens = openers.get(c);
    if (opens !== undefined) {
      closer = opens;
      openedAt = i;
      continue;
    }
    if (terminators.has(c)) {
      let j = i + 1;
      while (j < text.length && terminators.has(text.charCodeAt(j))) j++;
      j = absorb(j);
      cut(start, j);
      start = j;
      i = j - 1;
      continue;
    }
    if ((c === 0x2e || c === 0xff0e) && endsSentence(text, start, i)) {
      const j = absorb(i + 1);
      cut(start, j);
      start = j;
      i = j - 1;
    }
  }
  cut(start, text.length);
  return out;
}

/** The splitter's rule for `.` and `．`, as it is in sentences.ts. */
function endsSentence(text: string, start: number, i: number): boolean {
  const space = (c: number) => c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || (c >= 0x0a && c <= 0x0d) || c === 0x2028 || c === 0x2029;
  const closers = new Set(['」', '』', '）', ')', ']', '】', '〕', '"', "'", '”', '’', '»', '〉', '》'].map((c) => c.charCodeAt(0)));
  const japanese = (c: number) => (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xff66 && c <= 0xff9f);
  const next = text.charCodeAt(i + 1);
  if (i + 1 < text.length && !space(next) && !closers.has(next)) {
    if (text[i] === '．') {
      if ((next >= 0x30 && next <= 0x39) || (next >= 0xff10 && next <= 0xff19)) return false;
    } else if (!japanese(next)) return false;
  }
  let w = i;
  while (w > start && /[A-Za-z0-9.]/.test(text[w - 1]!)) w--;
  const word = text.slice(w, i);
  if (['e.g', 'i.e', 'mr', 'ms', 'mrs', 'dr', 'vs', 'no', 'approx', 'inc', 'ltd', 'co', 'jr', 'sr', 'st', 'prof', 'dept', 'fig'].includes(word.toLowerCase())) return false;
  if (/^[A-Z]$/.test(word)) return false;
  if (/^\d{1,3}$/.test(word) && text.slice(start, w).trim() === '') return false;
  return true;
}
