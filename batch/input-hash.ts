import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** sha256 over the config text and the bytes of every input file, in the order given. */
export async function hashInputs(configText: string, files: string[]): Promise<string> {
  const h = createHash('sha256');
  h.update(configText);
  for (const f of files) {
    h.update(`\u0000${f}\u0000`);
    for await (const chunk of createReadStream(f)) h.update(chunk as Buffer);
  }
  return h.digest('hex');
}
