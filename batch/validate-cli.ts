import { EXIT, runCommand } from './errors.ts';
import { parseRunArgs } from './run-args.ts';
import { consoleLogger } from './log.ts';
import { validateExports } from './pipeline.ts';
import { formatValidation } from './summary.ts';

const USAGE = `Usage: npm run validate -- --config <file> [--out <dir>] [--as-of YYYY-MM-DD] [--accept-rejects] [--accept-drop]

Reads the config and every export, and runs every check the batch runs before publishing (encodings, the
structure of every record, dates, scales, ids, the breakers against the last published run in <out>), then
prints the report the batch would print. Writes nothing.

  --config <file>   the YAML config (default: talent-atlas.config.yaml)
  --out <dir>       output folder whose last published run the headcount breaker compares with (default: output.dir)
  --as-of <date>    reference date (default: as_of of the config, else today)
  --accept-rejects, --accept-drop   as for the batch
  --help            this text

Exit codes as the batch: 0 the exports would load and publish, 2 wrong arguments, 3 config problem,
4 input problem (a broken export, or a breaker that would trip).`;

async function main(argv: string[]): Promise<number> {
  const args = parseRunArgs(argv, USAGE);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const report = await validateExports({ configPath: args.config, outDir: args.out, asOf: args.asOf, log: consoleLogger(), accept: args.accept });
  process.stdout.write(`${formatValidation(report)}\n`);
  return EXIT.ok;
}

runCommand(() => main(process.argv.slice(2)), 'validation failed unexpectedly (nothing was written).');
