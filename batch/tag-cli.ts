import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createAiRuntime } from './ai/ai-runtime.ts';
import { aiJob, type AiJob, type JobResult } from './ai/scheduler.ts';
import type { TaskName } from '../schemas/ai-tasks.ts';
import { loadConfig } from './config/load-config.ts';
import { openDb } from './db.ts';
import { CliError, EXIT } from './errors.ts';
import { loadTaxonomy } from './ingest/load-taxonomy.ts';
import { consoleLogger } from './log.ts';

const USAGE = `Usage: npm run tag -- [--config <file>] [<file.jsonl>]

Reads JSON lines {"text": "…", "held_on": "YYYY-MM-DD" (optional)} from the file or standard input and prints,
one JSON line per input, what each text task produces with the configured provider and taxonomy:
skill_tags, interview_insight and comment_quality. Try the taxonomy and the prompts on your own texts before a
nightly run, or measure tagging quality on a labelled set.`;

const Line = z.strictObject({ text: z.string().min(1), held_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).passthrough();

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { config: { type: 'string', default: 'talent-atlas.config.yaml' }, help: { type: 'boolean' } } });
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n\n${USAGE}`, EXIT.usage);
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const loaded = await loadConfig(args.values.config);
  const { config } = loaded;
  const log = consoleLogger();
  const taxonomy = await loadTaxonomy(loaded.resolvePath(config.taxonomy), config.taxonomy);
  const outDir = loaded.resolvePath(config.output.dir);
  // Names to mask and position titles come from the last published DuckDB file, when there is one.
  const published = join(outDir, 'talent.duckdb');
  let people: Array<{ name: string | null }> = [];
  let positionTitles: string[] = [];
  if (existsSync(published)) {
    const db = await openDb(published);
    try {
      people = await db.all(`SELECT name FROM employees WHERE name IS NOT NULL`);
      positionTitles = (await db.all<{ title: string }>(`SELECT title FROM key_positions ORDER BY position_id`)).map((r) => r.title);
    } finally {
      db.close();
    }
  }
  const cacheDir = config.ai.cache_dir ? loaded.resolvePath(config.ai.cache_dir) : join(outDir, 'cache');
  const ai = await createAiRuntime({ config, taxonomy, log, cacheDir, positionTitles, people });
  const model = `${ai.provider.name}/${ai.provider.model}`;
  const input = args.positionals[0] ? createReadStream(args.positionals[0]) : process.stdin;
  let lineNo = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    lineNo++;
    if (!raw.trim()) continue;
    let parsed;
    try {
      parsed = Line.parse(JSON.parse(raw));
    } catch (e) {
      throw new CliError(`${args.positionals[0] ?? 'stdin'}:${lineNo}: expected a JSON line like {"text": "…"}: ${(e as Error).message.split('\n')[0]}`, EXIT.input);
    }
    const text = ai.mask(parsed.text);
    const heldOn = parsed.held_on ?? new Date().toISOString().slice(0, 10);
    const job = <T extends TaskName>(task: T, inp: AiJob<T>['input']) => aiJob(task, model, inp);
    const [tags, insight, quality] = await Promise.all([
      ai.scheduler.run([job('skill_tags', { text })]),
      ai.scheduler.run([job('interview_insight', { text, held_on: heldOn })]),
      ai.scheduler.run([job('comment_quality', { text })]),
    ]);
    const out = (r: JobResult<TaskName> | undefined) => (r?.status === 'done' ? r.output : { left_over: r?.reason ?? 'not run' });
    process.stdout.write(`${JSON.stringify({ line: lineNo, model, skill_tags: out(tags[0]), interview_insight: out(insight[0]), comment_quality: out(quality[0]) })}\n`);
  }
  return EXIT.ok;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(e instanceof CliError ? `error: ${e.message}\n` : `error: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(e instanceof CliError ? e.exitCode : EXIT.failed);
  },
);
