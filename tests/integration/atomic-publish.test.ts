import { copyFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../batch/errors.ts';
import { memoryLogger } from '../../batch/log.ts';
import { runBatch } from '../../batch/pipeline.ts';
import { readTree, tempDir } from '../helpers/tmp.ts';

const DATASET = resolve('../shared/datasets/hrdataset-v14/HRDataset_v14.csv');

/** A small config in a temp folder, pointing at a copy of a real export we can then break. */
async function setUp() {
  const dir = await tempDir('atomic');
  await mkdir(join(dir, 'in'));
  await copyFile(DATASET, join(dir, 'in', 'hr.csv'));
  await copyFile(resolve('data/taxonomy/skills.csv'), join(dir, 'skills.csv'));
  const config = (await readFile('data/examples/hrdataset-v14.yaml', 'utf8'))
    .replaceAll('../../../shared/datasets/hrdataset-v14/HRDataset_v14.csv', 'in/hr.csv')
    .replace('../taxonomy/skills.csv', 'skills.csv')
    .replace('../out/hrdataset-v14', 'out');
  await writeFile(join(dir, 'config.yaml'), config);
  return dir;
}

describe('publishing', () => {
  it('leaves last night\'s DuckDB file and artifacts untouched when a run fails', async () => {
    const dir = await setUp();
    const first = await runBatch({ configPath: join(dir, 'config.yaml'), log: memoryLogger(), now: () => new Date('2026-10-01T02:00:00Z') });
    const before = await readTree(join(dir, 'out'));
    expect([...before.keys()].some((k) => k.endsWith('talent.duckdb'))).toBe(true);

    // Tonight's export arrives with a renamed column: the mapping no longer fits and the run must fail.
    const text = await readFile(join(dir, 'in', 'hr.csv'), 'utf8');
    await writeFile(join(dir, 'in', 'hr.csv'), text.replace('DateofHire', 'HireDate'));
    const failed = runBatch({ configPath: join(dir, 'config.yaml'), log: memoryLogger(), now: () => new Date('2026-10-02T02:00:00Z') });
    await expect(failed).rejects.toThrow(CliError);
    await expect(failed).rejects.toThrow('column "DateofHire" (sources.0.columns.hire_date) not in the header');

    const after = await readTree(join(dir, 'out'));
    for (const [file, bytes] of before) if (file !== 'runs.jsonl') expect(after.get(file), file).toEqual(bytes);
    expect([...after.keys()].filter((k) => k.includes('.staging-'))).toEqual([]);
    const log = (await readFile(join(dir, 'out', 'runs.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(log.map((l) => l.status)).toEqual(['succeeded', 'failed']);
    expect(first.runId).toBe('20261001T020000000Z');
  });

  it('fails cleanly when an export loading beside others is broken: its error, nothing staged left behind', async () => {
    // The sample's exports after the employee list load side by side; the interview notes' column is renamed.
    const dir = await tempDir('atomic-side');
    await cp(resolve('data/sample'), join(dir, 'sample'), { recursive: true });
    const notes = join(dir, 'sample', 'career_interviews.csv');
    const bytes = await readFile(notes);
    const encoding = bytes.includes(Buffer.from('面談メモ')) ? 'utf8' : 'cp932';
    await writeFile(notes, iconv.encode(iconv.decode(bytes, encoding).replace('面談メモ', '面談記録'), encoding));
    const config = (await readFile('talent-atlas.config.yaml', 'utf8')).replaceAll('data/sample/', 'sample/').replace('data/taxonomy/skills.csv', resolve('data/taxonomy/skills.csv')).replace('dir: data/out', 'dir: out');
    await writeFile(join(dir, 'config.yaml'), config);
    const failed = runBatch({ configPath: join(dir, 'config.yaml'), log: memoryLogger(), now: () => new Date('2026-10-01T02:00:00Z') });
    await expect(failed).rejects.toThrow(/column "面談メモ" \(sources\.\d\.columns\.notes\) not in the header/);
    const left = await readTree(join(dir, 'out'));
    expect([...left.keys()].filter((k) => k.includes('.staging-') || k.endsWith('talent.duckdb'))).toEqual([]);
  });

  it('keeps the run history across nights in the runs table', async () => {
    const dir = await setUp();
    await runBatch({ configPath: join(dir, 'config.yaml'), log: memoryLogger(), now: () => new Date('2026-10-01T02:00:00Z') });
    const second = await runBatch({ configPath: join(dir, 'config.yaml'), log: memoryLogger(), now: () => new Date('2026-10-02T02:00:00Z') });
    expect(second.counts.runs).toBe(2);
  });
});
