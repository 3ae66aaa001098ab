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
