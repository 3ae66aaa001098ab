import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CliError } from '../../batch/errors.ts';
import { memoryLogger } from '../../batch/log.ts';
import { runBatch, validateExports, type ValidationReport } from '../../batch/pipeline.ts';
import { readTree, tempDir } from '../helpers/tmp.ts';

/**
 * The bad-inputs corpus (tests/fixtures/bad-inputs/, see its README): every case is the base company with
 * some exports damaged by hand or laid out differently, and the outcome a user must get, written down by
 * hand in its case.yaml — the exit code, the exact message, every reject, and how many rows of each table
 * were loaded (the base's counts less what the damage costs, worked out by hand).
 *
 * Cases run through `validate` (the batch's load and checks, nothing written), and through the whole batch
 * when they need last night's outputs; a few run both ways to show the two report the same.
 */
const CORPUS = 'tests/fixtures/bad-inputs';

const Case = z.strictObject({
  what: z.string(),
  /** Patches of the base config: top-level keys replace, `sources` patches by index. */
  config: z.record(z.string(), z.unknown()).default({}),
  accept: z.strictObject({ rejects: z.boolean().optional(), drop: z.boolean().optional() }).default({}),
  /** Run the base company first into the same output folder (last night's outputs). */
  previous: z.boolean().default(false),
  expect: z.strictObject({
    exit: z.number().int(),
    /** Exact lines (or parts of lines) of the error message, in order. */
    message: z.array(z.string()).default([]),
    /** Every reject of the run: [file, line, column or null, action, reason]. */
    rejects: z.array(z.tuple([z.string(), z.number().int(), z.string().nullable(), z.string(), z.string()])).default([]),
    counts: z.record(z.string(), z.number().int()).default({}),
    notices: z.array(z.string()).optional(),
    /**
     * Every skill name the vocabulary does not know, as the summary lists it: [name, company skill's category
     * or "rejected", "file:line [column] ×n; …", closest taxonomy ids].
     */
    unmatched: z.array(z.tuple([z.string(), z.string(), z.string(), z.array(z.string())])).default([]),
  }),
});

/** What a run publishes: the DuckDB file and the artifacts it points at (not the run log, which every run appends to). */
async function published(out: string): Promise<Map<string, Buffer>> {
  const tree = await readTree(out);
  for (const k of [...tree.keys()]) if (k === 'runs.jsonl' || k.startsWith('cache/')) tree.delete(k);
  return tree;
}

const cases = (await readdir(CORPUS, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('_')).map((d) => d.name).sort();

async function layOut(name: string, dir: string): Promise<string> {
  await cp(join(CORPUS, '_base'), dir, { recursive: true });
  const files = (await readdir(join(CORPUS, name))).filter((f) => f !== 'case.yaml');
  for (const f of files) await cp(join(CORPUS, name, f), join(dir, f), { recursive: true });
  const spec = Case.parse(parse(await readFile(join(CORPUS, name, 'case.yaml'), 'utf8')));
  const config = parse(await readFile(join(dir, 'config.yaml'), 'utf8'));
  config.taxonomy = resolve('data/taxonomy/skills.csv');
  for (const [key, value] of Object.entries(spec.config)) {
    // A patch at an index past the base's sources adds that source.
    if (key === 'sources') for (const [i, patch] of Object.entries(value as Record<string, object>)) config.sources[Number(i)] = { ...config.sources[Number(i)], ...patch };
    else config[key] = value;
  }
  await writeFile(join(dir, 'config.yaml'), stringify(config));
  return join(dir, 'config.yaml');
}

/** The offline AI on the main thread: worker threads cost more than they save on a dozen texts. */
const ENV = { ...process.env, TALENT_ATLAS_AI_WORKERS: '0' };

async function baseRun(name: string, out: string): Promise<void> {
  const base = await tempDir(`bad-${name}-base`);
  await cp(join(CORPUS, '_base'), base, { recursive: true });
  const baseConfig = parse(await readFile(join(base, 'config.yaml'), 'utf8'));
  baseConfig.taxonomy = resolve('data/taxonomy/skills.csv');
  await writeFile(join(base, 'config.yaml'), stringify(baseConfig));
  await runBatch({ configPath: join(base, 'config.yaml'), outDir: out, log: memoryLogger(), env: ENV, now: () => new Date('2026-09-30T02:00:00Z') });
}

const rejectsOf = (r: Pick<ValidationReport, 'rejects'>) => r.rejects.rows.map((x) => [x.source_file, x.line, x.column, x.action, x.reason]);

describe('the bad-inputs corpus', () => {
  it('holds at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', async (name) => {
    const spec = Case.parse(parse(await readFile(join(CORPUS, name, 'case.yaml'), 'utf8')));
    const dir = await tempDir(`bad-${name}`);
    const out = join(dir, 'out');
    let before: Map<string, Buffer> | null = null;
    if (spec.previous) {
      await baseRun(name, out);
      before = await published(out);
      expect([...before.keys()].some((k) => k.startsWith('artifacts.'))).toBe(true);
    }
    const configPath = await layOut(name, dir);
    const log = memoryLogger();
    let report: ValidationReport | null = null;
    let error: unknown = null;
    try {
      const opts = { configPath, outDir: out, log, accept: spec.accept, env: ENV, now: () => new Date('2026-10-01T02:00:00Z') };
      report = spec.previous ? await runBatch(opts) : await validateExports(opts);
    } catch (e) {
      error = e;
    }
    const e = spec.expect;
    if (e.exit === 0) {
      expect(error, `${name}: the run should succeed`).toBeNull();
      expect(rejectsOf(report!), `${name}: rejects`).toEqual(e.rejects);
      for (const [table, n] of Object.entries(e.counts)) expect(report!.counts[table], `${name}: rows in ${table}`).toBe(n);
      if (e.notices) expect(report!.notices.map((n) => `${n.code}:${n.subject}`)).toEqual(e.notices);
      expect(report!.unmatchedSkills.map((u) => [
        u.name, u.outcome === 'added' ? u.category! : 'rejected', u.places.map((p) => `${p.source_file}:${p.first_line} [${p.column}] ×${p.occurrences}`).join('; '), u.closest.map((c) => c.skill_id),
      ]), `${name}: skill names not in the vocabulary`).toEqual(e.unmatched);
      for (const line of e.message) expect(log.lines.join('\n')).toContain(line);
    } else {
      expect(error, `${name}: the run should fail`).toBeInstanceOf(CliError);
      const err = error as CliError;
      expect(err.exitCode, `${name}: exit code (${err.message})`).toBe(e.exit);
      let at = 0;
      for (const line of e.message) {
        const found = err.message.indexOf(line, at);
        expect(found, `${name}: the message holds, in order, "${line}"\n--- message ---\n${err.message}`).toBeGreaterThanOrEqual(0);
        at = found + line.length;
      }
      if (before) expect(await published(out), `${name}: last night's outputs unchanged, byte for byte`).toEqual(before);
    }
  });

  it.each(['stray-quote-mid-file', 'bad-cp932-sequence', 'control-characters-in-names', 'manager-cycle', 'incumbent-has-left'])('the batch publishes what validate reports: %s', async (name) => {
    const dir = await tempDir(`bad-both-${name}`);
    const configPath = await layOut(name, dir);
    const opts = { configPath, outDir: join(dir, 'out'), log: memoryLogger(), env: ENV, now: () => new Date('2026-10-01T02:00:00Z') };
    const validated = await validateExports(opts);
    const run = await runBatch(opts);
    expect(rejectsOf(run)).toEqual(rejectsOf(validated));
    // employee_skills is left out: the batch adds the skills the AI stage infers from the texts.
    for (const [table, n] of Object.entries(validated.counts)) if (table !== 'employee_skills') expect(run.counts[table], table).toBe(n);
  });
});
