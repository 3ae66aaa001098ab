import { describe, expect, it } from 'vitest';
import { createRecordScanner, type ScanResult } from '../../../batch/ingest/record-scanner.ts';

interface Scanned extends Omit<ScanResult, 'lines'> {
  lines: number[];
  /** What read_csv is handed, as text. */
  text: string;
  /** Whether every handed-on record was the input's own bytes. */
  verbatim: boolean;
}

function scanOnce(bytes: Buffer, size: number, opts: { maxRecordBytes?: number; badBytes?: 'utf8' | 'replacement'; headerLine?: number }): Scanned {
  const out: Uint8Array[] = [];
  let verbatim = true;
  const s = createRecordScanner({
    delimiter: ',', headerLine: opts.headerLine ?? 1, maxRecordBytes: opts.maxRecordBytes ?? 1 << 20, badBytes: opts.badBytes ?? 'utf8',
    emit(b, offset) {
      out.push(Buffer.from(b));
      if (offset === null) verbatim = false;
    },
  });
  for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
  const r = s.end();
  return { ...r, lines: [...r.lines], text: Buffer.concat(out).toString('utf8'), verbatim };
}

/** The scan of `input`, fed whole and in every chunk size from 1 to 7 bytes: all must agree. */
function scan(input: string | Buffer, opts: { maxRecordBytes?: number; badBytes?: 'utf8' | 'replacement'; headerLine?: number } = {}): Scanned {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const whole = scanOnce(bytes, bytes.length || 1, opts);
  for (let size = 1; size <= 7; size++) expect(scanOnce(bytes, size, opts), `chunks of ${size} bytes`).toEqual(whole);
  return whole;
}

const issue = (line: number, field: number | null, value: string, reason: string) => ({ line, field, value, reason });

describe('the record scanner', () => {
  it('hands on a clean file as it is, with the header and the line of every record', () => {
    const r = scan('\uFEFF面談ID,"メモ ""要約"""\r\nA,"一行目\r\n二行目"\r\nB,"a,b"\r\nC,\r\n');
    expect(r).toMatchObject({ header: ['面談ID', 'メモ "要約"'], records: 3, lines: [2, 4, 5], contiguous: false, rejected: [], cleaned: [], blankLines: 0, physicalLines: 5, verbatim: true });
    expect(r.text).toBe('A,"一行目\r\n二行目"\r\nB,"a,b"\r\nC,\r\n');
    expect(scan('a,b\n1,2\n3,"x""y"')).toMatchObject({ records: 2, lines: [2, 3], contiguous: true, dataOffset: 4, physicalLines: 3, verbatim: true });
  });

  it('rejects a quoted field that never closes at the line it opens on, and loads every line after it', () => {
    // Hand-made: line 3 opens a quote that nothing closes; lines 4–6 are good records.
    const r = scan('id,name,comment\n1,a,ok\n2,b,"never closed\n3,c,fine\n4,d,x"y\n5,e,last\n');
    // Read greedily, the quote closes at the one in x"y on line 5, and "y" follows it.
    expect(r.rejected).toEqual([
      issue(3, 2, '2,b,"never closed', 'a quoted field opened on this line does not close properly (it runs on over 2 line breaks): reading resumes on the next line'),
    ]);
    expect(r.lines).toEqual([2, 4, 5, 6]);
    expect(r.text).toBe('1,a,ok\n3,c,fine\n4,d,x"y\n5,e,last\n');
    expect(r.records + r.rejected.length + r.blankLines + 1).toBe(r.physicalLines);
    // Nothing closes it: the same, to the end of the file.
    const open = scan('id,name,comment\n1,a,ok\n2,b,"never closed\n3,c,fine\n4,d,more\n');
    expect(open.rejected).toEqual([issue(3, 2, '2,b,"never closed', 'a quoted field opened on this line never closes: reading resumes on the next line')]);
    expect(open.lines).toEqual([2, 4, 5]);
  });

  it('rejects text after a closing quote ("abc"def) on its line only', () => {
    const r = scan('id,comment\n1,"abc"def\n2,ok\n3,"x\ny"\n');
    expect(r.rejected).toEqual([issue(2, 1, '1,"abc"def', 'text after the closing quote of a quoted field')]);
    expect(r.lines).toEqual([3, 4]);
  });

  it('rejects a record spanning lines at its first line when its quote closes badly or its field count is wrong, resuming on the next', () => {
    // The quote opened on line 2 closes at the first quote of line 4, and "q" follows it.
    const badClose = scan('id,comment\n1,"open\n2,b\n3,"q",z\n4,ok\n');
    expect(badClose.rejected).toEqual([
      issue(2, 1, '1,"open', 'a quoted field opened on this line does not close properly (it runs on over 2 line breaks): reading resumes on the next line'),
      issue(4, null, '3,"q",z', 'expected 2 fields as in the header, found 3'),
    ]);
    expect(badClose.lines).toEqual([3, 5]);
    // Here it closes cleanly on line 4 ("c" then a comma), which makes a record of 3 fields.
    const badCount = scan('id,comment\n1,"open\n2,b\n3,c",z\n4,ok\n');
    expect(badCount.rejected).toEqual([
      issue(2, null, '1,"open', 'expected 2 fields as in the header, found 3 (a quoted field opened on this line runs on over 2 line breaks): reading resumes on the next line'),
      issue(4, null, '3,c",z', 'expected 2 fields as in the header, found 3'),
    ]);
    expect(badCount.lines).toEqual([3, 5]);
  });

  it('rejects a quoted field running past the size limit without closing, then goes on', () => {
    const r = scan(`id,comment\n1,"${'x'.repeat(50)}\n2,ok\n`, { maxRecordBytes: 20 });
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ line: 2, field: 1 });
    expect(r.rejected[0]!.reason).toBe('a quoted field opened on this line runs over 20 bytes without closing: reading resumes on the next line');
    expect(r.lines).toEqual([3]);
  });

  it('rejects ragged records and drops the empty cells Excel appends after the last column', () => {
    const r = scan('a,b\n1,2,3\n4\n5,6,,\n7,8\n');
    expect(r.rejected).toEqual([issue(2, null, '1,2,3', 'expected 2 fields as in the header, found 3'), issue(3, null, '4', 'expected 2 fields as in the header, found 1')]);
    expect(r.text).toBe('5,6\n7,8\n');
    expect(r.lines).toEqual([4, 5]);
  });

  it('skips blank lines and counts them', () => {
    const r = scan('a,b\n1,2\n\n\r\n3,4\n\n');
    expect(r).toMatchObject({ records: 2, lines: [2, 5], blankLines: 3, physicalLines: 6, rejected: [] });
  });

  it('gives every record the first record\'s line end, so read_csv sees one style', () => {
    const r = scan('a,b\r\n1,2\r\n3,4\n5,6\r\n');
    expect(r.text).toBe('1,2\r\n3,4\r\n5,6\r\n');
    expect(r.verbatim).toBe(false);
  });

  it('removes control characters (NUL, ESC, BEL, DEL, a lone CR) and reports each cleaned value by line and column', () => {
    const r = scan('id,name,note\nP\u00001,a\u001b[31mb,ok\n2,"x\r\ny\u0007",z\u007f\n3,a\rb,c\n');
    expect(r.text).toBe('P1,a[31mb,ok\n2,"x\r\ny",z\n3,ab,c\n');
    expect(r.cleaned.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
      { line: 2, field: 0, reason: 'control character U+0000 removed' },
      { line: 2, field: 1, reason: 'control character U+001B removed' },
      { line: 4, field: 1, reason: 'control character U+0007 removed' },
      { line: 4, field: 2, reason: 'control character U+007F removed' },
      { line: 5, field: 1, reason: 'control character U+000D removed' },
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('rejects a record with invalid UTF-8 naming its line and column, keeping the others', () => {
    const bytes = Buffer.concat([Buffer.from('id,name,note\n1,山田,ok\n2,'), Buffer.from([0x8e, 0x52]), Buffer.from(',x\n3,"a\nb",'), Buffer.from([0xff]), Buffer.from('\n4,佐藤,ok\n')]);
    const r = scan(bytes);
    expect(r.rejected.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
      { line: 3, field: 1, reason: 'invalid UTF-8 byte sequence' },
      { line: 4, field: 2, reason: 'invalid UTF-8 byte sequence' },
    ]);
    expect(r.badBytes).toBe(2);
    expect(r.lines).toEqual([2, 6]);
  });

  it('reads U+FFFD as a bad byte in transcoded text', () => {
    const r = scan('id,name\n1,山\uFFFD\n2,佐藤\n', { badBytes: 'replacement' });
    expect(r.rejected).toEqual([issue(2, 1, '1,山\uFFFD', 'invalid byte sequence for the encoding (CP932)')]);
    expect(r.lines).toEqual([3]);
  });

  it('skips the lines before a header further down', () => {
    const r = scan('社員一覧 2026年10月\n\n社員番号,氏名\nE1,山田\n', { headerLine: 3 });
    expect(r).toMatchObject({ header: ['社員番号', '氏名'], records: 1, lines: [4], firstDataLine: 4, contiguous: true });
  });

  it('says so when there is no header', () => {
    expect(() => scan('')).toThrow('the file is empty: no header line');
    expect(() => scan('a\n', { headerLine: 3 })).toThrow('the file ends before the header line 3');
  });
});
