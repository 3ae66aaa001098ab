import type { Source } from '../../schemas/config.ts';
import type { Db } from '../db.ts';
import { ident } from '../db.ts';
import { CliError, EXIT } from '../errors.ts';
import type { RejectSink } from '../rejects.ts';
import { detectEncoding, isValidUtf8, readHead, type Encoding } from './detect-encoding.ts';
import { readRecords } from './read-records.ts';
import { dropPlain, preparePlain, readPrepared, type PlainLoad, type PreparedPlain } from './read-plain.ts';

export interface RawTable {
  /** DuckDB table holding the rows as text: `__line` then one VARCHAR column per header. */
  table: string;
  /** The export as named in the config (used in rejects and messages). */
  sourceFile: string;
  encoding: Encoding;
  headers: string[];
  /** Data records read (after the header). */
  records: number;
  /** Records rejected for their structure (wrong number of fields). */
  malformed: number;
  /** Loaded by DuckDB's read_csv (a view over a scratch table) rather than record by record in JavaScript. */
  plain: boolean;
}

/** Chooses the decoding: the configured one, checked against the bytes so a mislabelled file fails loudly. */
export async function resolveEncoding(path: string, configured: Source['encoding'], sourceFile: string, key: string): Promise<Encoding> {
  const head = await readHead(path);
  const sniffed = detectEncoding(head);
  if (configured === 'auto') return sniffed;
  if (configured !== 'cp932' && !isValidUtf8(head)) {
    throw new CliError(
      `${sourceFile}: ${key}.encoding is "${configured}" but the file is not valid UTF-8 (it looks like CP932/Shift_JIS). Set ${key}.encoding to cp932 or auto.`,
      EXIT.input,
    );
  }
  return configured;
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

/** An export's encoding, and its text made ready for read_csv when it is plain (see read-plain.ts). */
export interface PreparedSource {
  encoding: Encoding;
  plain: PreparedPlain | null;
}

export interface SourceRef {
  path: string;
  sourceFile: string;
  source: Source;
  key: string;
  /** false: always the JavaScript path. */
  plain?: boolean;
}

/** The part of loading that needs no database: the encoding, checked against the bytes, and the plain text. */
export async function prepareSource(ref: SourceRef): Promise<PreparedSource> {
  try {
    const encoding = await resolveEncoding(ref.path, ref.source.encoding, ref.sourceFile, ref.key);
    return { encoding, plain: ref.plain === false ? null : await preparePlain({ path: ref.path, encoding, source: ref.source }) };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${ref.sourceFile}: cannot read the file: ${(e as Error).message}`, EXIT.input);
  }
}

/**
 * One export into a raw all-text table, keeping the line of every record: a well-formed file through
 * DuckDB's read_csv (read-plain.ts), anything else streamed record by record, where records with the wrong
 * number of fields are rejected with their line and every other record is kept, whatever its neighbours.
 * `prepared` is prepareSource's work when it was done ahead (see prepareAhead).
 */
export async function loadSource(db: Db, rejects: RejectSink, opts: SourceRef & { table: string; prepared?: Promise<PreparedSource> }): Promise<RawTable> {
  const { source, sourceFile } = opts;
  const { encoding, plain: prepared } = await (opts.prepared ?? prepareSource(opts));
  let plain: PlainLoad | null = null;
  if (prepared) {
    try {
      plain = await readPrepared(db, prepared, { source, table: opts.table, columnNames });
    } catch (e) {
      throw new CliError(`${sourceFile}: cannot read the file: ${(e as Error).message}`, EXIT.input);
    } finally {
      await prepared.dispose();
    }
  }
  if (plain) return { table: opts.table, sourceFile, encoding, headers: plain.headers, records: plain.records, malformed: 0, plain: true };
  let headers: string[] | null = null;
  let records = 0;
  let malformed = 0;
  let appender: Awaited<ReturnType<typeof db.connection.createAppender>> | null = null;
  try {
    for await (const rec of readRecords(opts.path, encoding, source.delimiter)) {
      if (rec.line < source.header_line) continue;
      if (headers === null) {
        headers = columnNames(rec.fields);
        await db.run(`CREATE TABLE ${ident(opts.table)} (__line INTEGER, ${headers.map((h) => `${ident(h)} VARCHAR`).join(', ')})`);
        appender = await db.connection.createAppender(opts.table);
        continue;
      }
      records++;
      // Excel may append empty cells after the last column: those are not a surplus.
      const fields = trimTrailingEmpty(rec.fields, headers.length);
      if (fields.length > headers.length || fields.length < headers.length) {
        malformed++;
        rejects.add({
          source_file: sourceFile,
          line: rec.line,
          column: null,
          value: rec.fields.join(source.delimiter),
          reason: `expected ${headers.length} fields as in the header, found ${rec.fields.length}`,
          action: 'row_rejected',
        });
        continue;
      }
      const a = appender!;
      a.appendInteger(rec.line);
      for (const f of fields) a.appendVarchar(f);
      a.endRow();
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${sourceFile}: cannot read the file: ${(e as Error).message}`, EXIT.input);
  } finally {
    appender?.closeSync();
  }
  if (headers === null) {
    throw new CliError(`${sourceFile}: the file is empty (no header at line ${source.header_line}). Check ${opts.key}.path and ${opts.key}.header_line.`, EXIT.input);
  }
  return { table: opts.table, sourceFile, encoding, headers, records, malformed, plain: false };
}

/** Drops a raw table once it is normalized. */
export async function dropRawTable(db: Db, raw: RawTable): Promise<void> {
  if (raw.plain) await dropPlain(db, raw.table);
  else await db.run(`DROP TABLE ${ident(raw.table)}`);
}

function trimTrailingEmpty(fields: string[], want: number): string[] {
  if (fields.length <= want) return fields;
  let end = fields.length;
  while (end > want && fields[end - 1] === '') end--;
  return end === fields.length ? fields : fields.slice(0, end);
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
      await Promise.all(left.map((p) => p?.plain?.dispose()));
    },
  };
}
