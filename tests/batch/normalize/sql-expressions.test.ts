import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lit, openDb, type Db } from '../../../batch/db.ts';
import { cleanedColumns, cleanText, conflictingStylesSql, dateExpr, duplicatesOf, foldDigits, mapValues, sameLine, scaleExpr, trimBlanks, warekiMacroSql } from '../../../batch/normalize/sql-expressions.ts';

let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:');
  await db.run(warekiMacroSql());
});
afterAll(() => db.close());

async function evalOver<T>(expr: (col: string) => string, values: Array<string | null>): Promise<T[]> {
  const list = values.map((v, i) => `(${i}, ${v === null ? 'NULL' : lit(v)})`).join(', ');
  const rows = await db.all<{ v: T }>(`SELECT ${expr('s')} AS v FROM (VALUES ${list}) t(i, s) ORDER BY i`);
  return rows.map((r) => r.v);
}

describe('dateExpr', () => {
  const styles = ['%Y/%m/%d', '%Y-%m-%d', 'wareki'];
  it('reads the mixed styles of Japanese HRIS exports', async () => {
    const got = await evalOver<string>((c) => dateExpr(c, styles), ['2019/4/1', '2019/04/01', '2019-04-01', '令和3年10月1日', '平成28年4月1日', '令和元年5月7日', 'R6.4.1', 'H28.4.1', '２０１９／４／１', '令和３年４月１日']);
    expect(got).toEqual(['2019-04-01', '2019-04-01', '2019-04-01', '2021-10-01', '2016-04-01', '2019-05-07', '2024-04-01', '2016-04-01', '2019-04-01', '2021-04-01']);
  });
  it('rejects dates that do not exist: 2023/2/30, 令和0年, a 平成 date after the era ended, a 令和 date before it began', async () => {
    const got = await evalOver((c) => dateExpr(c, styles), ['2023/2/30', '令和0年4月1日', '平成32年1月1日', '令和1年4月30日', 'あした', null]);
    expect(got).toEqual([null, null, null, null, null, null]);
  });
  it('keeps the last day of 平成 and of 昭和', async () => {
    expect(await evalOver((c) => dateExpr(c, styles), ['平成31年4月30日', '昭和64年1月7日'])).toEqual(['2019-04-30', '1989-01-07']);
  });
  it('reads US month/day/year only when that style is configured', async () => {
    expect(await evalOver((c) => dateExpr(c, styles), ['4/1/2019'])).toEqual([null]);
    expect(await evalOver((c) => dateExpr(c, ['%m/%d/%Y']), ['4/1/2019', '12/31/2019'])).toEqual(['2019-04-01', '2019-12-31']);
  });
  it('never reads 24/4/1 as the year 24: two-digit years only through a %y style', async () => {
    expect(await evalOver((c) => dateExpr(c, styles), ['24/4/1', '2024/4/1'])).toEqual([null, '2024-04-01']);
    expect(await evalOver((c) => dateExpr(c, ['%Y/%m/%d', '%y/%m/%d', 'wareki']), ['24/4/1', '99/12/31', '2024/4/1', 'R6.4.1'])).toEqual(['2024-04-01', '1999-12-31', '2024-04-01', '2024-04-01']);
  });
});

describe('conflictingStylesSql', () => {
  it('finds the first day two styles read differently, and none for styles that cannot be confused', async () => {
    expect(await db.all(conflictingStylesSql('%m/%d/%Y', '%d/%m/%Y'))).toEqual([{ written: '01/02/2024', meant: '2024-01-02', read: '2024-02-01' }]);
    expect(await db.all(conflictingStylesSql('%Y/%m/%d', '%Y-%m-%d'))).toEqual([]);
    expect(await db.all(conflictingStylesSql('%y/%m/%d', '%Y/%m/%d'))).toEqual([]);
  });
});

describe('scaleExpr', () => {
  it('normalizes S/A/B/C/D to 0–1 and marks unknown grades', async () => {
    const s = scaleExpr('s', { S: 5, A: 4, B: 3, C: 2, D: 1 }, { normalize: true, numeric: false });
    expect(await evalOver((c) => s.value.replaceAll('s', c), ['S', 'B', 'D', 'SS'])).toEqual([1, 0.5, 0, null]);
    expect(await evalOver(() => s.known, ['S', 'SS'])).toEqual([true, false]);
  });
  it('reads ◎○△× and typed digits within the scale, and refuses other symbols', async () => {
    const s = scaleExpr('s', { '◎': 4, '○': 3, '△': 2, '×': 0, '-': null }, { normalize: false, numeric: true });
    expect(await evalOver(() => s.value, ['◎', '○', '△', '×', '-', '3', '１', '7', '□'])).toEqual([4, 3, 2, 0, null, 3, 1, null, null]);
    expect(await evalOver(() => s.known, ['◎', '-', '3', '7', '□'])).toEqual([true, true, true, false, false]);
  });
});

describe('cleanText and mapValues', () => {
  it('trims ASCII and ideographic spaces and turns blanks into NULL', async () => {
    await db.run(`CREATE OR REPLACE TABLE t AS SELECT unnest(['  営業部　', '　', 'Production       ']) AS "部署"`);
    const rows = await db.all<{ v: string | null }>(`SELECT ${cleanText('部署')} AS v FROM t`);
    expect(rows.map((r) => r.v)).toEqual(['営業部', null, 'Production']);
  });
  it('maps configured values and passes others through', async () => {
    expect(await evalOver((c) => mapValues(c, { 正社員: 'regular', 退職: 'left' }), ['正社員', '退職', '役員'])).toEqual(['regular', 'left', '役員']);
  });
});

describe('trimBlanks and foldDigits (cheap paths for clean values)', () => {
  it('trims only what starts or ends with a blank, and leaves inner blanks', async () => {
    expect(await evalOver((c) => trimBlanks(c), ['面談 メモ', '\u3000面談メモ\r\n', '\t x \t', 'abc', '', null])).toEqual(['面談 メモ', '面談メモ', 'x', 'abc', '', null]);
  });
  it('folds full-width digits and separators, and passes ASCII through', async () => {
    expect(await evalOver((c) => foldDigits(c), ['２０２４／４／１', '令和３年４月１日', '2024/4/1', null])).toEqual(['2024/4/1', '令和3年4月1日', '2024/4/1', null]);
  });
});

describe('stage helpers', () => {
  it('cleanedColumns names every config key, a NULL for an unmapped one', async () => {
    await db.run(`CREATE OR REPLACE TABLE raw AS SELECT * FROM (VALUES (2, ' E1 ', '　'), (3, 'E2', 'x')) t(__line, "社員番号", "氏名")`);
    const rows = await db.all(`SELECT * FROM ${cleanedColumns('raw', ['employee_id', 'name', 'grade'], { employee_id: '社員番号', name: '氏名' })} ORDER BY line`);
    expect(rows).toEqual([
      { line: 2, employee_id: 'E1', name: null, grade: null },
      { line: 3, employee_id: 'E2', name: 'x', grade: null },
    ]);
  });
  it('duplicatesOf finds the later rows of a repeated key with the line of the first, and ignores empty keys', async () => {
    await db.run(`CREATE OR REPLACE TABLE st AS SELECT * FROM (VALUES (2, 'A', 'P1'), (3, 'B', 'P1'), (4, 'A', 'P1'), (5, 'A', 'P2'), (6, NULL, 'P1'), (7, NULL, 'P1'), (8, 'A', 'P1')) t(line, k, p)`);
    const later = await db.all(`SELECT line, first_line FROM (${duplicatesOf('st', ['k', 'p'])}) ORDER BY line`);
    expect(later).toEqual([{ line: 4, first_line: 2 }, { line: 8, first_line: 2 }]);
  });
  it('sameLine fails the statement when a stage row is not beside its raw row', async () => {
    await db.run(`CREATE OR REPLACE TABLE r AS SELECT * FROM (VALUES (2), (3), (4)) t(__line)`);
    await db.run(`CREATE OR REPLACE TABLE s AS SELECT * FROM (VALUES (2), (3), (4)) t(line)`);
    expect(await db.all(`SELECT ${sameLine('s', 'r')} AS line FROM s POSITIONAL JOIN r`)).toEqual([{ line: 2 }, { line: 3 }, { line: 4 }]);
    await db.run(`CREATE OR REPLACE TABLE s AS SELECT * FROM (VALUES (3), (2), (4)) t(line)`);
    await expect(db.all(`SELECT ${sameLine('s', 'r')} AS line FROM s POSITIONAL JOIN r`)).rejects.toThrow(/not beside its raw row \(line 3 vs 2\)/);
  });
});
