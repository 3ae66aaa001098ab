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
  // Pass 1: NFKC per cluster, ASCII lower-case, 〇 → ○ (UTF-16 code units with their input spans).
  const codes: number[] = [];
  const st: number[] = [];
  const en: number[] = [];
  let i = 0;
  while (i < s.length) {
    const code = s.charCodeAt(i);
    let j = i + (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length ? 2 : 1);
    while (j < s.length && isCombining(s.charCodeAt(j))) j++;
    if (j === i + 1 && isNfkcStable(code)) {
      codes.push(code >= 0x41 && code <= 0x5a ? code + 32 : code);
      st.push(i);
      en.push(j);
    } else {
      const piece = s.slice(i, j).replace(/[\u309b\u309c]/g, (m) => (m === '\u309b' ? '\u3099' : '\u309a')).normalize('NFKC');
      for (let k = 0; k < piece.length; k++) {
        let c = piece.charCodeAt(k);
        if (c >= 0x41 && c <= 0x5a) c += 32;
        else if (c === 0x3007 || c === 0x25ef) c = 0x25cb;
        codes.push(c);
        st.push(i);
        en.push(j);
      }
    }
    i = j;
  }

  // Pass 2: katakana folding and separators.
  const out: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let k = 0; k < codes.length; k++) {
    let c = codes[k]!;
    const start = st[k]!;
    let end = en[k]!;
    if (c === VU) {
      const next = codes[k + 1];
      const vowel = next === undefined ? -1 : SMALL_VOWELS.indexOf(next);
      if (vowel >= 0) {
        c = VU_ROW[vowel]!;
        end = en[k + 1]!;
        k++;
      } else c = next === SMALL_YU ? BI : BU;
    } else {
      const vowel = SMALL_VOWELS.indexOf(c);
      if (vowel >= 0) c = BIG_VOWELS[vowel]!;
    }
    if (c === LONG_VOWEL) {
      const prev = out.length > 0 ? out[out.length - 1]! : -1;
      if (isKatakanaLetter(prev)) {
        ends[ends.length - 1] = end; // long vowel: dropped, its span joins the letter before it
        continue;
      }
    }
    if (c === LONG_VOWEL || isSeparator(c)) {
      if (out.length > 0 && out[out.length - 1] === SPACE) ends[ends.length - 1] = end;
      else {
        out.push(SPACE);
        starts.push(start);
        ends.push(end);
      }
      continue;
    }
    out.push(c);
    starts.push(start);
    ends.push(end);
  }
  let text = '';
  for (let k = 0; k < out.length; k += 4096) text += String.fromCharCode(...out.slice(k, k + 4096));
  return { text, starts, ends };
}

/** The input range `[start, end)` that produced `text[from, to)` (to > from). */
export function originalSpan(n: NormalizedText, from: number, to: number): [number, number] {
  return [n.starts[from]!, n.ends[to - 1]!];
}

const VU = 0x30f4; // ヴ
const BU = 0x30d6; // ブ
const BI = 0x30d3; // ビ
const SMALL_YU = 0x30e5; // ュ
const LONG_VOWEL = 0x30fc; // ー
const SPACE = 0x20;
const SMALL_VOWELS = [0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9]; // ァィゥェォ
const BIG_VOWELS = [0x30a2, 0x30a4, 0x30a6, 0x30a8, 0x30aa]; // アイウエオ
const VU_ROW = [0x30d0, 0x30d3, 0x30d6, 0x30d9, 0x30dc]; // バビブベボ

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

/** Whitespace, hyphens and dashes, middle dots, bullets (ー is decided by the caller). */
function isSeparator(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x2d ||
    c === 0xa0 ||
    c === 0xb7 ||
    (c >= 0x2010 && c <= 0x2015) ||
    c === 0x2022 ||
    c === 0x2212 ||
    c === 0xfe63 ||
    c === 0x30fb ||
    c === 0x3000 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0xfeff ||
    c === 0x85
  );
}
