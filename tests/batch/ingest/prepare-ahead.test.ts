import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { EmployeesSource } from '../../../schemas/config.ts';
import { prepareAhead, type SourceRef } from '../../../batch/ingest/load-source.ts';
import { CliError } from '../../../batch/errors.ts';
import { until } from '../../helpers/until.ts';

async function cp932File(dir: string, name: string, text: string): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, iconv.encode(text, 'cp932'));
  return p;
}

const ref = (path: string, sourceFile: string): SourceRef => ({
  path,
  sourceFile,
  key: 'sources.0',
  source: EmployeesSource.parse({ kind: 'employees', path: sourceFile, encoding: 'cp932', columns: { employee_id: '社員番号' } }),
});

/** Transcoded scratch copies still on disk (prepare-export.ts puts them in talent-atlas-ingest-* folders). */
async function scratchCopies(before: Set<string>): Promise<string[]> {
  return (await readdir(tmpdir())).filter((f) => f.startsWith('talent-atlas-ingest-') && !before.has(f));
}

describe('prepareAhead', () => {
  it('prepares every export in the background and removes the scratch copies nobody took', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ta-ahead-'));
    const before = new Set(await readdir(tmpdir()));
    const a = await cp932File(dir, 'a.csv', '社員番号,氏名\r\nE1,山田\r\n');
    const b = await cp932File(dir, 'b.csv', '社員番号,氏名\r\nE2,佐藤\r\nE3,鈴木\r\n');
    const ahead = prepareAhead([ref(a, 'a.csv'), ref(b, 'b.csv')]);
    const first = await ahead.take(0);
    expect(first.encoding).toBe('cp932');
    expect(first.prepared.scan.records).toBe(1);
    await first.prepared.dispose();
    // b.csv is prepared too (its copy appears) though no one asked for it yet.
    await until(async () => (await scratchCopies(before)).length === 1, 'b.csv to be prepared in the background');
    await ahead.dispose();
    expect(await scratchCopies(before)).toEqual([]);
  });

  it('reports a failing export when its turn comes, naming it, and still prepares the exports after it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ta-ahead-'));
    const good = await cp932File(dir, 'good.csv', '社員番号\r\nE1\r\n');
    const ahead = prepareAhead([ref(dir, 'a-folder.csv'), ref(good, 'good.csv')]);
    const second = await ahead.take(1);
    expect(second.prepared.scan.records).toBe(1);
    await second.prepared.dispose();
    const err = await ahead.take(0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).message).toMatch(/^a-folder\.csv: cannot read the file: EISDIR/);
    await ahead.dispose();
  });
});
