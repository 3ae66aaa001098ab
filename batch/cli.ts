import { parseArgs } from 'node:util';
import { CliError, EXIT } from './errors.ts';
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
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        config: { type: 'string', default: 'talent-atlas.config.yaml' }, out: { type: 'string' }, 'as-of': { type: 'string' },
        'accept-rejects': { type: 'boolean' }, 'accept-drop': { type: 'boolean' }, help: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n\n${USAGE}`, EXIT.usage);
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const asOf = args.values['as-of'];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new CliError(`--as-of: expected YYYY-MM-DD, got "${asOf}".`, EXIT.usage);
  const t0 = performance.now();
  const log = consoleLogger();
  const accept = { rejects: args.values['accept-rejects'] === true, drop: args.values['accept-drop'] === true };
  const summary = await runBatch({ configPath: args.values.config, outDir: args.values.out, asOf, log, accept });
  process.stdout.write(`${formatSummary(summary)}\n`);
  log.info(`done in ${formatDuration(performance.now() - t0)}`);
  return EXIT.ok;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof CliError) {
      process.stderr.write(`error: ${e.message}\n`);
      process.exit(e.exitCode);
    }
    process.stderr.write(`error: the batch failed unexpectedly; nothing was published and last night's outputs are untouched.\n${(e as Error).stack ?? String(e)}\n`);
    process.exit(EXIT.failed);
  },
);
