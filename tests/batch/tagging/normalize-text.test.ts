import { describe, expect, it } from 'vitest';
import { normalizeForMatch, normalizeWithOffsets, originalSpan } from '../../../batch/tagging/normalize-text.ts';

const same = (a: string, b: string) => expect(normalizeForMatch(a)).toBe(normalizeForMatch(b));

describe('normalizeForMatch', () => {
  it('folds full-width Latin and digits to lower-case ASCII', () => {
    expect(normalizeForMatch('ＰＬＣ')).toBe('plc');
    expect(normalizeForMatch('Ｐｙｔｈｏｎ３')).toBe('python3');
  });

  it('folds half-width katakana with voiced marks to full-width', () => {
    expect(normalizeForMatch('ﾌﾟﾛﾏﾈ')).toBe('プロマネ');
    same('ｺﾝﾋﾟｭｰﾀｰ', 'コンピューター');
  });

  it('composes a spacing voiced mark with its kana (カ゛ → ガ)', () => {
    expect(normalizeForMatch('カ゛イド')).toBe(normalizeForMatch('ガイド'));
  });

  it('lower-cases ASCII: python, PYTHON and Python meet', () => {
    same('PYTHON', 'python');
    same('Python', 'pYtHoN');
  });

  it('keeps hiragana apart from katakana', () => {
    expect(normalizeForMatch('ぷろまね')).toBe('ぷろまね');
    expect(normalizeForMatch('ぷろまね')).not.toBe(normalizeForMatch('プロマネ'));
  });

  it('drops a long vowel mark at the end of a katakana word (コンピューター ≈ コンピュータ, マネージャー ≈ マネージャ)', () => {
    same('コンピューター', 'コンピュータ');
    same('マネージャー', 'マネージャ');
    same('リーダーシップ', 'リーダシップ');
  });

  it('drops a long vowel mark inside a katakana word too (マネージメント ≈ マネジメント)', () => {
    same('マネージメント', 'マネジメント');
    same('プロジェクトマネージメント', 'プロジェクトマネジメント');
  });

  it('folds ヴァ/ヴィ/ヴ/ヴェ/ヴォ to バ/ビ/ブ/ベ/ボ', () => {
    same('ヴァイオリン', 'バイオリン');
    same('ヴィジョン', 'ビジョン');
    same('ヴェンダー', 'ベンダー');
    same('ヴォーカル', 'ボーカル');
    same('ヴ', 'ブ');
    same('レヴュー', 'レビュー');
  });

  it('folds small vowels (ソフトウェア ≈ ソフトウエア) but keeps small ャュョ', () => {
    same('ソフトウェア', 'ソフトウエア');
    expect(normalizeForMatch('キャノン')).not.toBe(normalizeForMatch('キヤノン'));
  });

  it('ignores spaces, hyphens and middle dots (3D-CAD ≈ 3DCAD ≈ 3D CAD)', () => {
    expect(normalizeForMatch('3D-CAD')).toBe('3dcad');
    same('3D CAD', '3DCAD');
    same('３Ｄ－ＣＡＤ', '3DCAD');
    same('プロジェクト・マネジメント', 'プロジェクトマネジメント');
    same('ﾌﾟﾛｼﾞｪｸﾄ･ﾏﾈｼﾞﾒﾝﾄ', 'プロジェクトマネジメント');
    same('Microsoft　Excel', 'MicrosoftExcel');
  });

  it('treats a long vowel mark that follows no katakana as a dash', () => {
    same('生産ー技術', '生産技術');
  });

  it('folds 〇 and ◯ to ○', () => {
    expect(normalizeForMatch('〇')).toBe('○');
    expect(normalizeForMatch('◯')).toBe('○');
  });

  it('keeps punctuation that belongs to a term (C++, C#, Node.js, CI/CD)', () => {
    expect(normalizeForMatch('C++')).toBe('c++');
    expect(normalizeForMatch('Ｃ＃')).toBe('c#');
    expect(normalizeForMatch('Node.js')).toBe('node.js');
    expect(normalizeForMatch('CI/CD')).toBe('ci/cd');
  });

  it('returns an empty string for an empty or separator-only input', () => {
    expect(normalizeForMatch('')).toBe('');
    expect(normalizeForMatch(' ・ - ')).toBe('');
  });
});

describe('normalizeWithOffsets', () => {
  it('keeps one space for every run of separators, so word boundaries stay visible', () => {
    expect(normalizeWithOffsets('I am  a\u3000PM').text).toBe('i am a pm');
    expect(normalizeWithOffsets('3D-CAD').text).toBe('3d cad');
  });

  it('is normalizeForMatch with the spaces left in', () => {
    for (const s of ['ﾌﾟﾛﾏﾈ と ＰＭ-経験', 'コンピューター・リテラシー', 'ヴァ〇']) {
      expect(normalizeWithOffsets(s).text.replaceAll(' ', '')).toBe(normalizeForMatch(s));
    }
  });

  it('maps every folded character back to the input span it came from', () => {
    const input = 'ﾌﾟﾛﾏﾈとＰＭ';
    const n = normalizeWithOffsets(input);
    expect(n.text).toBe('プロマネとpm');
    expect(n.starts).toHaveLength(n.text.length);
    expect(n.ends).toHaveLength(n.text.length);
    expect(input.slice(...originalSpan(n, 0, 4))).toBe('ﾌﾟﾛﾏﾈ');
    expect(input.slice(...originalSpan(n, 5, 7))).toBe('ＰＭ');
  });

  it('gives a dropped long vowel mark to the span of the letter before it', () => {
    const input = 'コンピューター操作';
    const n = normalizeWithOffsets(input);
    expect(n.text).toBe('コンピュタ操作');
    expect(input.slice(...originalSpan(n, 0, 5))).toBe('コンピューター');
  });

  it('maps a folded ヴァ (two characters → one) to both input characters', () => {
    const input = 'ヴァイオリン';
    const n = normalizeWithOffsets(input);
    expect(n.text).toBe('バイオリン');
    expect(input.slice(...originalSpan(n, 0, 1))).toBe('ヴァ');
  });

  it('handles characters outside the BMP without breaking offsets', () => {
    const input = '😀𠮷PM';
    const n = normalizeWithOffsets(input);
    expect(n.text.endsWith('pm')).toBe(true);
    expect(input.slice(...originalSpan(n, n.text.length - 2, n.text.length))).toBe('PM');
  });
});
