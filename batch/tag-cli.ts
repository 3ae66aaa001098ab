import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createAiRuntime } from './ai/ai-runtime.ts';
import { aiJob, type AiJob, type JobResult } from './ai/scheduler.ts';
import type { TaskName } from '../schemas/ai-tasks.ts';
import { loadConfig } from './config/load-config.ts';
import { EMPLOYEE_MASK, INTERVIEWER_MASK } from './ai/masking.ts';
import { loadTaggingContext } from './pipeline.ts';
import { interviewInput } from './tagging/tag-lines.ts';
import { CliError, EXIT } from './errors.ts';
import { loadTaxonomy } from './ingest/load-taxonomy.ts';
import { consoleLogger } from './log.ts';

const USAGE = `Usage: npm run tag -- [--config <file>] [<file.jsonl>]

Reads JSON lines {"text": "…", "held_on": "YYYY-MM-DD", "employee_id": "…", "interviewer_id": "…"} (all but text
optional) from the file or standard input and prints, one JSON line per input, what each text task produces with
the configured provider and taxonomy: skill_tags, interview_insight and comment_quality. Try the taxonomy and the
prompts on your own texts before a nightly run, or measure tagging quality on a labelled set.

The configured employee export is loaded as the batch loads it: with an external provider, the names of its
people are masked before any text leaves the machine (the interviewer as 〔面談者〕, the person as 〔本人〕).`;

const Line = z
  .strictObject({ text: z.string().min(1), held_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), employee_id: z.string().optional(), interviewer_id: z.string().optional() })
  .passthrough();

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
  // Names to mask and position titles come from this config's exports, read now: never from an older run.
  const { people, positionTitles } = await loadTaggingContext({ configPath: args.values.config, log });
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const calendar = { fiscalYearStartMonth: config.company.fiscal_year_start_month, cycleMonths: config.interviews.cycle_months };
  const cacheDir = config.ai.cache_dir ? loaded.resolvePath(config.ai.cache_dir) : join(outDir, 'cache');
  const ai = await createAiRuntime({ config, taxonomy, log, cacheDir, positionTitles, people });
  const model = `${ai.provider.name}/${ai.provider.model}`;
  const input = args.positionals[0] ? createReadStream(args.positionals[0]) : process.stdin;
  let lineNo = 0;
  let namesMasked = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    lineNo++;
    if (!raw.trim()) continue;
    let parsed;
    try {
      parsed = Line.parse(JSON.parse(raw));
    } catch (e) {
      throw new CliError(`${args.positionals[0] ?? 'stdin'}:${lineNo}: expected a JSON line like {"text": "…"}: ${(e as Error).message.split('\n')[0]}`, EXIT.input);
    }
    const masked = ai.masker?.mask(parsed.text, { interviewer: parsed.interviewer_id, employee: parsed.employee_id }) ?? null;
    if (masked) namesMasked += masked.masked;
    const text = masked?.text ?? parsed.text;
    const heldOn = parsed.held_on ?? new Date().toISOString().slice(0, 10);
    const [interviewer, employee] = masked
      ? [INTERVIEWER_MASK, EMPLOYEE_MASK]
      : [nameOf.get(parsed.interviewer_id ?? '') ?? null, nameOf.get(parsed.employee_id ?? '') ?? null];
    const job = <T extends TaskName>(task: T, inp: AiJob<T>['input']) => aiJob(task, model, inp);
    const [tags, insight, quality] = await Promise.all([
      ai.scheduler.run([job('skill_tags', { text })]),
      ai.scheduler.run([job('interview_insight', interviewInput(text, heldOn, interviewer, employee, calendar))]),
      ai.scheduler.run([job('comment_quality', { text })]),
    ]);
    const out = (r: JobResult<TaskName> | undefined) => (r?.status === 'done' ? r.output : { left_over: r?.reason ?? 'not run' });
    process.stdout.write(`${JSON.stringify({ line: lineNo, model, skill_tags: out(tags[0]), interview_insight: out(insight[0]), comment_quality: out(quality[0]) })}\n`);
  }
  // Said only of what happened: offline, nothing left the machine and nothing was masked.
  if (ai.masker) log.info(`names masked: ${namesMasked} in the ${lineNo} line(s) read (names of ${ai.masker.people} people from the employee export)`);
  return EXIT.ok;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(e instanceof CliError ? `error: ${e.message}\n` : `error: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(e instanceof CliError ? e.exitCode : EXIT.failed);
  },
);
