import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'cp932';

/**
 * `encoding: auto` over the whole file, not just its head: UTF-8 (with or without BOM) when every byte is valid
 * UTF-8; when some are not, CP932 if most lines holding non-ASCII bytes are not UTF-8, else UTF-8 with a few
 * damaged lines, which are rejected one by one. (Japanese text in CP932 is practically never valid UTF-8.)
 */
export async function sniffEncoding(path: string): Promise<Encoding> {
  let bom: boolean | null = null;
  let carry: Buffer = Buffer.alloc(0);
  for await (const raw of createReadStream(path, { highWaterMark: 4 << 20 }) as AsyncIterable<Buffer>) {
    bom ??= raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
    const chunk = carry.length ? Buffer.concat([carry, raw]) : raw;
    const whole = completeUtf8Length(chunk);
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
  return invalid <= valid;
}

/** How many leading bytes of `b` are whole UTF-8 characters (a character cut at the end waits for the next chunk). */
export function completeUtf8Length(b: Uint8Array): number {
  const n = b.length;
  for (let back = 1; back <= Math.min(4, n); back++) {
    const x = b[n - back]!;
    if ((x & 0xc0) === 0x80) continue;
    const need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : x >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}
