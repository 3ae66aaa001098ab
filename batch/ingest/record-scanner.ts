import { isUtf8 } from 'node:buffer';
import { completeUtf8Length } from './detect-encoding.ts';

/**
 * The structural judge of a delimited export: one byte pass over its UTF-8 text (after any transcoding) that
 * splits it into records with the physical line each starts on, decides for every record whether it is
 * well-formed, and hands only well-formed records on, so DuckDB's read_csv always reads a file it agrees with.
 *
 * Why not DuckDB's own rejects: on an unterminated quote its reader loses records silently (single-threaded it
 * stops at the quote and records no reject; in parallel the loss depends on where its chunks start), and its
 * line numbers count records, not lines. Here every physical line ends up in exactly one of: the lines before
 * the header, the header, a loaded record, a reject, a blank line.
 *
 * Rules (README, "Loading your exports"):
 * - A record has exactly as many fields as the header; empty cells Excel appends after the last column are
 *   dropped. Otherwise the record is rejected.
 * - A quoted field that never closes (end of file, or more than `maxRecordBytes`), text after a closing quote,
 *   or a wrong field count in a record spanning several lines: the record's first line is rejected and reading
 *   resumes at the next line, so one stray quote costs one line, not the rest of the file.
 * - A quote inside an unquoted field is a plain character.
 * - Invalid byte sequences (invalid UTF-8, or U+FFFD where a CP932 export had a bad sequence) reject their record,
 *   naming line and column.
 * - Control characters other than TAB, CR and LF (NUL, ESC, BEL, DEL, a CR without LF outside quotes) are removed
 *   from the value, and each cleaned value is reported with its line and column.
 * - Blank lines are skipped. Records whose line end differs from the first record's are given the first's, so
 *   read_csv sees one line-end style.
 */

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;
const DEL = 0x7f;
/** Control characters to remove (TAB, LF and CR are not): searched once per chunk. */
export const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

export interface ScanIssue {
  /** Physical line, 1-based. */
  line: number;
  /** Field index (0-based) when the issue is in one field; null when it is about the record. */
  field: number | null;
  /** The text of the line (for the reject's value). */
  value: string;
  reason: string;
}

export interface ScanResult {
  /** Header fields as written (BOM removed, quotes undone). */
  header: string[];
  /** Well-formed records handed on. */
  records: number;
  /** The line each handed-on record starts on. */
  lines: Int32Array;
  /** True when record k starts on line `firstDataLine + k` for every k (no gaps, no multi-line records). */
  contiguous: boolean;
  firstDataLine: number;
  /** Input offset of the first byte after the header line. */
  dataOffset: number;
  rejected: ScanIssue[];
  cleaned: ScanIssue[];
  /**
   * The line end of every handed-on record (the first record's): read_csv must be told, as it would guess
   * from its first line, which may be a quoted field's inner line break.
   */
  lineEnd: 'lf' | 'crlf';
  /** Records that were rejected for bad bytes (the encoding check reads this). */
  badBytes: number;
  blankLines: number;
  /** Physical lines in the file (a last line without a line end counts). */
  physicalLines: number;
}

export interface RecordScanner {
  /**
   * Feeds the next bytes. `emit(bytes, offset)` receives each handed-on record (with its line end) in order:
   * `offset` is its position in the input when the bytes are the input's own, null when they were changed.
   * `controls`: whether the chunk holds a control character, when the caller knows (from text it decoded).
   */
  push(chunk: Uint8Array, controls?: boolean): void;
  end(): ScanResult;
}

export interface ScannerOptions {
  delimiter: string;
  /** Line of the header (1-based): lines before it are skipped. */
  headerLine: number;
  maxRecordBytes: number;
  /** 'utf8': invalid UTF-8 is a bad byte. 'replacement': the text was transcoded, U+FFFD marks a bad byte. */
  badBytes: 'utf8' | 'replacement';
  emit(bytes: Uint8Array, offset: number | null): void;
}

interface Parsed {
  /** Index just past the record's line end (or the end of the data at EOF). */
  next: number;
  /** Index where the record's body ends (before CR LF / LF). */
  bodyEnd: number;
  terminator: 'lf' | 'crlf' | 'none';
  fields: number;
  /** Line breaks inside quoted fields. */
  breaks: number;
  /** Positions of control characters to remove, with their field. */
  controls: number[] | null;
  controlFields: number[] | null;
  error: { reason: string; field: number | null } | null;
}

export function createRecordScanner(opts: ScannerOptions): RecordScanner {
  if (opts.delimiter.length !== 1 || opts.delimiter.charCodeAt(0) >= 0x80 || '"\r\n'.includes(opts.delimiter)) {
    throw new RangeError(`delimiter ${JSON.stringify(opts.delimiter)} is not one ASCII character`);
  }
  const delim = opts.delimiter.charCodeAt(0);
  let buf: Buffer = Buffer.alloc(0);
  /** Input offset of buf[0]. */
  let base = 0;
  let line = 1;
  let first = true;
  let header: string[] | null = null;
  let expected = 0;
  let style: 'lf' | 'crlf' | null = null;
  let lines = new Int32Array(1024);
  let records = 0;
  let contiguous = true;
  let firstDataLine = opts.headerLine + 1;
  let blankLines = 0;
  let badBytes = 0;
  let dataOffset = 0;
  /** Whether the records in `buf` may hold bad bytes (checked once per buffer: the common case costs one call). */
  let suspect = false;
  /** Whether `buf` holds a control character: when not, lines and quoted text are skipped with indexOf. */
  let controlsHere: boolean | null = null;
  let chunkControls: boolean | null = null;
  /** Whether the buffer starts with bytes carried over from the previous push. */
  let carried = false;
  /** A run of verbatim records not handed on yet: consecutive records go out as one slice. */
  let runStart = -1;
  let runEnd = -1;
  const emitRun = () => {
    if (runStart >= 0) opts.emit(buf.subarray(runStart, runEnd), base + runStart);
    runStart = -1;
  };
  const rejected: ScanIssue[] = [];
  const cleaned: ScanIssue[] = [];
  const replacement = Buffer.from('\uFFFD', 'utf8');

  const textOf = (from: number, to: number) => buf.toString('utf8', from, to).replace(/\r$/, '');

  function keep(startLine: number): void {
    if (records === lines.length) {
      const grown = new Int32Array(lines.length * 2);
      grown.set(lines);
      lines = grown;
    }
    if (startLine !== firstDataLine + records) contiguous = false;
    lines[records++] = startLine;
  }

  function hasBadBytes(from: number, to: number): boolean {
    if (opts.badBytes === 'replacement') {
      const k = buf.indexOf(replacement, from);
      return k >= 0 && k < to;
    }
    return !isUtf8(buf.subarray(from, to));
  }

  /** The first field (0-based) holding a bad byte, scanning fields of the record [from, to). */
  function badField(from: number, to: number): number {
    let field = 0;
    let start = from;
    let inQuotes = false;
    for (let i = from; i < to; i++) {
      const b = buf[i]!;
      if (b === QUOTE) inQuotes = !inQuotes;
      else if (b === delim && !inQuotes) {
        if (hasBadBytes(start, i)) return field;
        field++;
        start = i + 1;
      }
    }
    return field;
  }

  /**
   * A record on one line without quotes, control characters or a lone CR, in one tight pass over its bytes (a
   * call per delimiter costs more than looking at each byte of short fields); null when it is not one.
   */
  function simple(start: number): Parsed | null {
    const n = buf.length;
    const limit = Math.min(n, start + opts.maxRecordBytes);
    let fields = 1;
    for (let i = start; i < limit; i++) {
      const b = buf[i]!;
      if (b === delim) fields++;
      else if (b === QUOTE || b === DEL) return null;
      else if (b < 0x20) {
        if (b === LF) return { next: i + 1, bodyEnd: i, terminator: 'lf', fields, breaks: 0, controls: null, controlFields: null, error: null };
        if (b === CR && buf[i + 1] === LF) return { next: i + 2, bodyEnd: i, terminator: 'crlf', fields, breaks: 0, controls: null, controlFields: null, error: null };
        if (b !== TAB) return null;
      }
    }
    return null;
  }

  /** The record at `start` is rejected on its first line; reading resumes on the next line (null: need more input). */
  function failAt(start: number, final: boolean, fields: number, reason: string, field: number | null): Parsed | null {
    const n = buf.length;
    const lf = buf.indexOf(LF, start);
    if (lf < 0 && !final) return null;
    return { next: lf < 0 ? n : lf + 1, bodyEnd: lf < 0 ? n : lf, terminator: 'none', fields, breaks: 0, controls: null, controlFields: null, error: { reason, field } };
  }

  function tooLong(start: number, final: boolean, fields: number, inQuotes: boolean): Parsed | null {
    const reason = inQuotes
      ? `a quoted field opened on this line runs over ${opts.maxRecordBytes} bytes without closing: reading resumes on the next line`
      : `a record over ${opts.maxRecordBytes} bytes`;
    return failAt(start, final, fields, reason, inQuotes ? fields - 1 : null);
  }

  /** Parses one record from `start`; null when more input is needed to finish it. */
  function parse(start: number, final: boolean): Parsed | null {
    const quick = simple(start);
    if (quick) return quick;
    // Only records with quotes or control characters get here: whether the buffer has any control character
    // is asked once, the first time it matters.
    controlsHere ??= CONTROLS.test(buf.toString('latin1'));
    const n = buf.length;
    let fields = 1;
    let breaks = 0;
    let inQuotes = false;
    let closed = false;
    let fieldStart = true;
    /** Line breaks inside quotes before the quote now open (or last closed) was opened. */
    let breaksBeforeQuote = 0;
    // Positions of control characters and their fields, pairwise (no closures: this runs once per quoted record).
    let controls: number[] | null = null;
    let controlFields: number[] | null = null;
    for (let i = start; i < n; i++) {
      if (i - start > opts.maxRecordBytes) return tooLong(start, final, fields, inQuotes);
      const b = buf[i]!;
      if (inQuotes && !controlsHere && b !== QUOTE) {
        // Quoted text without control characters: straight to the next quote, counting line breaks.
        const q = buf.indexOf(QUOTE, i);
        const stop = q < 0 ? n : q;
        if (stop - start > opts.maxRecordBytes) return tooLong(start, final, fields, inQuotes);
        for (let lf = buf.indexOf(LF, i); lf >= 0 && lf < stop; lf = buf.indexOf(LF, lf + 1)) breaks++;
        i = stop - 1;
        continue;
      }
      if (inQuotes) {
        if (b === QUOTE) {
          if (i + 1 === n && !final) return null;
          if (buf[i + 1] === QUOTE) i++;
          else {
            inQuotes = false;
            closed = true;
          }
        } else if (b === LF) breaks++;
        else if ((b < 0x20 && b !== TAB && b !== CR) || b === DEL) {
          (controls ??= []).push(i);
          (controlFields ??= []).push(fields - 1);
        }
        continue;
      }
      if (b === delim) {
        fields++;
        fieldStart = true;
        closed = false;
        continue;
      }
      if (b === LF) return { next: i + 1, bodyEnd: i, terminator: 'lf', fields, breaks, controls, controlFields, error: null };
      if (b === CR) {
        if (i + 1 === n && !final) return null;
        if (buf[i + 1] === LF) return { next: i + 2, bodyEnd: i, terminator: 'crlf', fields, breaks, controls, controlFields, error: null };
        // A CR alone is no line end here (nor in Excel): it goes like any control character.
        (controls ??= []).push(i);
        (controlFields ??= []).push(fields - 1);
        continue;
      }
      if (closed) {
        return failAt(start, final, fields,
          breaks > breaksBeforeQuote
            ? `a quoted field opened on this line does not close properly (it runs on over ${breaks - breaksBeforeQuote} line break${breaks - breaksBeforeQuote > 1 ? 's' : ''}): reading resumes on the next line`
            : 'text after the closing quote of a quoted field',
          fields - 1,
        );
      }
      if (b === QUOTE && fieldStart) {
        inQuotes = true;
        breaksBeforeQuote = breaks;
        fieldStart = false;
        continue;
      }
      fieldStart = false;
      if ((b < 0x20 && b !== TAB) || b === DEL) {
        (controls ??= []).push(i);
        (controlFields ??= []).push(fields - 1);
      }
    }
    if (!final) return null;
    if (inQuotes) return failAt(start, final, fields, 'a quoted field opened on this line never closes: reading resumes on the next line', fields - 1);
    return { next: n, bodyEnd: n, terminator: 'none', fields, breaks, controls, controlFields, error: null };
  }

  /** Rejects the first line of the record at `start`; reading resumes on the next line (returned). */
  function rejectFirstLine(start: number, startLine: number, field: number | null, reason: string): number {
    const lf = buf.indexOf(LF, start);
    const end = lf < 0 ? buf.length : lf;
    rejected.push({ line: startLine, field, value: textOf(start, end), reason });
    line = startLine + 1;
    return lf < 0 ? buf.length : lf + 1;
  }

  /** Takes the parsed record at `start` and returns where reading goes on. */
  function handle(start: number, r: Parsed, startLine: number): number {
    if (r.error) return rejectFirstLine(start, startLine, r.error.field, r.error.reason);
    const span = 1 + r.breaks;
    line = startLine + span;
    if (r.bodyEnd === start) {
      blankLines++;
      return r.next;
    }
    if (suspect && hasBadBytes(start, r.bodyEnd)) {
      badBytes++;
      const field = badField(start, r.bodyEnd);
      rejected.push({ line: startLine, field, value: textOf(start, r.bodyEnd), reason: opts.badBytes === 'replacement' ? 'invalid byte sequence for the encoding (CP932)' : 'invalid UTF-8 byte sequence' });
      return r.next;
    }
    let fields = r.fields;
    let bodyEnd = r.bodyEnd;
    if (fields > expected) {
      // Excel's empty trailing cells: drop them when they are all that is extra.
      let end = bodyEnd;
      let extra = fields - expected;
      while (extra > 0 && end > start && buf[end - 1] === delim) {
        end--;
        extra--;
      }
      if (extra === 0) {
        fields = expected;
        bodyEnd = end;
      }
    }
    if (fields !== expected) {
      const reason = `expected ${expected} fields as in the header, found ${r.fields}`;
      // A record spanning lines with the wrong count is most likely an unclosed quote: resume on its next line.
      if (r.breaks === 0) {
        rejected.push({ line: startLine, field: null, value: textOf(start, r.bodyEnd), reason });
        return r.next;
      }
      return rejectFirstLine(start, startLine, null, `${reason} (a quoted field opened on this line runs on over ${r.breaks} line break${r.breaks > 1 ? 's' : ''}): reading resumes on the next line`);
    }
    keep(startLine);
    style ??= r.terminator === 'none' ? null : r.terminator;
    const sameEnd = r.terminator === 'none' || r.terminator === style;
    if (!r.controls && sameEnd && bodyEnd === r.bodyEnd) {
      if (runStart >= 0 && runEnd !== start) emitRun();
      if (runStart < 0) runStart = start;
      runEnd = r.next;
      return r.next;
    }
    emitRun();
    const parts: Uint8Array[] = [];
    let from = start;
    if (r.controls) {
      // Controls come in file order, so those of one value on one line follow each other: one report each.
      let lastKey = '';
      for (let k = 0; k < r.controls.length; k++) {
        const at = r.controls[k]!;
        if (at >= bodyEnd) break;
        parts.push(buf.subarray(from, at));
        from = at + 1;
        const field = r.controlFields![k]!;
        const lineOf = startLine + countLf(buf, start, at);
        const key = `${lineOf}:${field}`;
        if (key !== lastKey) {
          lastKey = key;
          cleaned.push({ line: lineOf, field, value: textOf(start, r.bodyEnd), reason: `control character ${codePoint(buf[at]!)} removed` });
        } else {
          const last = cleaned[cleaned.length - 1]!;
          if (!last.reason.includes(codePoint(buf[at]!))) last.reason = last.reason.replace(' removed', `, ${codePoint(buf[at]!)} removed`);
        }
      }
    }
    parts.push(buf.subarray(from, bodyEnd));
    parts.push(style === 'crlf' ? Buffer.from('\r\n') : Buffer.from('\n'));
    opts.emit(Buffer.concat(parts), null);
    return r.next;
  }

  function run(final: boolean): void {
    let pos = 0;
    const n = buf.length;
    suspect =
      opts.badBytes === 'replacement' ? buf.indexOf(replacement) >= 0 : !isUtf8(buf.subarray(0, final ? n : completeUtf8Length(buf)));
    // What is carried over was in the previous buffer: it holds a control character only if that one did.
    if (chunkControls === true || (carried && controlsHere === true)) controlsHere = true;
    else if (chunkControls === false && (!carried || controlsHere === false)) controlsHere = false;
    else controlsHere = null;
    while (pos < n) {
      if (header === null) {
        const lf = buf.indexOf(LF, pos);
        if (lf < 0 && !final) break;
        const end = lf < 0 ? n : lf;
        if (line === opts.headerLine) {
          const text = buf.toString('utf8', pos, end).replace(/^\uFEFF/, '').replace(/\r$/, '');
          if (hasBadBytes(pos, end)) throw new HeaderBytesError(line);
          header = splitHeader(text, opts.delimiter);
          expected = header.length;
          firstDataLine = line + 1;
          dataOffset = base + (lf < 0 ? n : lf + 1);
        }
        line++;
        pos = lf < 0 ? n : lf + 1;
        continue;
      }
      const r = parse(pos, final);
      if (r === null) break;
      pos = handle(pos, r, line);
    }
    emitRun();
    base += pos;
    buf = buf.subarray(pos);
  }

  return {
    push(chunk, controls) {
      chunkControls = controls ?? null;
      carried = buf.length > 0;
      let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (first) {
        first = false;
        if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
          data = data.subarray(3);
          base = 3;
        }
      }
      buf = buf.length ? Buffer.concat([buf, data]) : data;
      run(false);
      // What is left is an unfinished record: keep a copy, not a view that pins the whole chunk.
      if (buf.length) buf = Buffer.from(buf);
    },
    end() {
      run(true);
      if (header === null) throw new ScanError(opts.headerLine === 1 ? 'the file is empty: no header line' : `the file ends before the header line ${opts.headerLine}`);
      return {
        header, records, lines: lines.subarray(0, records), contiguous, firstDataLine, dataOffset, rejected, lineEnd: style ?? 'lf', cleaned, badBytes, blankLines,
        physicalLines: line - 1,
      };
    },
  };
}

/** A file the scanner cannot read at all (no header): the caller turns it into a message for people. */
export class ScanError extends Error {}

/** The header line has bad bytes: the whole file is in another encoding than the one it is read in. */
export class HeaderBytesError extends ScanError {
  readonly line: number;
  constructor(line: number) {
    super(`the header (line ${line}) has bytes that are not text in this encoding`);
    this.line = line;
  }
}

function countLf(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (b[i] === LF) n++;
  return n;
}

function codePoint(b: number): string {
  return `U+${b.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The header line's fields (quotes removed, doubled quotes undone). */
export function splitHeader(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          v += line.slice(i);
          i = line.length;
          break;
        }
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const d = line.indexOf(delimiter, i);
      i = d < 0 ? line.length : d;
      out.push(v);
    } else {
      const d = line.indexOf(delimiter, i);
      out.push(line.slice(i, d < 0 ? line.length : d));
      i = d < 0 ? line.length : d;
    }
    if (i >= line.length) break;
    i += delimiter.length;
    if (i === line.length) {
      out.push('');
      break;
    }
  }
  return out;
}
