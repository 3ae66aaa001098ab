import { stat } from 'node:fs/promises';
import type { Runs } from '../../schemas/artifacts.ts';
import type { StageContext } from '../context.ts';
import { lit } from '../db.ts';

/** How many runs runs.json lists. */
const RUNS_LISTED = 10;

/**
 * Tables that outlive one night, copied from the DuckDB file being replaced: `runs` (this run's row is
 * added later) and `skill_history` (this run's snapshot replaces one of the same as_of, see
 * recordSkillHistory). Each is carried over on its own, so a file from an older version without
 * skill_history still hands over its runs.
 */
export async function carryOverHistory(ctx: StageContext, previous: string): Promise<void> {
  if (!(await stat(previous).catch(() => null))) return;
  const { db, log, runId } = ctx;
  try {
    await db.run(`ATTACH ${lit(previous)} AS previous (READ_ONLY)`);
  } catch (e) {
    log.warn(`the history of ${previous} could not be read (${firstLine(e)}); this file starts a new history.`);
    return;
  }
  const copies: Array<[table: string, sql: string]> = [
    ['runs', `INSERT INTO runs SELECT * FROM previous.runs WHERE run_id <> ${lit(runId)} ORDER BY run_id`],
    ['skill_history', `INSERT INTO skill_history SELECT as_of, category, people_at_level, headcount FROM previous.skill_history ORDER BY as_of, category`],
  ];
  try {
    for (const [table, sql] of copies) {
      try {
        await db.run(sql);
      } catch (e) {
        log.warn(`the ${table} history of ${previous} could not be carried over (${firstLine(e)}); it starts anew in this file.`);
      }
    }
  } finally {
    await db.run('DETACH previous');
  }
}

/**
 * The employee count of the last successful run in the published DuckDB file at `previous` (the headcount
 * breaker compares against it); null when there is no such file or run.
 */
export async function lastPublishedHeadcount(ctx: StageContext, previous: string): Promise<number | null> {
  if (!(await stat(previous).catch(() => null))) return null;
  const { db, log } = ctx;
  try {
    await db.run(`ATTACH ${lit(previous)} AS last_published (READ_ONLY)`);
  } catch (e) {
    log.warn(`the last published run in ${previous} could not be read (${firstLine(e)}); the headcount breaker is skipped.`);
    return null;
  }
  try {
    const row = await db.all<{ n: number | null }>(
      `SELECT TRY_CAST(counts->'tables'->>'employees' AS INTEGER) AS n FROM last_published.runs WHERE status = 'succeeded' ORDER BY started_at DESC, run_id DESC LIMIT 1`,
    );
    return row[0]?.n ?? null;
  } catch (e) {
    log.warn(`the last published run in ${previous} could not be read (${firstLine(e)}); the headcount breaker is skipped.`);
    return null;
  } finally {
    await db.run('DETACH last_published');
  }
}

/** runs.json: the latest successful runs, newest first. */
export async function readRuns(ctx: StageContext): Promise<Runs> {
  const runs = await ctx.db.all<Runs['runs'][number]>(`
    SELECT run_id,
      strftime(started_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS started_at,
      strftime(finished_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS finished_at,
      CAST(as_of AS VARCHAR) AS as_of,
      round(epoch_ms(finished_at) / 1000 - epoch_ms(started_at) / 1000, 3)::DOUBLE AS seconds,
      input_hash,
      COALESCE(TRY_CAST(counts->'tables'->>'employees' AS INTEGER), 0) AS employees,
      COALESCE(TRY_CAST(counts->'tables'->>'rejects' AS INTEGER), 0) AS rejects,
      COALESCE(ai->>'provider', 'offline') AS ai_provider,
      COALESCE(TRY_CAST(counts->'tables'->>'ai_backlog' AS INTEGER), 0) AS ai_left_over
    FROM runs WHERE status = 'succeeded' ORDER BY started_at DESC, run_id DESC LIMIT ${RUNS_LISTED}`);
  return { runs };
}

function firstLine(e: unknown): string {
  return (e as Error).message.split('\n')[0] ?? '';
}
