/**
 * Text folding for skill matching: the one place that decides when two spellings are "the same word".
 * The taxonomy (names, synonyms), matrix headers and free text all go through it, so every rule here
 * applies to both sides of a match. Pure functions, no I/O.
 *
 * Rules, in order:
 *  1. Unicode NFKC per character cluster (a character plus its combining / half-width voiced marks):
 *     full-width ASCII → ASCII (`ＰＬＣ` → `PLC`), half-width katakana → full-width with voiced marks
 *     composed (`ﾌﾟﾛﾏﾈ` → `プロマネ`), `㈱` → `(株)` and so on. The spacing marks ゛゜ are treated as the
 *     combining ones so `カ゛` still becomes `ガ`.
 *  2. ASCII letters are lower-cased (`PYTHON` → `python`). Other scripts are left as they are; hiragana
 *     is NOT folded into katakana (`ぷろまね` ≠ `プロマネ`).
 *  3. `〇` (ideographic zero) and `◯` → `○`.
 *  4. Katakana variants:
 *     - ヴァ/ヴィ/ヴゥ/ヴェ/ヴォ → バ/ビ/ブ/ベ/ボ, ヴュ → ビュ, any other ヴ → ブ;
 *     - small vowels ァィゥェォ → アイウエオ (ソフトウェア ≈ ソフトウエア, ウィンドウズ ≈ ウインドウズ);
 *       ャュョッ are kept (キャ ≠ キヤ);
 *     - the long-vowel mark ー directly after a katakana letter is dropped, everywhere, not only at the end
 *       of a word. This one rule makes コンピューター ≈ コンピュータ, マネージャー ≈ マネージャ and
 *       マネージメント ≈ マネジメント meet. Cost: rare collisions of different words (ビール/ビル, スーパー/スパ);
 *       none is a skill term. A ー that does not follow katakana (after kanji, hiragana, Latin) is a dash and
 *       counts as a separator.
 *  5. Separators: whitespace (incl. U+3000), hyphens and dashes (- ‐ ‑ ‒ – — ― − ﹣), middle dots (・ ·),
 *     bullets (•) and stray ー. In `normalizeWithOffsets` every run of them becomes one ASCII space (word
 *     boundaries stay visible: the matcher needs them for `PM` vs `NPM`, and skips the space inside a
 *     term, so `3D CAD`, `3D-CAD` and `3DCAD` all match the term `3DCAD`). `normalizeForMatch` removes
 *     them all (`3D-CAD` = `3D CAD` = `3DCAD` → `3dcad`, `プロジェクト・マネジメント` → `プロジェクトマネジメント`).
 */

/** A folded text and, for every UTF-16 unit of it, the span of the input it came from. */
export interface NormalizedText {
  /** The folded text; every run of separators is one ASCII space (kept at the edges too). */
  text: string;
  /** `starts[i]`: index in the input of the first code unit that produced `text[i]`. */
  starts: number[];
  /** `ends[i]`: index in the input just past the last code unit that produced `text[i]`. */
  ends: number[];
}

/** The folded key of a whole label (a term, a matrix header): `normalizeWithOffsets` with separators removed. */
export function normalizeForMatch(s: string): string {
  return normalizeWithOffsets(s).text.replaceAll(' ', '');
}

/** Folds `s` (rules in the file comment) and keeps the way back to it: `originalSpan` maps a range back. */
export function normalizeWithOffsets(s: string): NormalizedText {
  // Pass 1: NFKC per cluster, ASCII lower-case, 〇 → ○.
  const chars: string[] = [];
  const st: number[] = [];
  const en: number[] = [];
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    let j = i + (cp > 0xffff ? 2 : 1);
    while (j < s.length && isCombining(s.charCodeAt(j))) j++;
    let piece: string;
    if (j === i + 1 && isNfkcStable(cp)) piece = s[i]!;
    else piece = s.slice(i, j).replace(/[\u309b\u309c]/g, (m) => (m === '\u309b' ? '\u3099' : '\u309a')).normalize('NFKC');
    for (let k = 0; k < piece.length; k++) {
      let c = piece[k]!;
      const code = c.charCodeAt(0);
      if (code >= 0x41 && code <= 0x5a) c = String.fromCharCode(code + 32);
      else if (c === '\u3007' || c === '\u25ef') c = '\u25cb';
      chars.push(c);
      st.push(i);
      en.push(j);
    }
    i = j;
  }

  // Pass 2: katakana folding and separators.
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (c: string, a: number, b: number) => {
    out.push(c);
    starts.push(a);
    ends.push(b);
  };
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k]!;
    if (c === 'ヴ') {
      const next = chars[k + 1];
      const b = next === undefined ? undefined : VU_PLUS_SMALL[next];
      if (b !== undefined) {
        push(b, st[k]!, en[k + 1]!);
        k++;
      } else push(next === 'ュ' ? 'ビ' : 'ブ', st[k]!, en[k]!);
      continue;
    }
    const big = SMALL_VOWEL[c];
    if (big !== undefined) {
      push(big, st[k]!, en[k]!);
      continue;
    }
    if (c === 'ー') {
      const prev = out[out.length - 1];
      if (prev !== undefined && isKatakanaLetter(prev.charCodeAt(0))) continue; // long vowel: dropped
    }
    if (c === 'ー' || isSeparator(c)) {
      if (out[out.length - 1] === ' ') ends[ends.length - 1] = en[k]!;
      else push(' ', st[k]!, en[k]!);
      continue;
    }
    push(c, st[k]!, en[k]!);
  }
  return { text: out.join(''), starts, ends };
}

/** The input range `[start, end)` that produced `text[from, to)` (to > from). */
export function originalSpan(n: NormalizedText, from: number, to: number): [number, number] {
  return [n.starts[from]!, n.ends[to - 1]!];
}

const VU_PLUS_SMALL: Record<string, string> = { ァ: 'バ', ィ: 'ビ', ゥ: 'ブ', ェ: 'ベ', ォ: 'ボ' };
const SMALL_VOWEL: Record<string, string> = { ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ' };

function isKatakanaLetter(code: number): boolean {
  return code >= 0x30a1 && code <= 0x30fa;
}

function isCombining(code: number): boolean {
  return (
    (code >= 0x0300 && code <= 0x036f) ||
    (code >= 0x3099 && code <= 0x309c) ||
    code === 0xff9e ||
    code === 0xff9f ||
    (code >= 0x1ab0 && code <= 0x1aff) ||
    (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe20 && code <= 0xfe2f)
  );
}

/** Fast path: code points NFKC leaves alone when no combining mark follows. */
function isNfkcStable(cp: number): boolean {
  return (
    cp < 0x80 ||
    (cp >= 0x3041 && cp <= 0x3096) ||
    (cp >= 0x30a1 && cp <= 0x30fa) ||
    cp === 0x30fc ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    cp === 0x3001 ||
    cp === 0x3002
  );
}

function isSeparator(c: string): boolean {
  return SEPARATOR.test(c);
}
const SEPARATOR = /^[\s\-\u2010-\u2015\u2212\ufe63\u30fb\u00b7\u2022]$/u;
