import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Source } from '../../schemas/config.ts';
import { ident, lit, type Db } from '../db.ts';
import { createShapeScanner, type CsvShape } from './csv-shape.ts';
import type { Encoding } from './detect-encoding.ts';

const CHUNK = 4 << 20;

/** Bytes on which the WHATWG Shift_JIS decoder and iconv-lite's cp932 disagree (control characters); U+FFFD marks a byte sequence either could read differently. */
const CP932_DIVERGENT = [0x1a, 0x1c, 0x7f];

export interface PlainLoad {
  headers: string[];
  records: number;
}

/** A plain export made ready for read_csv: its UTF-8 text (the file itself, or a transcoded scratch copy) and its shape. */
export interface PreparedPlain {
  file: string;
  shape: CsvShape;
  /** Removes the scratch copy, if any (safe to call twice). */
  dispose(): Promise<void>;
}

/**
 * The JavaScript half of the fast way in, which needs no database and so can run while DuckDB works on the
 * previous export: CP932 is transcoded to a UTF-8 scratch file on the way (the platform's Shift_JIS decoder,
 * checked to read exactly as iconv-lite's cp932) and one byte pass checks the shape (see csv-shape.ts).
 * Returns null when the file is not plain: the caller then takes the JavaScript path, which reads anything
 * and rejects ragged records with their lines.
 */
export async function preparePlain(opts: { path: string; encoding: Encoding; source: Source }): Promise<PreparedPlain | null> {
  const { source } = opts;
  if (source.header_line !== 1) return null;
  const scanner = createShapeScanner(source.delimiter);
  let file = opts.path;
  let scratch: string | null = null;
  const dispose = async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  };
  try {
    if (opts.encoding === 'cp932') {
      scratch = await mkdtemp(join(tmpdir(), 'talent-atlas-ingest-'));
      file = join(scratch, 'utf8.csv');
      if (!(await transcodeCp932(opts.path, file, scanner))) {
        await dispose();
        return null;
      }
    } else {
      for await (const chunk of createReadStream(opts.path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) scanner.push(chunk);
    }
    const shape = scanner.end();
    if ('notPlain' in shape) {
      await dispose();
      return null;
    }
    return { file, shape, dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}

/** CP932 → UTF-8 into `out`, every byte also through the scanner; false when a byte could decode two ways. */
async function transcodeCp932(path: string, outPath: string, scanner: ReturnType<typeof createShapeScanner>): Promise<boolean> {
  const out = await open(outPath, 'w');
  try {
    const decoder = new TextDecoder('shift_jis');
    const write = async (text: string) => {
      const bytes = Buffer.from(text, 'utf8');
      scanner.push(bytes);
      await out.write(bytes);
    };
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
      if (CP932_DIVERGENT.some((b) => chunk.includes(b))) return false;
      const text = decoder.decode(chunk, { stream: true });
      if (text.includes('\uFFFD')) return false;
      await write(text);
    }
    const tail = decoder.decode();
    if (tail.includes('\uFFFD')) return false;
    if (tail) await write(tail);
    return true;
  } finally {
    await out.close();
  }
}

/**
 * The DuckDB half: the parallel read_csv loads the prepared text. `table` becomes a view with `__line`, the
 * physical line each record starts on, computed from the record order and the line breaks inside quoted
 * fields. Returns null when read_csv disagrees with the scan about the file (the JavaScript path then reads it).
 */
export async function readPrepared(db: Db, prepared: PreparedPlain, opts: { source: Source; table: string; columnNames: (header: string[]) => string[] }): Promise<PlainLoad | null> {
  const { source } = opts;
  const { file, shape } = prepared;
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
}

/** Drops the view and the scratch tables behind it. */
export async function dropPlain(db: Db, table: string): Promise<void> {
  await db.run(`DROP VIEW ${ident(table)}; DROP TABLE ${ident(`${table}__rows`)}; DROP TABLE IF EXISTS ${ident(`${table}__lines`)}`);
}
