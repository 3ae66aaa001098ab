import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Source } from '../../schemas/config.ts';
import { ident, lit, type Db } from '../db.ts';
import { createShapeScanner } from './csv-shape.ts';
import type { Encoding } from './detect-encoding.ts';

const CHUNK = 4 << 20;

/** Bytes on which the WHATWG Shift_JIS decoder and iconv-lite's cp932 disagree (control characters); U+FFFD marks a byte sequence either could read differently. */
const CP932_DIVERGENT = [0x1a, 0x1c, 0x7f];

export interface PlainLoad {
  headers: string[];
  records: number;
}

/**
 * The fast way in for a well-formed export: CP932 is transcoded to a UTF-8 scratch file on the way (the
 * platform's Shift_JIS decoder, checked to read exactly as iconv-lite's cp932), one byte pass checks the
 * shape (see csv-shape.ts), and DuckDB's parallel read_csv loads the text. `table` becomes a view with
 * `__line`, the physical line each record starts on, computed from the record order and the line breaks
 * inside quoted fields. Returns null when the file is not plain or read_csv disagrees about it: the caller
 * then takes the JavaScript path, which reads anything and rejects ragged records with their lines.
 */
export async function readPlain(db: Db, opts: { path: string; encoding: Encoding; source: Source; table: string; columnNames: (header: string[]) => string[] }): Promise<PlainLoad | null> {
  const { source } = opts;
  if (source.header_line !== 1) return null;
  const scanner = createShapeScanner(source.delimiter);
  let file = opts.path;
  let scratch: string | null = null;
  try {
    if (opts.encoding === 'cp932') {
      scratch = await mkdtemp(join(tmpdir(), 'talent-atlas-ingest-'));
      file = join(scratch, 'utf8.csv');
      const out = await open(file, 'w');
      try {
        const decoder = new TextDecoder('shift_jis');
        for await (const chunk of createReadStream(opts.path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
          if (CP932_DIVERGENT.some((b) => chunk.includes(b))) return null;
          const text = decoder.decode(chunk, { stream: true });
          if (text.includes('\uFFFD')) return null;
          const bytes = Buffer.from(text, 'utf8');
          scanner.push(bytes);
          await out.write(bytes);
        }
        const tail = decoder.decode();
        if (tail.includes('\uFFFD')) return null;
        if (tail) {
          const bytes = Buffer.from(tail, 'utf8');
          scanner.push(bytes);
          await out.write(bytes);
        }
      } finally {
        await out.close();
      }
    } else {
      for await (const chunk of createReadStream(opts.path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) scanner.push(chunk);
    }
    const shape = scanner.end();
    if ('notPlain' in shape) return null;
    const headers = opts.columnNames(shape.header);
    const rows = ident(`${opts.table}__rows`);
    const columns = `{${headers.map((h) => `${lit(h)}: 'VARCHAR'`).join(', ')}}`;
    try {
      await db.run(`CREATE TEMP TABLE ${rows} AS SELECT * FROM read_csv(${lit(file)}, header = false, skip = 1, auto_detect = false,
        delim = ${lit(source.delimiter)}, quote = '"', escape = '"', columns = ${columns})`);
    } catch {
      await db.run(`DROP TABLE IF EXISTS ${rows}`);
      return null;
    }
    const n = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${rows}`);
    if (n.n !== shape.records) {
      await db.run(`DROP TABLE ${rows}`);
      return null;
    }
    // Table order is file order (DuckDB keeps insertion order): a record's line is the header's line + 1 + its
    // index, unless records span lines; then the lines the scan counted are joined on by position.
    const cols = headers.map(ident).join(', ');
    if (shape.lines) {
      const lines = ident(`${opts.table}__lines`);
      await db.run(`CREATE TEMP TABLE ${lines} (__line INTEGER)`);
      const a = await db.connection.createAppender(`${opts.table}__lines`, 'main', 'temp');
      for (const l of shape.lines) {
        a.appendInteger(l);
        a.endRow();
      }
      a.closeSync();
      await db.run(`CREATE TEMP VIEW ${ident(opts.table)} AS SELECT l.__line, ${headers.map((h) => `r.${ident(h)}`).join(', ')} FROM ${rows} r POSITIONAL JOIN ${lines} l`);
    } else {
      await db.run(`CREATE TEMP VIEW ${ident(opts.table)} AS SELECT (rowid + ${source.header_line + 1})::INTEGER AS __line, ${cols} FROM ${rows}`);
    }
    return { headers, records: shape.records };
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

/** Drops the view and the scratch tables behind it. */
export async function dropPlain(db: Db, table: string): Promise<void> {
  await db.run(`DROP VIEW ${ident(table)}; DROP TABLE ${ident(`${table}__rows`)}; DROP TABLE IF EXISTS ${ident(`${table}__lines`)}`);
}
