import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { EmployeesSource } from '../../../schemas/config.ts';
import { ident, openDb } from '../../../batch/db.ts';
import { createShapeScanner } from '../../../batch/ingest/csv-shape.ts';
import { dropRawTable, loadSource } from '../../../batch/ingest/load-source.ts';
import { createTablesSql } from '../../../batch/model/tables.ts';
import { openRejectSink } from '../../../batch/rejects.ts';

async function tmpFile(name: string, bytes: Uint8Array | string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ta-plain-'));
  const p = join(dir, name);
  await writeFile(p, bytes);
  return p;
}

/** The scanner's verdict on `bytes`, fed whole and in every chunk size from 1 to 7 (all must agree). */
function shapeOf(bytes: Uint8Array | string) {
  const b = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  const whole = createShapeScanner(',');
  whole.push(b);
  const expected = whole.end();
  for (let size = 1; size <= 7; size++) {
    const s = createShapeScanner(',');
    for (let i = 0; i < b.length; i += size) s.push(b.subarray(i, i + size));
    expect(s.end(), `chunks of ${size} bytes`).toEqual(expected);
  }
  return expected;
}

describe('createShapeScanner', () => {
  it('reads the header, counts records and finds columns with line breaks inside quotes', () => {
    expect(shapeOf('\uFEFF面談ID,"メモ ""要約"""\r\nA,"一行目\r\n二行目"\r\nB,"a,b"\r\nC,\r\n')).toEqual({
      header: ['面談ID', 'メモ "要約"'],
      records: 3,
      multilineColumns: [1],
      lines: new Int32Array([2, 4, 5]),
      lineEnd: 'crlf',
    });
    expect(shapeOf('a,b\n1,2\n3,"x""y"')).toEqual({ header: ['a', 'b'], records: 2, multilineColumns: [], lines: null, lineEnd: 'lf' });
  });

  it.each([
    ['a,b\n1,2,3\n', 'a record with 3 fields where the header has 2'],
    ['a,b\n1\n', 'a record with 1 fields where the header has 2'],
    ['a,b\n1,x"y\n', 'a quote inside an unquoted field'],
    ['a,b\n1,"x"y\n', 'text after the closing quote of a field'],
    ['a,b\n1,2\n\n3,4\n', 'a blank line'],
    ['a,b\r\n1,2\n', 'mixed line ends (CRLF and LF)'],
    ['a,b\r1,2\r', 'a carriage return without a line feed'],
    ['a,b\n1,"open\n', 'a quoted field that never closes'],
    ['"a\nb",c\n1,2\n', 'a header spanning several lines'],
  ])('sends %j the JavaScript way', (text, why) => {
    expect(shapeOf(text)).toEqual({ notPlain: why });
  });

  it('refuses invalid UTF-8 and a CP932 file mislabelled as UTF-8', () => {
    expect(shapeOf(Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]))).toEqual({ notPlain: 'invalid UTF-8' });
    expect(shapeOf(iconv.encode('社員番号,氏名\r\nE1,山田\r\n', 'cp932'))).toEqual({ notPlain: 'invalid UTF-8' });
  });
});

describe('loadSource: read_csv and the JavaScript reader agree', () => {
  const source = (encoding: 'cp932' | 'utf-8' | 'utf-8-bom') =>
    EmployeesSource.parse({ kind: 'employees', path: 'x.csv', encoding, columns: { employee_id: '社員番号' } });

  async function load(path: string, encoding: 'cp932' | 'utf-8' | 'utf-8-bom', plain: boolean) {
    const db = await openDb(':memory:');
    await db.run(createTablesSql());
    const sink = await openRejectSink(db, 'r');
    const raw = await loadSource(db, sink, { path, sourceFile: 'x.csv', source: source(encoding), table: 'raw_0', key: 'sources.0', plain });
    // The JavaScript reader keeps empty fields as '', read_csv as NULL: every normalizer reads both as NULL.
    const rows = await db.all(`SELECT __line, ${raw.headers.map((h) => `COALESCE(${ident(h)}, '') AS ${ident(h)}`).join(', ')} FROM raw_0 ORDER BY __line`);
    await dropRawTable(db, raw);
    const left = await db.all(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'raw_0%' UNION ALL SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'raw_0%'`);
    db.close();
    return { raw, rows, left };
  }

  it.each([
    ['CP932 with CRLF and line breaks inside quoted notes', 'cp932', iconv.encode('社員番号,メモ,備考\r\nE1,"一行目\r\n二行目\r\n三行目",\r\nE2,短い,"a ""b"""\r\nE3,"x\r\ny",①髙﨑\r\n', 'cp932')],
    ['UTF-8 with BOM', 'utf-8-bom', '\uFEFF社員番号,ＰＬＣ制御\r\nE1,◎\r\nE2,\r\n'],
    ['UTF-8 with LF and no line end after the last record', 'utf-8', '社員番号,評価コメント\nE1,"改善提案を3件,\n採用された"\nE2,特になし'],
  ] as const)('%s', async (_label, encoding, bytes) => {
    const path = await tmpFile('x.csv', bytes);
    const fast = await load(path, encoding, true);
    const slow = await load(path, encoding, false);
    expect(fast.raw.plain).toBe(true);
    expect(slow.raw.plain).toBe(false);
    expect({ ...fast.raw, plain: false }).toEqual(slow.raw);
    expect(fast.rows).toEqual(slow.rows);
    expect(fast.left).toEqual([]);
  });

  it('takes the JavaScript path for a ragged file and for CP932 control characters the two decoders read differently', async () => {
    const ragged = await load(await tmpFile('r.csv', '社員番号,氏名\nE1,a,b\nE2,c\n'), 'utf-8', true);
    expect(ragged.raw).toMatchObject({ plain: false, records: 2, malformed: 1 });
    const control = await load(await tmpFile('c.csv', iconv.encode('社員番号,氏名\r\nE1,a\u007fb\r\n', 'cp932')), 'cp932', true);
    expect(control.raw.plain).toBe(false);
    expect(control.rows).toEqual([{ __line: 2, 社員番号: 'E1', 氏名: 'a\u007fb' }]);
  });
});
