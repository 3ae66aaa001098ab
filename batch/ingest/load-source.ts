import type { Source } from '../../schemas/config.ts';
import type { Db } from '../db.ts';
import { ident, lit } from '../db.ts';
import { CliError, EXIT } from '../errors.ts';
import type { RejectSink } from '../rejects.ts';
import { sniffEncoding, type Encoding } from './detect-encoding.ts';
import { EncodingError, MAX_RECORD_BYTES, prepareExport, type PreparedExport } from './prepare-export.ts';
import { ScanError } from './record-scanner.ts';

export interface RawTable {
  /** DuckDB view holding the well-formed records as text: `__line` then one VARCHAR column per header. */
  table: string;
  /** The export as named in the config (used in rejects and messages). */
  sourceFile: string;
  encoding: Encoding;
  headers: string[];
  /** Data records read (after the header): loaded + malformed. */
  records: number;
  /** Records rejected for their structure or bytes (wrong number of fields, a quote that never closes, bad bytes). */
  malformed: number;
  /** Physical lines of the file, and blank lines among them (skipped). */
  physicalLines: number;
  blankLines: number;
}

/** Chooses the decoding: the configured one, checked against the bytes so a mislabelled file fails loudly. */
export async function resolveEncoding(path: string, configured: Source['encoding']): Promise<Encoding> {
  // A declared encoding is checked by the scan itself (bad lines rejected, a file in another encoding refused).
  return configured === 'auto' ? sniffEncoding(path) : configured;
}

function notUtf8(sourceFile: string, key: string, configured: string, line: number | null): CliError {
  return new CliError(
    `${sourceFile}: ${key}.encoding is "${configured}" but the file is not valid UTF-8 (it looks like CP932/Shift_JIS${line ? `; first bad line ${line}` : ''}). Set ${key}.encoding to cp932 or auto.`,
    EXIT.input,
  );
}

/** Header cells become column names: trimmed, BOM-free, unique (a repeated header gets a _2 suffix), never empty. */
export function columnNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h, i) => {
    const base = h.replace(/^\uFEFF/, '').trim() || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

/** An export's encoding, and its records judged and made ready for read_csv (see prepare-export.ts). */
export interface PreparedSource {
  encoding: Encoding;
  prepared: PreparedExport;
}

export interface SourceRef {
  path: string;
  sourceFile: string;
  source: Source;
  key: string;
}

/** The part of loading that needs no database: the encoding, checked against the bytes, and the scan. */
export async function prepareSource(ref: SourceRef): Promise<PreparedSource> {
  try {
    const encoding = await resolveEncoding(ref.path, ref.source.encoding);
    return { encoding, prepared: await prepareExport({ path: ref.path, encoding, source: ref.source }) };
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (e instanceof EncodingError) {
      if (e.actual === 'cp932') throw notUtf8(ref.sourceFile, ref.key, ref.source.encoding, e.line);
      throw new CliError(
        `${ref.sourceFile}: ${ref.key}.encoding is "cp932" but the file is UTF-8 text (read as CP932 it would be garbled). Set ${ref.key}.encoding to utf-8 or auto.`,
        EXIT.input,
      );
    }
    if (e instanceof ScanError) throw new CliError(`${ref.sourceFile}: ${e.message}. Check ${ref.key}.path and ${ref.key}.header_line.`, EXIT.input);
    throw new CliError(`${ref.sourceFile}: cannot read the file: ${(e as Error).message}`, EXIT.input);
  }
}

/**
 * One export into a raw all-text view, keeping the line of every record. The scan (record-scanner.ts) has
 * judged every record: the malformed ones go to `rejects` with their line and reason, cleaned values are
 * reported, and DuckDB's parallel read_csv loads the rest. `prepared` is prepareSource's work when it was done
 * ahead (see prepareAhead).
 */
export async function loadSource(db: Db, rejects: RejectSink, opts: SourceRef & { table: string; prepared?: Promise<PreparedSource> }): Promise<RawTable> {
  const { source, sourceFile } = opts;
  const { encoding, prepared } = await (opts.prepared ?? prepareSource(opts));
  try {
    const { scan } = prepared;
    const headers = columnNames(scan.header);
    for (const r of scan.rejected) {
      rejects.add({ source_file: sourceFile, line: r.line, column: r.field === null ? null : (headers[r.field] ?? null), value: r.value, reason: r.reason, action: 'row_rejected' });
    }
    for (const c of scan.cleaned) {
      rejects.add({ source_file: sourceFile, line: c.line, column: headers[c.field!] ?? null, value: c.value, reason: c.reason, action: 'value_cleaned' });
    }
    try {
      await readPrepared(db, prepared, { table: opts.table, headers, delimiter: source.delimiter });
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`${sourceFile}: cannot read the file: ${(e as Error).message.split('\n')[0]}`, EXIT.input);
    }
    return {
      table: opts.table, sourceFile, encoding, headers, records: scan.records + scan.rejected.length, malformed: scan.rejected.length,
      physicalLines: scan.physicalLines, blankLines: scan.blankLines,
    };
  } finally {
    await prepared.dispose();
  }
}

/**
 * The DuckDB half: the parallel read_csv loads the judged records. `table` becomes a view with `__line`, the
 * physical line each record starts on (from the scan, joined by position when records are not one a line).
 */
async function readPrepared(db: Db, prepared: PreparedExport, opts: { table: string; headers: string[]; delimiter: string }): Promise<void> {
  const { scan } = prepared;
  const rows = ident(`${opts.table}__rows`);
  const columns = `{${opts.headers.map((h) => `${lit(h)}: 'VARCHAR'`).join(', ')}}`;
  if (scan.records === 0) {
    await db.run(`CREATE TEMP TABLE ${rows} (${opts.headers.map((h) => `${ident(h)} VARCHAR`).join(', ')})`);
  } else {
    await db.run(`CREATE TEMP TABLE ${rows} AS SELECT * FROM read_csv(${lit(prepared.file)}, header = false, skip = ${prepared.skip}, auto_detect = false,
      delim = ${lit(opts.delimiter)}, quote = '"', escape = '"', new_line = ${scan.lineEnd === 'crlf' ? `'\\r\\n'` : `'\\n'`},
      columns = ${columns}, max_line_size = ${MAX_RECORD_BYTES + (1 << 16)})`);
  }
  const n = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${rows}`);
  if (n.n !== scan.records) {
    await db.run(`DROP TABLE ${rows}`);
    throw new CliError(`read ${n.n} records where the check of the file found ${scan.records}: this is a bug of Talent Atlas, please report it with the file's first lines`, EXIT.failed);
  }
  // Table order is file order (DuckDB keeps insertion order): a record's line is its index after the first data
  // line, unless records span lines or some were left out; then the scan's lines are joined on by position.
  const cols = opts.headers.map((h) => `r.${ident(h)}`).join(', ');
  if (!scan.contiguous) {
    const lines = ident(`${opts.table}__lines`);
    await db.run(`CREATE TEMP TABLE ${lines} (__line INTEGER)`);
    const a = await db.connection.createAppender(`${opts.table}__lines`, 'main', 'temp');
    for (const l of scan.lines) {
      a.appendInteger(l);
      a.endRow();
    }
    a.closeSync();
    await db.run(`CREATE TEMP VIEW ${ident(opts.table)} AS SELECT l.__line, ${cols} FROM ${rows} r POSITIONAL JOIN ${lines} l`);
  } else {
    await db.run(`CREATE TEMP VIEW ${ident(opts.table)} AS SELECT (r.rowid + ${scan.firstDataLine})::INTEGER AS __line, ${cols} FROM ${rows} r`);
  }
}

/** Drops a raw view and the scratch tables behind it, once the export is normalized. */
export async function dropRawTable(db: Db, raw: RawTable): Promise<void> {
  await db.run(`DROP VIEW ${ident(raw.table)}; DROP TABLE ${ident(`${raw.table}__rows`)}; DROP TABLE IF EXISTS ${ident(`${raw.table}__lines`)}`);
}

/** Checks that every column the mapping names exists, listing what the header does have. */
export function requireColumns(raw: RawTable, wanted: Array<[key: string, column: string]>): void {
  const missing = wanted.filter(([, c]) => !raw.headers.includes(c));
  if (missing.length === 0) return;
  const list = missing.map(([k, c]) => `"${c}" (${k})`).join(', ');
  throw new CliError(
    `${raw.sourceFile}: column${missing.length > 1 ? 's' : ''} ${list} not in the header. The header has: ${raw.headers.join(', ')}. Fix the mapping in the config.`,
    EXIT.input,
  );
}

/**
 * Prepares the exports one after another in the background, in the order they will be loaded, so that
 * transcoding and checking the next export (JavaScript) overlaps DuckDB's work on the current one.
 * `take(k)` hands over export k's preparation (loadSource disposes of it); `dispose()` waits for the rest
 * and removes any scratch copy not handed over, as when a run stops early.
 */
export function prepareAhead(refs: SourceRef[]): { take(k: number): Promise<PreparedSource>; dispose(): Promise<void> } {
  let stopped = false;
  const taken = new Set<number>();
  const jobs: Array<Promise<PreparedSource | null>> = [];
  let previous: Promise<unknown> = Promise.resolve();
  for (const ref of refs) {
    const job = previous.then(() => (stopped ? null : prepareSource(ref)));
    // A failure is reported when its export's turn comes (take), not as an unhandled rejection now.
    previous = job.catch(() => {});
    jobs.push(job);
  }
  return {
    take(k) {
      taken.add(k);
      return jobs[k]!.then((p) => p ?? prepareSource(refs[k]!));
    },
    async dispose() {
      stopped = true;
      const left = await Promise.all(jobs.map((j, k) => (taken.has(k) ? null : j.catch(() => null))));
      await Promise.all(left.map((p) => p?.prepared.dispose()));
    },
  };
}
