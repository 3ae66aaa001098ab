import { parseArgs } from 'node:util';
import { CliError, EXIT } from './errors.ts';
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
  const accept = { rejects: args.values['accept-rejects'] === true, drop: args.values['accept-drop'] === true };
  const report = await validateExports({ configPath: args.values.config, outDir: args.values.out, asOf, log: consoleLogger(), accept });
  process.stdout.write(`${formatValidation(report)}\n`);
  return EXIT.ok;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof CliError) {
      process.stderr.write(`error: ${e.message}\n`);
      process.exit(e.exitCode);
    }
    process.stderr.write(`error: validation failed unexpectedly (nothing was written).\n${(e as Error).stack ?? String(e)}\n`);
    process.exit(EXIT.failed);
  },
);
