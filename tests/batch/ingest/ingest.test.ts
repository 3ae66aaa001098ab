import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sniffEncoding } from '../../../batch/ingest/detect-encoding.ts';
import { EmployeesSource } from '../../../schemas/config.ts';
import { openDb } from '../../../batch/db.ts';
import { columnNames, loadSource } from '../../../batch/ingest/load-source.ts';
import { createTablesSql } from '../../../batch/model/tables.ts';
import { openRejectSink } from '../../../batch/rejects.ts';
import { parseTaxonomyCsv } from '../../../batch/ingest/load-taxonomy.ts';

async function tmpFile(name: string, bytes: Uint8Array | string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ta-ingest-'));
  const p = join(dir, name);
  await writeFile(p, bytes);
  return p;
}

describe('sniffEncoding (encoding: auto)', () => {
  it('tells CP932, UTF-8 and UTF-8 with BOM apart', async () => {
    expect(await sniffEncoding(await tmpFile('a.csv', iconv.encode('社員番号,氏名\r\nE001,山田太郎\r\n', 'cp932')))).toBe('cp932');
    expect(await sniffEncoding(await tmpFile('b.csv', '社員番号,氏名\n'))).toBe('utf-8');
    expect(await sniffEncoding(await tmpFile('c.csv', '\uFEFF社員番号\n'))).toBe('utf-8-bom');
  });
  it('reads the whole file, not its head: CP932 past the first 64 KiB is CP932, one damaged line in UTF-8 stays UTF-8', async () => {
    const ascii = 'id,note\n' + 'E1,ok\n'.repeat(20_000);
    expect(await sniffEncoding(await tmpFile('d.csv', Buffer.concat([Buffer.from(ascii), iconv.encode('E2,山田\nE3,佐藤\n', 'cp932')])))).toBe('cp932');
    const utf8 = '社員番号,氏名\n' + 'E1,山田\n'.repeat(20);
    expect(await sniffEncoding(await tmpFile('e.csv', Buffer.concat([Buffer.from(utf8), iconv.encode('E2,佐藤\n', 'cp932')])))).toBe('utf-8');
  });
});

describe('columnNames', () => {
  it('trims headers and makes repeated or empty ones unique', () => {
    expect(columnNames([' 社員番号 ', '氏名', '氏名', ''])).toEqual(['社員番号', '氏名', '氏名_2', 'column_4']);
  });
});

describe('parseTaxonomyCsv', () => {
  it('splits synonyms on | and reports bad rows by line', () => {
    const ok = parseTaxonomyCsv('skill_id,name_ja,name_en,category,synonyms\nplc,PLC制御,PLC programming,製造技術,PLC|ラダー\n', 'skills.csv');
    expect(ok[0]!.synonyms).toEqual(['PLC', 'ラダー']);
    expect(() => parseTaxonomyCsv('skill_id,name_ja,name_en,category,synonyms\nPLC!,PLC制御,PLC,製造技術,\nplc2,,x,y,\n', 'skills.csv')).toThrow(
      /skills\.csv: the taxonomy is not valid:\n {2}line 2: skill_id: use lower-case letters, digits and _ only\n {2}line 3: name_ja: /,
    );
  });
});

describe('loadSource', () => {
  async function load(text: string | Uint8Array, encoding: 'auto' | 'utf-8' | 'cp932' = 'auto') {
    const db = await openDb(':memory:');
    await db.run(createTablesSql());
    const sink = await openRejectSink(db, 'run');
    const path = await tmpFile('e.csv', text);
    const source = EmployeesSource.parse({ kind: 'employees', path: 'e.csv', encoding, columns: { employee_id: '社員番号' } });
    try {
      const raw = await loadSource(db, sink, { path, sourceFile: 'e.csv', source, table: 'raw_0', key: 'sources.0' });
      sink.flush();
      return { raw, rows: await db.all(`SELECT * FROM raw_0 ORDER BY __line`), rejects: await db.all(`SELECT line, reason, action FROM rejects`) };
    } finally {
      db.close();
    }
  }

  it('rejects a row with too many fields by its line and keeps its neighbours', async () => {
    const r = await load('社員番号,氏名\nE1,山田\nE2,佐藤,余分\nE3,鈴木\n');
    expect(r.rows).toEqual([
      { __line: 2, 社員番号: 'E1', 氏名: '山田' },
      { __line: 4, 社員番号: 'E3', 氏名: '鈴木' },
    ]);
    expect(r.rejects).toEqual([{ line: 3, reason: 'expected 2 fields as in the header, found 3', action: 'row_rejected' }]);
  });

  it('accepts empty cells Excel appends after the last column', async () => {
    const r = await load('社員番号,氏名\nE1,山田,,\n');
    expect(r.rows).toEqual([{ __line: 2, 社員番号: 'E1', 氏名: '山田' }]);
  });

  it('refuses a CP932 file declared as UTF-8, saying what to set', async () => {
    await expect(load(iconv.encode('社員番号,氏名\nE1,山田\n', 'cp932'), 'utf-8')).rejects.toThrow(
      'e.csv: sources.0.encoding is "utf-8" but the file is not valid UTF-8 (it looks like CP932/Shift_JIS; first bad line 1). Set sources.0.encoding to cp932 or auto.',
    );
  });
});
