import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { hasJapanese, rejectReasonText } from '../../../batch/publish/reject-reasons.ts';

const CORPUS = 'tests/fixtures/bad-inputs';

/** Every reject reason the bad-inputs corpus expects (case.yaml, written by hand from the batch's output). */
async function corpusReasons(): Promise<string[]> {
  const reasons = new Set<string>();
  for (const d of await readdir(CORPUS, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name.startsWith('_')) continue;
    const spec = parse(await readFile(join(CORPUS, d.name, 'case.yaml'), 'utf8')) as { expect?: { rejects?: [string, number, string | null, string, string][] } };
    for (const r of spec.expect?.rejects ?? []) reasons.add(r[4]);
  }
  return [...reasons].sort();
}

describe('reject reasons in both languages', () => {
  it('words every reason of the bad-inputs corpus in Japanese', async () => {
    const reasons = await corpusReasons();
    expect(reasons.length).toBeGreaterThan(20);
    expect(reasons.filter((r) => !hasJapanese(r))).toEqual([]);
  });

  it('keeps the values of the file inside the words, and the English as written', () => {
    expect(rejectReasonText('duplicate employee id (first at line 14)')).toEqual({ ja: '社員番号が重複しています（最初は14行目）', en: 'duplicate employee id (first at line 14)' });
    expect(rejectReasonText('duplicate employee id (…)').ja).toBe('社員番号が重複しています（最初は…）');
    expect(rejectReasonText('expected 7 fields as in the header, found 9').ja).toBe('列数が見出し行と違います（見出し 7列、この行 9列）');
    expect(rejectReasonText('expected 7 fields as in the header, found 5 (a quoted field opened on this line runs on over 3 line breaks): reading resumes on the next line').ja).toBe(
      '列数が見出し行と違います（見出し 7列、この行 5列）（この行で開いた引用符が3個の改行をまたいで閉じていません）。次の行から読み直しました',
    );
    expect(rejectReasonText('grade is not in performance_scale (S/A/B/C/D)').ja).toBe('評価が performance_scale（S/A/B/C/D）にありません');
    expect(rejectReasonText('manager E0123 has left (status left)').ja).toBe('上司 E0123 は退職しています');
  });

  it('shows a reason no rule reads as written, in both languages', () => {
    expect(rejectReasonText('something new')).toEqual({ ja: 'something new', en: 'something new' });
    expect(hasJapanese('something new')).toBe(false);
  });
});
