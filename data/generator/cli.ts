/**
 * node data/generator/cli.ts [--employees 400] [--seed 20261001] [--out data/sample] [--as-of 2026-10-01]
 *                            [--taxonomy data/taxonomy/skills.csv] [--no-bad-rows] [--interviews sample|half-yearly]
 *
 * Regenerates the sample exports of 株式会社みなと精機. The defaults produce the committed data/sample/;
 * benchmarks pass a larger --employees, a scratch --out and --no-bad-rows.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULTS, type GenerateOptions, type InterviewCadence, generate } from './generate.ts';

const HELP = `Usage: node data/generator/cli.ts [options]
  --employees N     headcount (default ${DEFAULTS.employees}, at least 100)
  --seed N          random seed (default ${DEFAULTS.seed}); same seed, same bytes
  --out DIR         output directory (default data/sample, relative to the current directory)
  --as-of DATE      reference date YYYY-MM-DD (default ${DEFAULTS.asOf})
  --taxonomy FILE   skill taxonomy CSV (default data/taxonomy/skills.csv next to the generator)
  --no-bad-rows     do not plant the documented bad rows
  --interviews C    sample (default: one to three interviews in two years for most people) or
                    half-yearly (one every half year for three years: six per person, as benchmarks use)
  --help            show this help`;

function parse(argv: string[]): GenerateOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      employees: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      'as-of': { type: 'string' },
      taxonomy: { type: 'string' },
      'bad-rows': { type: 'boolean', default: true },
      'no-bad-rows': { type: 'boolean', default: false },
      interviews: { type: 'string', default: 'sample' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  const integer = (name: string, raw: string | undefined, fallback: number): number => {
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw)) throw new Error(`--${name} must be a non-negative integer, got "${raw}"`);
    return Number(raw);
  };
  return {
    employees: integer('employees', values.employees, DEFAULTS.employees),
    seed: integer('seed', values.seed, DEFAULTS.seed),
    outDir: resolve(values.out ?? 'data/sample'),
    asOf: values['as-of'] ?? DEFAULTS.asOf,
    taxonomyPath: values.taxonomy ? resolve(values.taxonomy) : DEFAULTS.taxonomyPath,
    badRows: values['bad-rows'] && !values['no-bad-rows'],
    interviews: cadence(values.interviews),
  };
}

function cadence(raw: string): InterviewCadence {
  if (raw === 'sample' || raw === 'half-yearly') return raw;
  throw new Error(`--interviews must be sample or half-yearly, got "${raw}"`);
}

function main(): void {
  let options: GenerateOptions | null;
  try {
    options = parse(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  if (!options) {
    console.log(HELP);
    return;
  }
  const started = performance.now();
  let result: ReturnType<typeof generate>;
  try {
    result = generate(options);
  } catch (err) {
    console.error(`error: ${(err as Error).message}`);
    process.exitCode = 1;
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const { company } = result;
  console.log(`株式会社みなと精機: ${company.people.length} employees, seed ${options.seed}, as of ${options.asOf} → ${options.outDir}`);
  for (const f of result.files) {
    console.log(`  ${f.file.padEnd(22)} ${String(f.rows).padStart(7)} rows ${String(f.lines).padStart(8)} lines ${String(f.bytes).padStart(11)} bytes  (${f.encoding})`);
  }
  const weak = company.positions.filter((p) => p.weak).length;
  console.log(`  key positions: ${company.positions.length} (${weak} without a strong successor); skill-map columns: ${company.columns.length}`);
  if (result.badRows.length > 0) {
    console.log('  planted bad rows (also in BAD_ROWS.md):');
    for (const b of result.badRows) console.log(`    ${b.file}:${b.line} ${b.column}=${b.value}  ${b.reason}`);
  } else {
    console.log('  no bad rows planted');
  }
  console.log(`  done in ${seconds}s`);
}

main();
