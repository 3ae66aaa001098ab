/**
 * The ingest baseline: DuckDB's bare `read_csv` (its own sniffing, parallel reader) of UTF-8 copies of the
 * same exports, into a table of a fresh on-disk database opened with the batch's own DuckDB settings.
 * No transcoding, no line numbers, no checks: the floor ingest + normalize is compared against.
 * `node bench/child-read-csv.ts <utf8Dir> <scratchDir> file…` prints one JSON line: seconds per file and total.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { lit, openDb } from '../batch/db.ts';

const [dir, scratch, ...files] = process.argv.slice(2);
if (!dir || !scratch || files.length === 0) {
  process.stderr.write('usage: node bench/child-read-csv.ts <utf8Dir> <scratchDir> file…\n');
  process.exit(2);
}
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
const db = await openDb(join(scratch, 'baseline.duckdb'));
const perFile: Record<string, number> = {};
let total = 0;
for (const [i, f] of files.entries()) {
  const t = performance.now();
  await db.run(`CREATE TABLE t${i} AS SELECT * FROM read_csv(${lit(join(dir, f))})`);
  const s = (performance.now() - t) / 1000;
  perFile[f] = s;
  total += s;
}
db.close();
rmSync(scratch, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ seconds: total, perFile })}\n`);
