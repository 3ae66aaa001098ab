import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, stat, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Source } from '../../schemas/config.ts';
import { CONTROLS, createRecordScanner, HeaderBytesError, type ScanResult } from './record-scanner.ts';
import { completeUtf8Length, type Encoding } from './detect-encoding.ts';

const CHUNK = 4 << 20;
/** A record longer than this is a quote that never closed (an Excel cell holds at most 32,767 characters). */
export const MAX_RECORD_BYTES = 4 << 20;

/** An export made ready for read_csv: the UTF-8 file to read (the export itself or a cleaned copy), and the scan. */
export interface PreparedExport {
  file: string;
  /** Lines read_csv must skip at the top of `file` (the header and what precedes it, or 0 for a copy). */
  skip: number;
  scan: ScanResult;
  /** Removes the scratch copy, if any (safe to call twice). */
  dispose(): Promise<void>;
}

/**
 * The JavaScript half of loading, which needs no database and so runs while DuckDB works on another export:
 * CP932 is transcoded to UTF-8 on the way, and the record scanner (record-scanner.ts) judges every record.
 * When the export is clean UTF-8 it is read as it is; otherwise the well-formed records go to a scratch copy,
 * which is then all read_csv sees. Throws an EncodingError when the whole file is clearly in another encoding.
 */
export async function prepareExport(opts: { path: string; encoding: Encoding; source: Source; maxRecordBytes?: number }): Promise<PreparedExport> {
  const { source } = opts;
  let scratch: string | null = null;
  let out: FileHandle | null = null;
  const dispose = async () => {
    await out?.close().catch(() => {});
    out = null;
    if (scratch) await rm(scratch, { recursive: true, force: true });
  };
  try {
    const cp932 = opts.encoding === 'cp932';
    // A UTF-8 export stays where it is while every record is kept as it is; the first change starts a copy.
    let pending: Uint8Array[] = [];
    let verbatimFrom = -1;
    let verbatimTo = -1;
    let copying = cp932;
    const scanner = createRecordScanner({
      delimiter: source.delimiter,
      headerLine: source.header_line,
      maxRecordBytes: opts.maxRecordBytes ?? MAX_RECORD_BYTES,
      badBytes: cp932 ? 'replacement' : 'utf8',
      emit(bytes, offset) {
        if (!copying) {
          if (verbatimFrom < 0 && offset !== null) verbatimFrom = verbatimTo = offset;
          if (offset !== null && offset === verbatimTo) {
            verbatimTo += bytes.length;
            return;
          }
          copying = true;
        }
        pending.push(bytes);
      },
    });
    const openCopy = async () => {
      scratch = await mkdtemp(join(tmpdir(), 'talent-atlas-ingest-'));
      out = await open(join(scratch, 'records.csv'), 'w');
    };
    const flush = async () => {
      if (!copying) return;
      if (!out) {
        await openCopy();
        // The records kept verbatim so far go first.
        if (verbatimFrom >= 0 && verbatimTo > verbatimFrom) await copyRange(opts.path, out!, verbatimFrom, verbatimTo);
      }
      if (pending.length) await out!.write(Buffer.concat(pending));
      pending = [];
    };

    // A file declared cp932 that is all valid UTF-8 with non-ASCII text would be published as mojibake.
    const utf8Check = { allUtf8: true, nonAscii: false, carry: Buffer.alloc(0) };
    const decoder = cp932 ? new TextDecoder('shift_jis') : null;
    for await (const chunk of createReadStream(opts.path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
      if (decoder) {
        if (utf8Check.allUtf8) {
          const data = utf8Check.carry.length ? Buffer.concat([utf8Check.carry, chunk]) : chunk;
          const whole = completeUtf8Length(data);
          if (!isUtf8(data.subarray(0, whole))) utf8Check.allUtf8 = false;
          utf8Check.carry = Buffer.from(data.subarray(whole));
        }
        if (!utf8Check.nonAscii && !isAscii(chunk)) utf8Check.nonAscii = true;
        // The control-character search runs on the decoded text: a third of the characters of its UTF-8 bytes.
        const text = decoder.decode(chunk, { stream: true });
        scanner.push(Buffer.from(text, 'utf8'), CONTROLS.test(text));
      } else scanner.push(chunk);
      await flush();
    }
    if (decoder) {
      const tail = decoder.decode();
      if (tail) scanner.push(Buffer.from(tail, 'utf8'), CONTROLS.test(tail));
    }
    const scan = scanner.end();
    if (cp932 && utf8Check.allUtf8 && utf8Check.carry.length === 0 && utf8Check.nonAscii) throw new EncodingError('utf-8', null);
    // A bad line among good ones is damage (a reject); bad bytes in most records, the wrong encoding.
    if (!cp932 && scan.badBytes > 0 && scan.badBytes * 2 > scan.records + scan.badBytes) {
      throw new EncodingError('cp932', scan.rejected.find((r) => r.reason.startsWith('invalid'))?.line ?? null);
    }
    if (!copying) {
      const size = (await stat(opts.path)).size;
      const whole = scan.records === 0 || (verbatimFrom === scan.dataOffset && verbatimTo === size);
      if (whole) return { file: opts.path, skip: scan.records === 0 ? 0 : scan.firstDataLine - 1, scan, dispose };
      copying = true;
    }
    await flush();
    await out!.close();
    out = null;
    return { file: join(scratch!, 'records.csv'), skip: 0, scan, dispose };
  } catch (e) {
    await dispose();
    if (e instanceof HeaderBytesError) {
      throw opts.encoding === 'cp932' ? new EncodingError('utf-8', e.line) : new EncodingError('cp932', e.line);
    }
    throw e;
  }
}

/** The file is not in the configured encoding: `actual` is what it looks like, `line` the first bad line. */
export class EncodingError extends Error {
  readonly actual: 'utf-8' | 'cp932';
  readonly line: number | null;
  constructor(actual: 'utf-8' | 'cp932', line: number | null) {
    super(`the file looks like ${actual}`);
    this.actual = actual;
    this.line = line;
  }
}

async function copyRange(path: string, out: FileHandle, start: number, end: number): Promise<void> {
  for await (const chunk of createReadStream(path, { start, end: end - 1, highWaterMark: CHUNK }) as AsyncIterable<Buffer>) await out.write(chunk);
}
