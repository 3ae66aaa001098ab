import { EXIT, runCommand } from './errors.ts';
import { parseRunArgs } from './run-args.ts';
import { consoleLogger, formatDuration } from './log.ts';
import { runBatch } from './pipeline.ts';
import { formatSummary } from './summary.ts';

const USAGE = `Usage: npm run batch -- --config <file> [--out <dir>] [--as-of YYYY-MM-DD] [--accept-rejects] [--accept-drop]

Runs the nightly job: ingest the exports named in the config → normalize into DuckDB → tag → score →
publish <out>/talent.duckdb and <out>/artifacts/ (atomically: a failed run leaves the last outputs as they were).

  --config <file>   the YAML config (default: talent-atlas.config.yaml)
  --out <dir>       output folder (default: output.dir of the config)
  --as-of <date>    reference date (default: as_of of the config, else today)
  --accept-rejects  publish this once although an export's reject rate is over its max_reject_rate
  --accept-drop     publish this once although the headcount fell more than breakers.max_headcount_drop
  --help            this text

Exit codes: 0 done, 1 failed, 2 wrong arguments, 3 config problem, 4 input problem (a broken export, or a
breaker that tripped: nothing was published).`;

async function main(argv: string[]): Promise<number> {
  const args = parseRunArgs(argv, USAGE);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const t0 = performance.now();
  const log = consoleLogger();
  const summary = await runBatch({ configPath: args.config, outDir: args.out, asOf: args.asOf, log, accept: args.accept });
  process.stdout.write(`${formatSummary(summary)}\n`);
  log.info(`done in ${formatDuration(performance.now() - t0)}`);
  return EXIT.ok;
}

runCommand(() => main(process.argv.slice(2)), "the batch failed unexpectedly; nothing was published and last night's outputs are untouched.");
