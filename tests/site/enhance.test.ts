import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvFileName, csvValue, neutralizeFormula, toCsv } from '../../site/lib/csv.ts';
import { compareKeys, sortKey, type SortKey } from '../../site/lib/table-sort.ts';

describe('CSV download', () => {
  it('prefixes a single quote to cells a spreadsheet would read as a formula', () => {
    for (const cell of ['=1+1', '+81 3 1234', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")']) {
      expect(neutralizeFormula(cell), JSON.stringify(cell)).toBe(`'${cell}`);
    }
  });

  it('leaves every other cell as it is', () => {
    for (const cell of ['製造部', '33%', '1,234人', 'a=b', ' =1', '', "'quoted", 'Suppressed (n<5)']) {
      expect(neutralizeFormula(cell), JSON.stringify(cell)).toBe(cell);
    }
  });

  it('writes a BOM, CRLF lines, quoting by papaparse, and neutralized header and cells', () => {
    const csv = toCsv(['部署', '=x'], [['製造部', '=cmd|"/c calc"!A1'], ['品質, 保証', '50%']]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFF部署,\'=x\r\n製造部,"\'=cmd|""/c calc""!A1"\r\n"品質, 保証",50%\r\n');
    // Read back, the cells are the neutralized texts.
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { newline: '\r\n' }).data;
    expect(parsed).toEqual([
      ['部署', "'=x"],
      ['製造部', '\'=cmd|"/c calc"!A1'],
      ['品質, 保証', '50%'],
    ]);
  });

  it('names the file after the page and the table', () => {
    expect(csvFileName('/', 'at-risk')).toBe('overview-at-risk.csv');
    expect(csvFileName('/en/skills/', 'largest-gaps')).toBe('en-skills-largest-gaps.csv');
    expect(csvFileName('/succession/KP-001/', 'slate')).toBe('succession-KP-001-slate.csv');
    expect(csvFileName('/%E6%A6%82%E8%A6%81/', 'a b')).toBe('概要-a_b.csv');
    // A table outside any named section: its place on the page.
    expect(csvFileName('/en/skills/', 2)).toBe('en-skills-3.csv');
  });

  it('writes dates as ISO dates and figures as plain numbers', () => {
    expect(csvValue('2027年9月1日', '2027-09-01', false)).toBe('2027-09-01');
    expect(csvValue('Sep 2027', '2027-09-01', false)).toBe('2027-09-01');
    expect(csvValue('1,234人', undefined, true)).toBe('1234');
    expect(csvValue('12.5', undefined, true)).toBe('12.5');
    expect(csvValue('33%', undefined, true)).toBe('33%');
    expect(csvValue('2 people', undefined, true)).toBe('2');
    expect(csvValue('-3', undefined, true)).toBe('-3');
    // Not a figure, or not a numeric column: as shown.
    expect(csvValue('非表示（n<5）', undefined, true)).toBe('非表示（n<5）');
    expect(csvValue('—', undefined, true)).toBe('—');
    expect(csvValue('1,234人', undefined, false)).toBe('1,234人');
    expect(csvValue('4 (short by 1)', '4', true)).toBe('4 (short by 1)');
  });
});

describe('table sorting', () => {
  const collator = new Intl.Collator('ja', { numeric: true });
  const sorted = (texts: string[], numeric: boolean, descending = false) =>
    texts
      .map((text) => ({ text, key: sortKey(text, undefined, numeric) }))
      .sort((a, b) => compareKeys(a.key, b.key, descending, collator))
      .map((x) => x.text);

  it('sorts numeric columns by the number each cell starts with, suppressed and empty cells last', () => {
    const cells = ['1,234人', '非表示（n<5）', '33%', '—', '5人', '12.5'];
    expect(sorted(cells, true)).toEqual(['5人', '12.5', '33%', '1,234人', '非表示（n<5）', '—']);
    expect(sorted(cells, true, true)).toEqual(['1,234人', '33%', '12.5', '5人', '非表示（n<5）', '—']);
  });

  it('does not read the k of "Suppressed (n<5)" as a number', () => {
    expect(sortKey('Suppressed (n<5)', undefined, true)).toEqual({ kind: 'empty' });
    expect(sortKey('2 people', undefined, true)).toEqual({ kind: 'number', value: 2 });
  });

  it('sorts text columns by the collator, and by data-sort when given (dates)', () => {
    expect(sorted(['製造部', '営業部', '開発部'], false)).toEqual([...['製造部', '営業部', '開発部']].sort(collator.compare));
    const dates: [string, SortKey][] = [
      ['2026年10月1日', sortKey('2026年10月1日', '2026-10-01', false)],
      ['2026年9月30日', sortKey('2026年9月30日', '2026-09-30', false)],
    ];
    dates.sort((a, b) => compareKeys(a[1], b[1], false, collator));
    expect(dates.map((d) => d[0])).toEqual(['2026年9月30日', '2026年10月1日']);
    expect(sortKey('1位', '1', false)).toEqual({ kind: 'number', value: 1 });
    expect(sortKey('—', '', false)).toEqual({ kind: 'empty' });
  });
});
