import { isUtf8 } from 'node:buffer';

/**
 * A byte-level pass over a UTF-8 delimited export that decides whether DuckDB's parallel read_csv will read
 * it exactly as the streaming JavaScript reader (papaparse) would: one record per line end, every record
 * with as many fields as the header, quotes only around whole fields, one line-end style, no blank lines.
 * Anything else (ragged rows, stray quotes, mixed line ends, invalid UTF-8) sends the file down the
 * JavaScript path, which keeps exact line numbers for every odd record.
 *
 * Byte scanning is safe for UTF-8: no byte of a multi-byte character is below 0x80.
 */

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export interface CsvShape {
  /** Header fields as written (BOM removed, quotes undone). */
  header: string[];
  /** Data records after the header. */
  records: number;
  /** Indexes of columns in which some quoted field holds a line break (those records span several lines). */
  multilineColumns: number[];
  /** The physical line each data record starts on, when some record spans several lines (else line = index + 2). */
  lines: Int32Array | null;
  lineEnd: 'crlf' | 'lf';
}

export interface ShapeScanner {
  push(chunk: Uint8Array): void;
  /** The shape, or why the file is not plain (then it must go the JavaScript way). */
  end(): CsvShape | { notPlain: string };
}

interface State {
  delim: number;
  failure: string | null;
  inQuotes: boolean;
  /** Just after the closing quote of a quoted field. */
  closed: boolean;
  /** A quote ended the previous chunk inside a quoted field: a quote starting this one makes it a doubled quote. */
  quoteAtEdge: boolean;
  fieldStart: boolean;
  fieldHasBreak: boolean;
  /** Line breaks inside quoted fields of the current record. */
  breaks: number;
  /** The line the current record starts on, and the start lines of the records so far. */
  line: number;
  lines: Int32Array;
  pendingCr: boolean;
  fields: number;
  recordBytes: number;
  /** 0 unknown, 1 CRLF, 2 LF. */
  lineEnd: number;
  expected: number;
  records: number;
  multiline: Set<number>;
  /** Bytes of the header line while it is being read. */
  header: number[] | null;
  headerDone: number[] | null;
}

/** A scanner for files whose first line is the header; `delimiter` must be one ASCII character. */
export function createShapeScanner(delimiter: string): ShapeScanner {
  const delim = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
  const st: State = {
    delim,
    failure: delim < 0 || delim >= 0x80 || delim === QUOTE || delim === CR || delim === LF ? `delimiter ${JSON.stringify(delimiter)} is not one ASCII character` : null,
    inQuotes: false, closed: false, quoteAtEdge: false, fieldStart: true, fieldHasBreak: false, breaks: 0, line: 1, lines: new Int32Array(1024), pendingCr: false,
    fields: 0, recordBytes: 0, lineEnd: 0, expected: -1, records: 0, multiline: new Set(), header: [], headerDone: null,
  };
  let first = true;
  let carry: Uint8Array = new Uint8Array(0);
  return {
    push(input) {
      if (st.failure) return;
      let chunk = input;
      if (first) {
        first = false;
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      }
      // UTF-8 is checked up to the last whole character; a character cut at the chunk's end waits for the next.
      const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const whole = completeUtf8Length(data);
      if (!isUtf8(data.subarray(0, whole))) {
        st.failure = 'invalid UTF-8';
        return;
      }
      carry = data.slice(whole);
      scan(st, chunk);
    },
    end() {
      if (!st.failure && carry.length) st.failure = 'invalid UTF-8 at the end of the file';
      if (!st.failure && st.inQuotes) st.failure = 'a quoted field that never closes';
      if (!st.failure && st.pendingCr) st.failure = 'a carriage return without a line feed';
      // The last record may end without a line break.
      if (!st.failure && st.recordBytes > 0) endRecord(st, st.lineEnd || 2);
      if (!st.failure && !st.headerDone) st.failure = 'no header line';
      if (st.failure) return { notPlain: st.failure };
      return {
        header: splitHeader(Buffer.from(st.headerDone!).toString('utf8').replace(/^\uFEFF/, '').replace(/\r?\n$/, ''), delimiter),
        records: st.records,
        multilineColumns: [...st.multiline].sort((a, b) => a - b),
        lines: st.multiline.size > 0 ? st.lines.subarray(0, st.records) : null,
        lineEnd: st.lineEnd === 1 ? 'crlf' : 'lf',
      };
    },
  };
}

/** How many leading bytes of `b` are whole UTF-8 characters (at most 3 bytes of a cut character are left over). */
function completeUtf8Length(b: Uint8Array): number {
  const n = b.length;
  for (let back = 1; back <= Math.min(4, n); back++) {
    const x = b[n - back]!;
    if ((x & 0xc0) === 0x80) continue;
    const need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : x >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

function endField(st: State): void {
  if (st.fieldHasBreak) st.multiline.add(st.fields);
  st.fields++;
  st.fieldStart = true;
  st.closed = false;
  st.fieldHasBreak = false;
}

function endRecord(st: State, style: number): void {
  if (st.lineEnd === 0) st.lineEnd = style;
  else if (st.lineEnd !== style) st.failure ??= 'mixed line ends (CRLF and LF)';
  if (st.recordBytes === 0) st.failure ??= 'a blank line';
  endField(st);
  if (st.header) {
    if (st.multiline.size > 0) st.failure ??= 'a header spanning several lines';
    st.headerDone = st.header;
    st.header = null;
    st.expected = st.fields;
  } else {
    if (st.records === st.lines.length) {
      const grown = new Int32Array(st.lines.length * 2);
      grown.set(st.lines);
      st.lines = grown;
    }
    st.lines[st.records++] = st.line;
    if (st.fields !== st.expected) st.failure ??= `a record with ${st.fields} fields where the header has ${st.expected}`;
  }
  st.line += 1 + st.breaks;
  st.breaks = 0;
  st.fields = 0;
  st.recordBytes = 0;
}

function scan(st: State, chunk: Uint8Array): void {
  const n = chunk.length;
  const delim = st.delim;
  let i = 0;
  if (st.header) {
    // The header line, byte by byte (it is short); its bytes are kept for the column names.
    while (i < n && st.header && !st.failure) i += scanByte(st, chunk, i);
    if (st.header) {
      for (let k = 0; k < n; k++) st.header.push(chunk[k]!);
      return;
    }
    for (let k = 0; k < i; k++) st.headerDone!.push(chunk[k]!);
  }
  if (chunk.indexOf(0x01, i) >= 0) st.failure ??= 'a control character U+0001';
  while (i < n && !st.failure) {
    if (st.inQuotes) {
      // Jump to the next quote, noting a line break before it.
      const q = chunk.indexOf(QUOTE, i);
      const stop = q < 0 ? n : q;
      for (let lf = chunk.indexOf(LF, i); lf >= 0 && lf < stop; lf = chunk.indexOf(LF, lf + 1)) {
        st.fieldHasBreak = true;
        st.breaks++;
      }
      st.recordBytes += stop - i;
      if (q < 0) return;
      i = q + scanByte(st, chunk, q);
      continue;
    }
    if (st.closed || st.pendingCr || st.quoteAtEdge) {
      i += scanByte(st, chunk, i);
      continue;
    }
    // A run of plain bytes in an unquoted field.
    let j = i;
    while (j < n) {
      const b = chunk[j]!;
      if (b === delim || b === QUOTE || b === CR || b === LF) break;
      j++;
    }
    if (j > i) {
      st.fieldStart = false;
      st.recordBytes += j - i;
      i = j;
      continue;
    }
    i += scanByte(st, chunk, i);
  }
}

/** One step of the state machine at byte i; returns the bytes consumed (2 for a doubled quote). */
function scanByte(st: State, chunk: Uint8Array, i: number): number {
  const b = chunk[i]!;
  if (st.pendingCr) {
    st.pendingCr = false;
    if (b === LF) endRecord(st, 1);
    else st.failure ??= 'a carriage return without a line feed';
    return 1;
  }
  if (st.inQuotes) {
    if (b === QUOTE) {
      if (i + 1 === chunk.length) {
        // Undecidable at a chunk edge: closing, unless the next chunk starts with a quote.
        st.inQuotes = false;
        st.closed = true;
        st.quoteAtEdge = true;
      } else if (chunk[i + 1] === QUOTE) {
        // A doubled quote is a quote inside the field.
        st.recordBytes += 2;
        return 2;
      } else {
        st.inQuotes = false;
        st.closed = true;
      }
    } else if (b === LF) {
      st.fieldHasBreak = true;
      st.breaks++;
    }
    st.recordBytes++;
    return 1;
  }
  if (st.quoteAtEdge) {
    st.quoteAtEdge = false;
    if (b === QUOTE) {
      st.inQuotes = true;
      st.closed = false;
      st.recordBytes++;
      return 1;
    }
  }
  if (b === st.delim) {
    st.recordBytes++;
    endField(st);
  } else if (b === CR) st.pendingCr = true;
  else if (b === LF) endRecord(st, 2);
  else if (st.closed) st.failure ??= 'text after the closing quote of a field';
  else {
    if (b === QUOTE) {
      if (!st.fieldStart) st.failure ??= 'a quote inside an unquoted field';
      st.inQuotes = true;
    }
    st.fieldStart = false;
    st.recordBytes++;
  }
  return 1;
}

/** The header line's fields (quotes removed, doubled quotes undone). */
function splitHeader(line: string, delimiter: string): string[] {
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
