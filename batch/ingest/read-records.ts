import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { Encoding } from './detect-encoding.ts';

export interface CsvRecord {
  /** Physical line (1-based) where the record starts, as an editor shows it. */
  line: number;
  fields: string[];
}

/**
 * Streams the records of a delimited export, decoding CP932 or UTF-8 (BOM stripped) on the way,
 * with the physical line each record starts on — quoted fields may span lines, so the line is counted
 * from the newlines inside the fields rather than from the record index. Blank lines are skipped.
 */
export async function* readRecords(path: string, encoding: Encoding, delimiter: string): AsyncGenerator<CsvRecord> {
  const decoder = iconv.decodeStream(encoding === 'cp932' ? 'cp932' : 'utf8', { stripBOM: true });
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter, header: false, skipEmptyLines: false });
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  source.on('error', (e) => parser.destroy(e));
  decoder.on('error', (e: Error) => parser.destroy(e));
  source.pipe(decoder).pipe(parser);
  let line = 1;
  for await (const row of parser as AsyncIterable<string[]>) {
    const start = line;
    let newlines = 1;
    for (const f of row) newlines += countNewlines(f);
    line += newlines;
    if (row.length === 1 && row[0] === '') continue;
    yield { line: start, fields: row };
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
