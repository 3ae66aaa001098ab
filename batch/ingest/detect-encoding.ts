import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'cp932';

const SNIFF_BYTES = 64 * 1024;

/**
 * Tells UTF-8 (with or without BOM) from CP932 by strict UTF-8 decoding of the head of the file:
 * CP932 text with any Japanese in it is never valid UTF-8, while ASCII-only heads are the same in both.
 */
export function detectEncoding(head: Uint8Array): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  return isValidUtf8(head) ? 'utf-8' : 'cp932';
}

/** Strict UTF-8 check that forgives a multi-byte character cut at the end of the sniffed head. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  let end = bytes.length;
  // Step back over a possibly truncated final character (at most 3 continuation bytes plus its lead).
  for (let i = 1; i <= Math.min(4, bytes.length); i++) {
    const b = bytes[bytes.length - i]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) end = bytes.length - i;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

export async function readHead(path: string, bytes = SNIFF_BYTES): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * `encoding: auto` over the whole file, not just its head: UTF-8 (with or without BOM) when every byte is valid
 * UTF-8; when some are not, CP932 unless nine in ten of the lines holding non-ASCII bytes are valid UTF-8 (then
 * the file is UTF-8 with a few damaged lines, which are rejected one by one).
 */
export async function sniffEncoding(path: string): Promise<Encoding> {
  let bom: boolean | null = null;
  let carry: Buffer = Buffer.alloc(0);
  for await (const raw of createReadStream(path, { highWaterMark: 4 << 20 }) as AsyncIterable<Buffer>) {
    bom ??= raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
    const chunk = carry.length ? Buffer.concat([carry, raw]) : raw;
    const whole = completeLength(chunk);
    if (!isUtf8(chunk.subarray(0, whole))) return mostlyUtf8(chunk) ? (bom ? 'utf-8-bom' : 'utf-8') : 'cp932';
    carry = Buffer.from(chunk.subarray(whole));
  }
  if (carry.length && !isUtf8(carry)) return 'cp932';
  return bom ? 'utf-8-bom' : 'utf-8';
}

function mostlyUtf8(chunk: Buffer): boolean {
  let valid = 0;
  let invalid = 0;
  let start = 0;
  while (start < chunk.length) {
    const lf = chunk.indexOf(0x0a, start);
    const end = lf < 0 ? chunk.length : lf;
    const line = chunk.subarray(start, end);
    if (line.some((b) => b >= 0x80)) {
      if (isUtf8(line)) valid++;
      else invalid++;
    }
    start = end + 1;
  }
  return invalid * 10 <= valid + invalid;
}

function completeLength(b: Uint8Array): number {
  const n = b.length;
  for (let back = 1; back <= Math.min(4, n); back++) {
    const x = b[n - back]!;
    if ((x & 0xc0) === 0x80) continue;
    const need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : x >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}
