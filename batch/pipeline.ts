import { appendFile, mkdir, rm, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import type { Notice, Runs } from '../schemas/artifacts.ts';
import type { Source } from '../schemas/config.ts';
import type { Taxonomy } from '../schemas/taxonomy.ts';
import { loadConfig, type LoadedConfig } from './config/load-config.ts';
import { checkTaxonomyReferences } from './config/taxonomy-references.ts';
import type { StageContext } from './context.ts';
import { lit, openDb, type Db } from './db.ts';
import { CliError, EXIT } from './errors.ts';
import { hashInputs } from './input-hash.ts';
import { dropRawTable, loadSource, prepareAhead, requireColumns, type RawTable } from './ingest/load-source.ts';
import { loadTaxonomy } from './ingest/load-taxonomy.ts';
import { formatDuration, type Logger } from './log.ts';
import { PROMPT_VERSIONS } from './ai/prompts.ts';
import { createTablesSql, TABLES } from './model/tables.ts';
import { normalizeEmployees } from './normalize/employees.ts';
import { normalizeEvaluations } from './normalize/evaluations.ts';
import { normalizeInterviews } from './normalize/interviews.ts';
import type { TranscriptFolder } from './normalize/interview-transcripts.ts';
import { normalizeKeyPositions } from './normalize/key-positions.ts';
import { levelMaxOf, normalizeSkillMatrix } from './normalize/skill-matrix.ts';
import { normalizeSkillList } from './normalize/skill-list.ts';
import { createSkillVocabulary, type SkillVocabulary } from './normalize/skill-vocabulary.ts';
import { readUnmatchedSkills, registerCompanySkills, type UnmatchedSkill } from './normalize/unmatched-skills.ts';
import { conflictingStylesSql, warekiMacroSql } from './normalize/sql-expressions.ts';
import { ARTIFACTS_LINK, DB_FILE, publishStaged } from './publish/atomic-publish.ts';
import { buildArtifacts, type SourceStats } from './publish/build-artifacts.ts';
import { carryOverHistory, lastPublishedHeadcount, readRuns } from './publish/history.ts';
import { breakerError, headcountTrip, rejectRateTrips, type Acceptance, type RejectExample } from './breakers.ts';
import { writeArtifacts, writeRuns } from './publish/write-artifacts.ts';
import { aiLeftOverNotice, emptyExportNotice, missingSourceNotices, noticeSentence } from './notices.ts';
import { openRejectSink, type RejectSink } from './rejects.ts';
import { computePersonScores } from './scoring/person-scores.ts';
import { scoreSuccession } from './scoring/succession.ts';
import { scoreTalentPools } from './scoring/talent-pools.ts';
import { createAiRuntime } from './ai/ai-runtime.ts';
import type { Person } from './ai/masking.ts';
import type { Clock } from './ai/clock.ts';
import type { SchedulerStats } from './ai/scheduler.ts';
import { runDevelopmentPlans } from './tagging/run-development-plans.ts';
import { runTextTasks } from './tagging/run-tagging.ts';

export interface RunOptions {
  configPath: string;
  log: Logger;
  /** Overrides config.output.dir (tests write to a temp folder). */
  outDir?: string;
  /** Overrides config.as_of. */
  asOf?: string;
  /** The clock, passed in so tests control run ids. */
  now?: () => Date;
  /** Environment for the AI provider (OPENAI_API_KEY, OPENAI_BASE_URL); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Clock of the AI scheduler (rate limits, backoff); default real time. */
  clock?: Clock;
  /** Told each stage's time as it ends (the benchmark reads stage times even from a run that fails later). */
  onStage?: (name: string, ms: number) => void;
  /** Breakers accepted for this run (`--accept-rejects`, `--accept-drop`). */
  accept?: Acceptance;
}

export interface RunSummary {
  runId: string;
  asOf: string;
  outDir: string;
  dbPath: string;
  artifactsDir: string;
  counts: Record<string, number>;
  sources: SourceStats[];
  rejects: { total: number; rows: Array<{ source_file: string; line: number; column: string | null; reason: string; action: string }> };
  /** Skill names the taxonomy and skill_aliases do not know, once each, and what became of them. */
  unmatchedSkills: UnmatchedSkill[];
  unknownSkills: 'add' | 'reject';
  notices: Notice[];
  timingsMs: Record<string, number>;
  /** The AI stage: who answered and what it cost. */
  ai: { provider: string; model: string; stats: SchedulerStats; leftOver: number };
}

const ORDER: Source['kind'][] = ['employees', 'skill_matrix', 'skill_list', 'evaluations', 'interviews', 'key_positions'];

export function runIdOf(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('.', '');
}

/** The whole nightly job: ingest → normalize → tag → score → publish. Nothing is published unless all of it succeeds. */
export async function runBatch(opts: RunOptions): Promise<RunSummary> {
  const now = opts.now ?? (() => new Date());
  const started = now();
  const runId = runIdOf(started);
  const loaded = await loadConfig(opts.configPath, opts.env ?? process.env);
  const { config } = loaded;
  const asOf = opts.asOf ?? config.as_of ?? started.toISOString().slice(0, 10);
  const outDir = opts.outDir ?? loaded.resolvePath(config.output.dir);
  const stagingDir = join(outDir, `.staging-${runId}`);
  const log = opts.log;
  log.info(`talent-atlas run ${runId}: ${config.company.name}, as of ${asOf}, config ${loaded.file}`);
  await mkdir(stagingDir, { recursive: true });
  let db: Db | null = null;
  try {
    db = await openDb(join(stagingDir, DB_FILE));
    const ctx: StageContext = { db, log, config, runId, asOf };
    const cacheDir = config.ai.cache_dir ? loaded.resolvePath(config.ai.cache_dir) : join(outDir, 'cache');
    const result = await runStages(ctx, loaded, { started, now, outDir, cacheDir, env: opts.env, clock: opts.clock, onStage: opts.onStage, accept: opts.accept ?? {} });
    db.close();
    db = null;
    const writing = performance.now();
    await writeArtifacts(join(stagingDir, ARTIFACTS_LINK), result.artifacts, { company: config.company.name, asOf, inputHash: result.inputHash, ids: config.privacy.pseudonymize_ids ? 'pseudonym' : 'employee_id' });
    await writeRuns(join(stagingDir, ARTIFACTS_LINK), result.runs);
    const published = await publishStaged(outDir, stagingDir, runId);
    opts.onStage?.('write', Math.round(performance.now() - writing));
    await appendRunLog(outDir, { run_id: runId, status: 'succeeded', as_of: asOf, input_hash: result.inputHash, rejects: result.summary.rejects.total });
    return { ...result.summary, runId, asOf, outDir, dbPath: published.db, artifactsDir: published.artifacts };
  } catch (e) {
    db?.close();
    await rm(stagingDir, { recursive: true, force: true });
    await appendRunLog(outDir, { run_id: runId, status: 'failed', as_of: asOf, error: (e as Error).message }).catch(() => {});
    throw e;
  }
}

/** What `validate` found: the run's load report, with nothing written. */
export interface ValidationReport {
  asOf: string;
  counts: Record<string, number>;
  sources: SourceStats[];
  rejects: RunSummary['rejects'];
  unmatchedSkills: UnmatchedSkill[];
  unknownSkills: 'add' | 'reject';
  notices: Notice[];
}

/** The unified tables `validate` reports on (what the exports fill). */
const LOADED_TABLES = ['employees', 'departments', 'skills', 'employee_skills', 'skill_assessments', 'evaluations', 'interviews', 'key_positions', 'key_position_skills'];

/**
 * `npm run validate`: every export read, checked and normalized as the batch does it, into an in-memory
 * DuckDB, and the breakers checked against the last published run; nothing is written. Throws as the batch
 * would (exit 3 for the config, 4 for a broken export or a tripped breaker).
 */
export async function validateExports(opts: { configPath: string; log: Logger; outDir?: string; asOf?: string; accept?: Acceptance; env?: NodeJS.ProcessEnv; now?: () => Date }): Promise<ValidationReport> {
  const loaded = await loadConfig(opts.configPath, opts.env ?? process.env);
  const { config } = loaded;
  const asOf = opts.asOf ?? config.as_of ?? (opts.now ?? (() => new Date()))().toISOString().slice(0, 10);
  const outDir = opts.outDir ?? loaded.resolvePath(config.output.dir);
  opts.log.info(`talent-atlas validate: ${config.company.name}, as of ${asOf}, config ${loaded.file} (nothing is written)`);
  const db = await openDb(':memory:');
  try {
    const ctx: StageContext = { db, log: opts.log, config, runId: 'validate', asOf };
    const { stats, empty } = await loadExports(ctx, loaded, { outDir, accept: opts.accept ?? {}, stage: stageTimer().stage });
    const counts: Record<string, number> = {};
    for (const t of LOADED_TABLES) counts[t] = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${t}`)).n;
    const rows = await rejectRows(db);
    return {
      asOf, counts, sources: stats, rejects: { total: rows.length, rows }, unmatchedSkills: await readUnmatchedSkills(db), unknownSkills: config.unknown_skills,
      notices: [...missingSourceNotices(config.sources), ...empty],
    };
  } finally {
    db.close();
  }
}

/**
 * What `npm run tag` needs of the exports, loaded the way the batch loads them: the people whose names are
 * masked before a text leaves the machine (the employee export) and the key-position titles (the key-positions
 * export). Nothing is written; the breakers are not asked (no run is published).
 */
export async function loadTaggingContext(opts: { configPath: string; log: Logger; env?: NodeJS.ProcessEnv }): Promise<{ people: Person[]; positionTitles: string[] }> {
  const loaded = await loadConfig(opts.configPath, opts.env ?? process.env);
  const sources = loaded.config.sources.filter((s) => s.kind === 'employees' || s.kind === 'key_positions');
  const partial = { ...loaded, config: { ...loaded.config, sources } };
  const db = await openDb(':memory:');
  try {
    const ctx: StageContext = { db, log: opts.log, config: partial.config, runId: 'tag', asOf: loaded.config.as_of ?? new Date().toISOString().slice(0, 10) };
    await loadExports(ctx, partial, { outDir: join(tmpdir(), 'talent-atlas-no-published-run'), accept: { rejects: true, drop: true }, stage: stageTimer().stage });
    return {
      people: await db.all<Person>(`SELECT employee_id AS id, name FROM employees WHERE name IS NOT NULL ORDER BY employee_id`),
      positionTitles: (await db.all<{ title: string }>(`SELECT title FROM key_positions ORDER BY position_id`)).map((r) => r.title),
    };
  } finally {
    db.close();
  }
}

async function appendRunLog(outDir: string, entry: Record<string, unknown>): Promise<void> {
  await appendFile(join(outDir, 'runs.jsonl'), `${JSON.stringify(entry)}\n`);
}

type Stage = <T>(name: string, work: () => Promise<T>) => Promise<T>;

function stageTimer(onStage?: (name: string, ms: number) => void): { timings: Record<string, number>; stage: Stage } {
  const timings: Record<string, number> = {};
  const stage: Stage = async (name, work) => {
    const t = performance.now();
    const r = await work();
    timings[name] = Math.round(performance.now() - t);
    onStage?.(name, timings[name]);
    return r;
  };
  return { timings, stage };
}

/**
 * Ingest and normalize every export into the unified tables, then the breakers: what `validate` runs in full
 * and the batch runs first. Throws (exit 4) when an export is broken or a breaker trips.
 */
async function loadExports(ctx: StageContext, loaded: LoadedConfig, run: { outDir: string; accept: Acceptance; stage: Stage }) {
  const { db, log, config, runId } = ctx;
  const { stage } = run;
  const shown = (p: string) => relative(process.cwd(), loaded.resolvePath(p)) || p;

  await db.run(createTablesSql());
  await db.run(warekiMacroSql());
  await checkDateStyles(ctx, loaded.file);

  const taxonomyPath = loaded.resolvePath(config.taxonomy);
  const taxonomy = await stage('taxonomy', () => loadTaxonomy(taxonomyPath, shown(config.taxonomy)));
  checkTaxonomyReferences(config, taxonomy, { configFile: loaded.file, taxonomyFile: shown(config.taxonomy) });
  const vocabulary = createSkillVocabulary(taxonomy, config.skill_aliases, config.unknown_skills);
  await insertTaxonomy(db, vocabulary.taxonomy);
  log.info(`taxonomy ${shown(config.taxonomy)} → ${taxonomy.length} skills${Object.keys(config.skill_aliases).length ? `, ${Object.keys(config.skill_aliases).length} skill_aliases` : ''}`);

  const sources = [...config.sources].map((s, i) => ({ s, i })).sort((a, b) => ORDER.indexOf(a.s.kind) - ORDER.indexOf(b.s.kind) || a.i - b.i);
  for (const { s, i } of sources) {
    await stat(loaded.resolvePath(s.path)).catch(() => {
      throw new CliError(`${shown(s.path)}: the export does not exist (sources.${i}.path in ${loaded.file}).`, EXIT.input);
    });
    if (s.kind === 'interviews' && s.transcripts) {
      const dir = s.transcripts.dir;
      if (!(await stat(loaded.resolvePath(dir)).then((d) => d.isDirectory(), () => false))) {
        throw new CliError(`${shown(dir)}: the transcripts folder does not exist or is not a folder (sources.${i}.transcripts.dir in ${loaded.file}).`, EXIT.input);
      }
    }
  }

  const empty: Notice[] = [];
  const indexOf = new Map<string, number>();
  const refs = sources.map(({ s, i }) => ({ path: loaded.resolvePath(s.path), sourceFile: s.path, source: s, key: `sources.${i}` }));
  const ahead = prepareAhead(refs);
  // One export on a connection of its own (its raw and stage tables are temp tables of that connection),
  // normalized once `ready` (the employee list it is checked against) is loaded.
  const loadOne = async (k: number, ready: Promise<unknown>): Promise<SourceStats> => {
    const { s, i } = sources[k]!;
    const t0 = performance.now();
    const own = await db.fork();
    let rejects: RejectSink | null = null;
    try {
      rejects = await openRejectSink(own, runId);
      const sink = rejects;
      const raw = await stage(`ingest:${i}`, () => loadSource(own, sink, { ...refs[k]!, table: `raw_${i}`, prepared: ahead.take(k) }));
      sink.flush();
      if (raw.records === 0) {
        if (s.kind === 'employees') {
          throw new CliError(`${shown(s.path)}: the employee list has a header but no records (sources.${i} in ${loaded.file}). A run without people would replace last night's outputs with empty ones: check the export.`, EXIT.input);
        }
        empty.push(emptyExportNotice(s.kind, s.path));
      }
      checkMapping(raw, s, i);
      await ready;
      const folder = s.kind === 'interviews' && s.transcripts ? { path: resolve(loaded.resolvePath(s.transcripts.dir)), shown: s.transcripts.dir } : null;
      const loadedRows = await stage(`normalize:${i}`, () => normalizeSource({ ...ctx, db: own }, raw, s, { vocabulary, rejects: sink, transcripts: folder }));
      const rejected = await own.one<{ n: number }>(`SELECT count(DISTINCT line)::INTEGER AS n FROM rejects WHERE source_file = ${lit(s.path)} AND action = 'row_rejected'`);
      await dropRawTable(own, raw);
      log.info(`load ${s.path} (${s.kind}, ${raw.encoding}) → ${raw.records} rows, ${loadedRows} ${s.kind === 'skill_matrix' || s.kind === 'skill_list' ? 'skill levels' : 'loaded'}, ${rejected.n} rejected in ${formatDuration(performance.now() - t0)}`);
      indexOf.set(s.path, i);
      return { source_file: s.path, kind: s.kind, rows: raw.records, loaded: loadedRows, rejected: rejected.n };
    } finally {
      rejects?.close();
      own.close();
    }
  };
  // The exports load side by side (much of a load is single-threaded in DuckDB, such as writing a table, so
  // two at once keep both cores busy); each is normalized once the employee list is, as every other export
  // is checked against its people and departments. The first failure in source order is the one reported.
  const stats = await stage('load', async () => {
    try {
      const isEmployees = (k: number) => sources[k]!.s.kind === 'employees';
      const employees = (async () => {
        const out: SourceStats[] = [];
        for (const k of sources.keys()) if (isEmployees(k)) out.push(await loadOne(k, Promise.resolve()));
        return out;
      })();
      const others = [...sources.keys()].filter((k) => !isEmployees(k)).map((k) => loadOne(k, employees));
      const settled = await Promise.allSettled([employees, ...others]);
      const failed = settled.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      return settled.flatMap((r) => (r as PromiseFulfilledResult<SourceStats | SourceStats[]>).value);
    } finally {
      await ahead.dispose();
    }
  });

  const companySkills = await registerCompanySkills(db);
  if (companySkills.length) log.info(`skills → ${companySkills.length} company skills the taxonomy does not list (see the summary)`);
  await checkBreakers(ctx, { stats, indexOf, previous: join(run.outDir, DB_FILE), accept: run.accept, configFile: loaded.file });
  return { taxonomy: [...vocabulary.taxonomy, ...companySkills], stats, empty };
}

async function runStages(ctx: StageContext, loaded: LoadedConfig, run: { started: Date; now: () => Date; outDir: string; cacheDir: string; env?: NodeJS.ProcessEnv; clock?: Clock; onStage?: (name: string, ms: number) => void; accept: Acceptance }) {
  const { db, log, config, runId, asOf } = ctx;
  const { timings, stage } = stageTimer(run.onStage);
  // Hashing reads every export once more: it runs beside the load and is awaited only when the run is recorded
  // (a failure, such as a missing export, is reported by the load itself).
  const hashing = hashInputs(loaded.text, [loaded.resolvePath(config.taxonomy), ...config.sources.map((s) => loaded.resolvePath(s.path))]);
  hashing.catch(() => {});
  const { taxonomy, stats, empty } = await loadExports(ctx, loaded, { outDir: run.outDir, accept: run.accept, stage });
  const counts: Record<string, number> = {};

  const notices = [...missingSourceNotices(config.sources), ...empty];
  for (const n of notices) log.warn(noticeSentence(n));

  const positions = await db.all<{ position_id: string; title: string }>(`SELECT position_id, title FROM key_positions ORDER BY position_id`);
  const ai = await createAiRuntime({
    config, taxonomy, log, cacheDir: run.cacheDir, env: run.env, clock: run.clock,
    positionTitles: positions.map((p) => p.title),
    people: await db.all<{ id: string; name: string | null }>(`SELECT employee_id AS id, name FROM employees WHERE name IS NOT NULL ORDER BY employee_id`),
  });
  const tagged = await stage('tagging', () => runTextTasks(ctx, { ...ai, taxonomy, positions }));
  log.info(
    `tag ${tagged.texts} texts with ${ai.provider.name}/${ai.provider.model} → ${tagged.inferredSkills} inferred skills, ${tagged.developmentNeeds} development needs, ${tagged.aspirations} aspirations, ` +
      `${tagged.insights} interview insights, ${tagged.commentsJudged} comments judged${tagged.leftOver ? `, ${tagged.leftOver} left for next night` : ''} in ${formatDuration(timings.tagging!)}`,
  );
  // Said only of what happened: offline, nothing left the machine and nothing was masked.
  if (ai.masker) log.info(`names masked: ${tagged.namesMasked} in ${tagged.textsMasked} of ${tagged.texts} texts sent to ${ai.provider.name}/${ai.provider.model}`);

  const scored = await stage('scoring', async () => {
    await computePersonScores(ctx);
    const pools = await scoreTalentPools(ctx);
    const slates = await scoreSuccession(ctx);
    return { pools, slates };
  });
  const plans = await stage('plans', () => runDevelopmentPlans(ctx, ai));
  if (config.ai.tasks.includes('development_plan')) log.info(`plan → ${plans.plans} development-plan drafts${plans.leftOver ? `, ${plans.leftOver} left for next night` : ''} in ${formatDuration(timings.plans!)}`);
  const aiStats = ai.scheduler.stats;
  // What the answers said that was not kept (also in the log): skill ids outside the taxonomy, evidence not in its text.
  const dropped = { out_of_taxonomy: tagged.outOfTaxonomy, unverified_evidence: tagged.unverified, plan_skills_out_of_taxonomy: plans.outOfTaxonomy };
  if (aiStats.stoppedBecause) log.warn(`AI stage stopped calling early: ${aiStats.stoppedBecause}; ${aiStats.leftOver} texts are in ai_backlog for the next night`);
  log.info(`score → ${scored.pools} people in the 9-box, ${scored.slates} successor candidates in ${formatDuration(timings.scoring!)}`);

  const levelMax = levelMaxOf(config);
  const leftOver = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ai_backlog`)).n;
  if (leftOver) notices.push(aiLeftOverNotice(leftOver, aiStats.stoppedBecause ?? null));
  const aiInfo = { provider: ai.provider.name, model: ai.provider.model, prompt_versions: PROMPT_VERSIONS, left_over: leftOver };
  // Earlier nights' runs and skill snapshots first: the skill map's trend reads them.
  await carryOverHistory(ctx, join(run.outDir, DB_FILE));
  const categoryOrder = [...new Set(taxonomy.map((s) => s.category))];
  const artifacts = await stage('artifacts', () =>
    buildArtifacts(ctx, { notices, sources: stats, levelMax, ai: aiInfo, categoryOrder, pseudonymKey: loaded.pseudonymKey }),
  );

  for (const t of TABLES) counts[t.name] = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${t.name}`)).n;
  const rejectList = await rejectRows(db);
  const inputHash = await hashing;
  const finished = run.now();
  await db.run(
    `INSERT INTO runs VALUES (${lit(runId)}, ${lit(run.started.toISOString())}::TIMESTAMP, ${lit(finished.toISOString())}::TIMESTAMP, DATE ${lit(asOf)}, 'succeeded', ${lit(loaded.file)}, ${lit(inputHash)}, ${lit(JSON.stringify(timings))}, ${lit(JSON.stringify({ tables: counts, rows_rejected_by_file: Object.fromEntries(stats.map((s) => [s.source_file, s.rejected])) }))}, ${aiStats.calls}, ${aiStats.promptTokens + aiStats.completionTokens}, ${aiStats.costUsd}, ${lit(JSON.stringify({ provider: ai.provider.name, model: ai.provider.model, prompt_versions: PROMPT_VERSIONS, ...aiStats, dropped }))})`,
  );
  counts.runs = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM runs`)).n;
  const runs: Runs = await readRuns(ctx);
  await db.run('CHECKPOINT');
  return {
    inputHash,
    artifacts,
    runs,
    summary: {
      counts, sources: stats, rejects: { total: rejectList.length, rows: rejectList }, notices, timingsMs: timings,
      unmatchedSkills: await readUnmatchedSkills(db), unknownSkills: config.unknown_skills,
      ai: { provider: ai.provider.name, model: ai.provider.model, stats: { ...aiStats }, leftOver },
    },
  };
}

/** Every reject of the run, in the order the summary lists them. */
function rejectRows(db: Db): Promise<RunSummary['rejects']['rows']> {
  return db.all<RunSummary['rejects']['rows'][number]>(`SELECT source_file, line, "column", reason, action FROM rejects ORDER BY source_file, line, "column" NULLS FIRST`);
}

/** Two configured date styles that read one string as two dates make every such date a guess: a config error. */
async function checkDateStyles(ctx: StageContext, configFile: string): Promise<void> {
  for (const [i, s] of ctx.config.sources.entries()) {
    const styles = s.date_formats.filter((f) => f !== 'wareki');
    for (const a of styles) {
      for (const b of styles) {
        if (a === b) continue;
        const [hit] = await ctx.db.all<{ written: string; meant: string; read: string }>(conflictingStylesSql(a, b));
        if (hit) {
          throw new CliError(
            `${configFile}: sources.${i}.date_formats: "${a}" and "${b}" read ${hit.written} as two different dates (${hit.meant} and ${hit.read}). Keep only the style the export uses.`,
            EXIT.config,
          );
        }
      }
    }
  }
}

/** Stops the run before anything is published when a breaker trips (see breakers.ts). */
async function checkBreakers(ctx: StageContext, o: { stats: SourceStats[]; indexOf: Map<string, number>; previous: string; accept: Acceptance; configFile: string }): Promise<void> {
  const { db, config } = ctx;
  const trips = rejectRateTrips(config, o.stats.map((s) => ({ ...s, index: o.indexOf.get(s.source_file)! })));
  const employees = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM employees`)).n;
  const drop = headcountTrip(config, await lastPublishedHeadcount(ctx, o.previous), employees);
  if (drop) trips.push(drop);
  if (trips.length === 0) return;
  const examples = new Map<string, { total: number; first: RejectExample[] }>();
  for (const t of trips) {
    if (!t.sourceFile) continue;
    const first = await db.all<RejectExample>(
      `SELECT line, "column", reason FROM rejects WHERE source_file = ${lit(t.sourceFile)} AND action = 'row_rejected' ORDER BY line, "column" NULLS FIRST LIMIT 5`,
    );
    const total = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM rejects WHERE source_file = ${lit(t.sourceFile)} AND action = 'row_rejected'`)).n;
    examples.set(t.sourceFile, { total, first });
  }
  const error = breakerError(trips, o.accept, o.configFile, examples);
  if (error) throw error;
  for (const t of trips) ctx.log.warn(`breaker accepted for this run (${t.flag}): ${t.what}`);
}

function checkMapping(raw: RawTable, s: Source, i: number): void {
  const cols: Array<[string, string]> = [];
  if ('columns' in s) for (const [k, v] of Object.entries(s.columns)) if (v) cols.push([`sources.${i}.columns.${k}`, v]);
  if (s.kind === 'skill_matrix') {
    cols.push([`sources.${i}.employee_id_column`, s.employee_id_column]);
    for (const c of s.ignore_columns) cols.push([`sources.${i}.ignore_columns`, c]);
  }
  requireColumns(raw, cols);
}

async function normalizeSource(ctx: StageContext, raw: RawTable, s: Source, { vocabulary, rejects, transcripts }: { vocabulary: SkillVocabulary; rejects: RejectSink; transcripts: TranscriptFolder | null }): Promise<number> {
  switch (s.kind) {
    case 'employees':
      return (await normalizeEmployees(ctx, raw, s)).employees;
    case 'skill_matrix':
      return (await normalizeSkillMatrix(ctx, raw, s, vocabulary, rejects)).rows;
    case 'skill_list':
      return normalizeSkillList(ctx, raw, s, vocabulary);
    case 'evaluations':
      return normalizeEvaluations(ctx, raw, s);
    case 'interviews':
      return normalizeInterviews(ctx, raw, s, { folder: transcripts, sink: rejects });
    case 'key_positions':
      return normalizeKeyPositions(ctx, raw, s, vocabulary, rejects);
  }
}

async function insertTaxonomy(db: Db, taxonomy: Taxonomy): Promise<void> {
  const rows = taxonomy.map((s) => `(${lit(s.skill_id)}, ${lit(s.name_ja)}, ${lit(s.name_en)}, ${lit(s.category)}, [${s.synonyms.map(lit).join(', ')}]::VARCHAR[], 'taxonomy')`);
  await db.run(`INSERT INTO skills SELECT * FROM (VALUES ${rows.join(', ')}) ORDER BY 1`);
}
