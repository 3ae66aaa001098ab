import { parseArgs } from 'node:util';
import type { Acceptance } from './breakers.ts';
import { CliError, EXIT } from './errors.ts';

/** What `batch` and `validate` are told on their command line. */
export interface RunArgs {
  config: string;
  out: string | undefined;
  asOf: string | undefined;
  accept: Acceptance;
  help: boolean;
}

/** The options `npm run batch` and `npm run validate` share; a wrong one is exit 2 with the usage text. */
export function parseRunArgs(argv: string[], usage: string): RunArgs {
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
    throw new CliError(`${(e as Error).message}\n\n${usage}`, EXIT.usage);
  }
  const asOf = args.values['as-of'];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new CliError(`--as-of: expected YYYY-MM-DD, got "${asOf}".`, EXIT.usage);
  return {
    config: args.values.config,
    out: args.values.out,
    asOf,
    accept: { rejects: args.values['accept-rejects'] === true, drop: args.values['accept-drop'] === true },
    help: args.values.help === true,
  };
}
