import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { Config } from '../../schemas/config.ts';
import { CliError, EXIT } from '../errors.ts';

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the config file. */
  file: string;
  /** Resolves a path written in the config (relative to the config file). */
  resolvePath(p: string): string;
  /** The file's text, part of the input hash. */
  text: string;
  /** The key of published pseudonyms (privacy.pseudonymize_ids), or null when ids are published as they are. */
  pseudonymKey: string | null;
}

export const PSEUDONYM_KEY_ENV = 'TALENT_ATLAS_PSEUDONYM_KEY';
const MIN_KEY_LENGTH = 16;

/**
 * The pseudonym key: the environment first (a secret is better kept out of a file that is versioned and
 * hashed), else privacy.pseudonym_key. Pseudonyms without a key would be a plain hash anyone could reverse
 * by hashing every employee id, so a missing key stops the run before anything is read.
 */
export function pseudonymKeyOf(config: Config, env: NodeJS.ProcessEnv, file: string): string | null {
  if (!config.privacy.pseudonymize_ids) return null;
  const fromEnv = env[PSEUDONYM_KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_KEY_LENGTH) {
      throw new CliError(`${PSEUDONYM_KEY_ENV}: the pseudonym key is ${fromEnv.length} characters long; use at least ${MIN_KEY_LENGTH} random characters.`, EXIT.config);
    }
    return fromEnv;
  }
  if (config.privacy.pseudonym_key) return config.privacy.pseudonym_key;
  throw new CliError(
    `${file}: privacy.pseudonymize_ids is true but no pseudonym key is set: set the environment variable ${PSEUDONYM_KEY_ENV} ` +
      `(preferred: the key stays out of the config file) or privacy.pseudonym_key, at least ${MIN_KEY_LENGTH} random characters. ` +
      'Keep the key: another key gives everyone new pseudonyms.',
    EXIT.config,
  );
}

/** One `key.path: message` line per problem, as people fix them: in the file's order. */
export function formatConfigIssues(file: string, issues: z.core.$ZodIssue[]): string {
  const lines = issues.map((i) => `  ${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
  return `${file}: the config is not valid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}\nSee the README's "Config" section for every key.`;
}

export function parseConfigText(text: string, file: string): Config {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const where = e.linePos?.[0] ? `:${e.linePos[0].line}:${e.linePos[0].col}` : '';
    throw new CliError(`${file}${where}: this is not valid YAML: ${e.message.split('\n')[0]}`, EXIT.config);
  }
  const parsed = Config.safeParse(doc.toJS());
  if (!parsed.success) throw new CliError(formatConfigIssues(file, parsed.error.issues), EXIT.config);
  const employees = parsed.data.sources.filter((s) => s.kind === 'employees');
  if (employees.length !== 1) {
    throw new CliError(`${file}: sources: exactly one source of kind "employees" is needed, found ${employees.length}.`, EXIT.config);
  }
  return parsed.data;
}

export async function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): Promise<LoadedConfig> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read the config file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}. Pass it with --config <file>.`, EXIT.config);
  }
  const config = parseConfigText(text, file);
  const base = dirname(file);
  return { config, file, text, resolvePath: (p) => resolve(base, p), pseudonymKey: pseudonymKeyOf(config, env, file) };
}
