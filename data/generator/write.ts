/**
 * CSV output the way Japanese office software writes it: CP932 or UTF-8 (with or without BOM), CRLF or LF,
 * RFC 4180 quoting. Rows are buffered and flushed in chunks so a 100,000-person company never becomes one
 * giant string in memory.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import iconv from 'iconv-lite';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'cp932';

export interface CsvFormat {
  encoding: Encoding;
  eol: '\r\n' | '\n';
}

/** Quote only where CSV requires it (separator, quote, line break) or where spaces would be trimmed. */
export function csvField(value: string): string {
  if (value === '') return '';
  if (/[",\r\n]/.test(value) || value !== value.trim()) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

export function csvLine(fields: readonly string[], eol: string): string {
  return fields.map(csvField).join(',') + eol;
}

/**
 * Line breaks inside a cell are written as a bare LF, as Excel does for Alt+Enter even in CRLF files;
 * the physical line count therefore counts LFs.
 */
const newlinesIn = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

export function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === 'cp932') {
    const buf = iconv.encode(text, 'cp932');
    // iconv-lite writes "?" for characters CP932 cannot hold. 0x3F is never a trail byte in CP932, so
    // counting it is exact: any surplus means text was silently lost, which must fail loudly instead.
    let inText = 0;
    for (let i = text.indexOf('?'); i !== -1; i = text.indexOf('?', i + 1)) inText++;
    let inBuf = 0;
    for (const b of buf) if (b === 0x3f) inBuf++;
    if (inBuf !== inText) throw new Error(`text not encodable in CP932 near: ${firstUnencodable(text)}`);
    return buf;
  }
  return Buffer.from(text, 'utf8');
}

function firstUnencodable(text: string): string {
  for (const ch of text) {
    if (ch !== '?' && iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') !== ch) {
      return `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
    }
  }
  return '(unknown)';
}

export interface WriteStats {
  path: string;
  rows: number;
  lines: number;
  bytes: number;
}

export class CsvWriter {
  readonly path: string;
  readonly format: CsvFormat;
  #fd: number;
  #chunk: string[] = [];
  #chunkChars = 0;
  #rows = 0;
  #lines = 0;
  #bytes = 0;

  constructor(path: string, format: CsvFormat, header: readonly string[]) {
    this.path = path;
    this.format = format;
    this.#fd = openSync(path, 'w');
    if (format.encoding === 'utf-8-bom') this.#write(Buffer.from([0xef, 0xbb, 0xbf]));
    this.#append(header);
    this.#rows = 0;
  }

  /** Appends a data row and returns the physical line it starts on (the header is line 1). */
  row(fields: readonly string[]): number {
    const start = this.#lines + 1;
    this.#append(fields);
    this.#rows++;
    return start;
  }

  close(): WriteStats {
    this.#flush();
    closeSync(this.#fd);
    return { path: this.path, rows: this.#rows, lines: this.#lines, bytes: this.#bytes };
  }

  #append(fields: readonly string[]): void {
    const line = csvLine(fields, this.format.eol);
    this.#lines += 1 + newlinesIn(line.slice(0, -1));
    this.#chunk.push(line);
    this.#chunkChars += line.length;
    if (this.#chunkChars >= 256 * 1024) this.#flush();
  }

  #flush(): void {
    if (this.#chunk.length === 0) return;
    this.#write(encode(this.#chunk.join(''), this.format.encoding));
    this.#chunk = [];
    this.#chunkChars = 0;
  }

  #write(buf: Buffer): void {
    let off = 0;
    while (off < buf.length) off += writeSync(this.#fd, buf, off);
    this.#bytes += buf.length;
  }
}
