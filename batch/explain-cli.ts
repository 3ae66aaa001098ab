import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LANGS, type Lang } from '../site/lib/i18n/index.ts';
import { nextStepWords, wordingContext } from '../site/lib/next-step.ts';
import { loadConfig } from './config/load-config.ts';
import { duckdbSettings, lit, openDb, type Db } from './db.ts';
import { CliError, EXIT, runCommand } from './errors.ts';
import { explainCandidate, type Explanation } from './explain.ts';
import { TABLES } from './model/tables.ts';
import { DB_FILE } from './publish/atomic-publish.ts';
import { pseudonym } from './publish/pseudonym.ts';

const USAGE = `Usage: npm run explain -- --position <id> --employee <id> [--config <file>] [--out <dir>] [--lang ja|en] [--json]

Explains one successor candidate of one key position from the published DuckDB file: the score's components
with the inputs behind each (evaluations, potential, every required skill's level and its source, grades and
tenure, aspirations) and where each came from (file:line, interview id), the rank on the slate, the readiness
test and the smallest change that would move the candidate up one category — the same result the position's
page shows. For someone not on the slate, why not. Reads only; nothing is recomputed.

  --position <id>   key_positions.position_id (e.g. KP-003)
  --employee <id>   employees.employee_id, or the pseudonym (P-…) the site shows under privacy.pseudonymize_ids
  --config <file>   the YAML config (default: talent-atlas.config.yaml)
  --out <dir>       the output folder holding ${DB_FILE} (default: output.dir of the config)
  --lang ja|en      language of the readiness lines, as on the site (default: ja)
  --json            the explanation as JSON instead of text
  --help            this text`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        position: { type: 'string' }, employee: { type: 'string' }, config: { type: 'string', default: 'talent-atlas.config.yaml' },
        out: { type: 'string' }, lang: { type: 'string', default: 'ja' }, json: { type: 'boolean' }, help: { type: 'boolean' },
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
  const { position, employee } = args.values;
  if (!position || !employee) throw new CliError(`--position and --employee are both needed.\n\n${USAGE}`, EXIT.usage);
  const lang = args.values.lang as Lang;
  if (!LANGS.includes(lang)) throw new CliError(`--lang: expected ${LANGS.join(' or ')}, got "${args.values.lang}".`, EXIT.usage);
  const loaded = await loadConfig(args.values.config);
  const dbPath = join(args.values.out ?? loaded.resolvePath(loaded.config.output.dir), DB_FILE);
  if (!existsSync(dbPath)) throw new CliError(`${dbPath}: no published DuckDB file. Run the batch first (npm run batch), or give its output folder with --out.`, EXIT.input);
  const db = await openDb(dbPath, duckdbSettings(), { readOnly: true }).catch((e: Error) => {
    if (/lock/i.test(e.message)) throw new CliError(`${dbPath}: another program has the DuckDB file open for writing (${/PID \d+/.exec(e.message)?.[0] ?? 'another process'}). Close it, or wait for it to finish, and run explain again.`, EXIT.input);
    throw e;
  });
  try {
    await checkSchema(db, dbPath);
    const employeeId = await resolveEmployee(db, employee, loaded.pseudonymKey);
    const explanation = await explainCandidate(db, loaded.config, position, employeeId);
    const words = explanation.next_step ? nextStepWords(explanation.next_step, wordingContext(lang)) : null;
    process.stdout.write(args.values.json ? `${JSON.stringify({ ...explanation, words }, null, 2)}\n` : formatExplanation(explanation, lang));
  } finally {
    db.close();
  }
  return EXIT.ok;
}

/** A file an earlier version published lacks what explain reads: say so rather than fail on a missing column. */
async function checkSchema(db: Db, dbPath: string): Promise<void> {
  const wanted = TABLES.map((t) => t.columns.map((c) => `${t.name}.${c[0]}`)).flat();
  const have = new Set((await db.all<{ c: string }>(`SELECT table_name || '.' || column_name AS c FROM duckdb_columns() WHERE database_name = current_database()`)).map((r) => r.c));
  const missing = wanted.filter((c) => !have.has(c));
  if (missing.length) {
    throw new CliError(`${dbPath} was written by an earlier version of Talent Atlas (it lacks ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}). Run the batch again, then explain.`, EXIT.input);
  }
}

/** An HRIS id as given, else the person whose pseudonym it is (the site shows pseudonyms). */
async function resolveEmployee(db: Db, id: string, key: string | null): Promise<string> {
  const known = await db.all(`SELECT 1 FROM employees WHERE employee_id = ${lit(id)}`);
  if (known.length || key === null || !id.startsWith('P-')) return id;
  for await (const rows of db.stream<{ employee_id: string }>(`SELECT employee_id FROM employees`)) {
    const match = rows.find((r) => pseudonym(key, r.employee_id) === id);
    if (match) return match.employee_id;
  }
  return id;
}

/** The explanation as text: framing in English like the other commands, the readiness lines in the site's words. */
function formatExplanation(x: Explanation, lang: Lang): string {
  const ctx = wordingContext(lang);
  const who = (p: { employee_id: string; name: string | null }) => (p.name ? `${p.employee_id} ${p.name}` : p.employee_id);
  const out: string[] = [];
  const p = x.position;
  out.push(`${p.position_id} ${p.title}${p.department ? ` (${p.department})` : ''} — ${p.origin}`);
  out.push(p.incumbent ? `  incumbent: ${who(p.incumbent)}, grade ${p.incumbent.grade ?? 'unknown'} — ${p.incumbent.origin}` : '  vacant');
  const c = x.candidate;
  out.push(`${who(c)}${c.department ? `, ${c.department}` : ''}, grade ${c.grade ?? 'unknown'}, ${c.status} — ${c.origin}`, '');
  if (!x.slate) {
    out.push('Not on the slate:', ...x.not_on_slate.map((r) => `  ${r}`), '');
    return out.join('\n');
  }
  const s = x.slate;
  out.push(`On the slate: rank ${s.rank} of ${s.size} (by score, ties by employee id), score ${s.score.toFixed(1)}, readiness ${ctx.f.readiness(s.readiness as never)}`);
  out.push(`  reach: ${s.reach} (fit ${s.reach_fit} on the position's function-specific skills)`);
  out.push(`  on ${s.slates} slate${s.slates === 1 ? '' : 's'}; ${s.holds_position ? `holds key position ${s.holds_position}` : 'holds no key position'}; emergency cover of ${s.covers.length ? s.covers.join(', ') : 'none'}`, '');
  out.push('Components (points = weight ÷ Σ weights × value × 100):');
  for (const comp of x.components) {
    out.push(`  ${comp.name.padEnd(12)} weight ${String(comp.weight).padEnd(5)} value ${String(comp.value).padEnd(7)} points ${comp.points}`);
    for (const line of comp.inputs) out.push(`      ${line}`);
  }
  out.push(`  score ${s.score.toFixed(1)}`, '');
  if (x.next_step) {
    const words = nextStepWords(x.next_step, ctx);
    out.push('Readiness:', `  ${words.test}`);
    if (words.change) out.push(`  ${words.change}`);
    out.push('');
  }
  return out.join('\n');
}

runCommand(() => main(process.argv.slice(2)), 'explain failed unexpectedly (it only reads; nothing was changed).');
