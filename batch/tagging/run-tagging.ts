import type { DuckDBAppender } from '@duckdb/node-api';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TaskName } from '../../schemas/ai-tasks.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import type { StageContext } from '../context.ts';
import { lit, type Db } from '../db.ts';
import type { TextPage } from '../ai/offline-pages.ts';
import { PROMPT_VERSIONS } from '../ai/prompts.ts';
import type { AiProvider } from '../ai/provider.ts';
import type { JobRunner } from '../ai/offline-runner.ts';
import { aiJob, type AiJob, type JobResult } from '../ai/scheduler.ts';
import { createProgress } from '../ai/progress.ts';
import { EMPLOYEE_MASK, INTERVIEWER_MASK, type MaskedText, type NameMasker } from '../ai/masking.ts';
import { positionGoalMatcher, positionGoals } from './position-goals.ts';
import {
  addTextAnswers, batchRanges, interviewInput, type InterviewCalendar, emptyTagLines, GROUP, TAG_LINE_TABLES, TAG_TABLES, tagBytes, type PageTexts, type TagBytes, type TagLineCounts, type TagTable, type TextAnswers,
} from './tag-lines.ts';

export interface TextTaskDeps {
  provider: AiProvider;
  scheduler: JobRunner;
  taxonomy: Taxonomy;
  /** Masks names when text leaves the machine; null for the offline provider (nothing leaves). */
  masker: NameMasker | null;
  /** Key positions, whose titles named as goals in a note become aspirations. */
  positions: Array<{ position_id: string; title: string }>;
}

export interface TaggingResult {
  texts: number;
  inferredSkills: number;
  aspirations: number;
  developmentNeeds: number;
  unverified: number;
  /** Names masked, and in how many texts (0 when nothing left the machine). */
  namesMasked: number;
  textsMasked: number;
  insights: number;
  commentsJudged: number;
  outOfTaxonomy: number;
  leftOver: number;
}

/** Texts read from DuckDB at a time: a few batches' worth. */
const PAGE = 4 * GROUP;
/** Pages asked ahead of the one being written (offline, answers do not depend on timing). */
const AHEAD = 4;

/**
 * The text tasks of the AI stage: skill tags for every interview note and evaluation comment, an insight for
 * every interview, a quality judgement for every comment. Key-position titles named as goals are found
 * locally (no model needed). Work the provider could not do is written to ai_backlog and done next night.
 *
 * The texts are numbered in one order (tag_texts), which decides the batches, and read a page at a time; the
 * answers become JSON lines per table (tag-lines.ts) in a scratch folder, which DuckDB loads in that order once
 * they are written. Offline, whole pages go to the runner's worker threads; an external provider is asked batch
 * by batch through the scheduler, as its limits expect.
 */
export async function runTextTasks(ctx: StageContext, deps: TextTaskDeps): Promise<TaggingResult> {
  const { db, config, log } = ctx;
  const tasks = config.ai.tasks.filter((t): t is TaskName => t !== 'development_plan');
  const model = `${deps.provider.name}/${deps.provider.model}`;
  const calendar: InterviewCalendar = { fiscalYearStartMonth: config.company.fiscal_year_start_month, cycleMonths: config.interviews.cycle_months };
  const taxonomyIds = new Set(deps.taxonomy.map((s) => s.skill_id));
  // The order the texts are asked in decides the batches, and so which identical texts share an answer.
  await db.run(`CREATE TEMP TABLE tag_texts AS SELECT (row_number() OVER (ORDER BY origin) - 1)::INTEGER AS n, * FROM (
      SELECT 'interview:' || interview_id AS origin, interview_id AS id, i.employee_id, CAST(held_on AS VARCHAR) AS date, NULL::VARCHAR AS period, interviewer_id AS evaluator_id,
        true AS interview, notes AS text, e.name AS employee_name, w.name AS interviewer_name
      FROM interviews i LEFT JOIN employees e ON e.employee_id = i.employee_id LEFT JOIN employees w ON w.employee_id = i.interviewer_id
      UNION ALL
      SELECT 'evaluation:' || employee_id || ':' || period, employee_id || ':' || period, employee_id, NULL, period, evaluator_id, false, comment, NULL, NULL FROM evaluations WHERE comment IS NOT NULL
    ) ORDER BY n`);
  const { total, comments } = await db.one<{ total: number; comments: number }>(
    `SELECT count(*)::INTEGER AS total, count(*) FILTER (WHERE NOT interview)::INTEGER AS comments FROM tag_texts`,
  );
  // Comments sort first ('evaluation:' < 'interview:'): the pages from `notesFrom` on hold every interview note.
  const notesFrom = comments - (comments % PAGE);
  const pages = Array.from({ length: Math.ceil(total / PAGE) }, (_, k) => k * PAGE);
  const progress = createProgress({ label: `AI (${model})`, total });
  const result: TaggingResult = { texts: 0, inferredSkills: 0, aspirations: 0, developmentNeeds: 0, unverified: 0, namesMasked: 0, textsMasked: 0, insights: 0, commentsJudged: 0, outOfTaxonomy: 0, leftOver: 0 };
  const sink = lineSink(db, await scratchDir(db), model, notesFrom);
  try {
    const write = (first: number, lines: TagBytes, counts: TagLineCounts, texts: number) => {
      for (const k of Object.keys(counts) as Array<keyof TagLineCounts>) result[k] += counts[k];
      result.texts += texts;
      progress.update(deps.scheduler.stats, result.texts);
      sink.write(first, lines);
    };
    // Offline: texts go as they are (nothing leaves the machine, nothing to mask).
    const answerPage = deps.scheduler.textPages?.({ tasks, positions: deps.positions, calendar });
    if (answerPage) {
      const answerAll = async (firsts: number[]) => {
        const queue: Array<{ first: number; answer: ReturnType<typeof answerPage> }> = [];
        const next = async () => {
          const { first, answer } = queue.shift()!;
          const r = await answer;
          write(first, r.lines, r.counts, r.texts);
        };
        for await (const page of readPages(db, firsts)) {
          queue.push({ first: page.first, answer: answerPage(page) });
          while (queue.length > AHEAD) await next();
        }
        while (queue.length > 0) await next();
      };
      // Answers do not depend on the order pages are asked in: the notes go first, so that DuckDB stores their
      // insights (the largest table, the longest to load) while the comments are answered.
      await answerAll(pages.filter((first) => first >= notesFrom));
      sink.loadInsights();
      await answerAll(pages.filter((first) => first < notesFrom));
    } else {
      if (deps.masker === null && deps.provider.external) throw new Error(`${model} is an external provider, but no name masker was set up`);
      const ask = asker(deps, deps.masker, new Set(tasks), model, calendar);
      for await (const page of readPages(db, pages)) {
        const texts = JSON.parse(page.json) as PageTexts;
        for (const [from, to] of batchRanges(page.first, texts.t.length)) {
          const rows = Array.from({ length: to - from }, (_, k) => ({
            text: texts.t[from + k]!, date: texts.d[from + k]!, interview: texts.i[from + k]!, employee: texts.e[from + k]!, interviewer: texts.w[from + k] ?? null,
            employeeName: texts.n[from + k] ?? null, interviewerName: texts.m[from + k] ?? null,
          }));
          const lines = emptyTagLines();
          const asked = await ask(rows);
          result.namesMasked += asked.masked.reduce((n, m) => n + m.masked, 0);
          result.textsMasked += asked.masked.filter((m) => m.masked > 0).length;
          addTextAnswers(lines, texts, from, to, asked.answers, taxonomyIds, asked.masked.map((m) => m.text));
          write(page.first, tagBytes(lines), lines.counts, rows.length);
        }
      }
    }
    progress.update(deps.scheduler.stats, result.texts, true);
    // The texts are read: their memory goes back to DuckDB before it loads the rows.
    await db.run('DROP TABLE tag_texts');
    await sink.load();
    // One row per person and skill: the most confident evidence, then the latest, then the first origin.
    result.inferredSkills = await db.run(`INSERT INTO employee_skills
      SELECT employee_id, skill_id, arg_max(level, key), 'inferred', arg_max(evidence, key), round(max(confidence), 4), arg_max(on_date, key), arg_max(origin, key),
        ${lit(model)}, ${lit(PROMPT_VERSIONS.skill_tags)}
      FROM (SELECT *, (confidence, COALESCE(on_date, DATE '0001-01-01'), origin) AS key FROM tag_matches WHERE confidence >= ${config.ai.min_confidence})
      GROUP BY employee_id, skill_id ORDER BY employee_id, skill_id`);
  } finally {
    await sink.remove();
    // Left behind, these temporary tables would only hold memory; failing to drop them must not hide the error that got here.
    await db.run('DROP TABLE IF EXISTS tag_texts; DROP TABLE IF EXISTS tag_matches').catch(() => undefined);
  }
  if (result.outOfTaxonomy) log.warn(`${result.outOfTaxonomy} skill tags named ids outside the taxonomy and were dropped`);
  if (result.unverified) log.warn(`${result.unverified} skill tags quoted evidence that is not in their text and were dropped (an answer that invents its reason is not a skill)`);
  return result;
}

/**
 * JSON lines in a scratch folder, loaded into the tables at the end in the order of the texts (DuckDB keeps the
 * order of a list of files): tag_matches (a temporary table, read for employee_skills), aspirations,
 * interview_insights, comment_quality, ai_backlog. Each table has a file for the comments' pages and one for
 * the notes' (from `notesFrom`), so the notes may be answered first; interview_insights can then be loaded
 * early. The tables other than tag_matches are loaded on connections of their own, side by side.
 */
function lineSink(db: Db, dir: string, model: string, notesFrom: number) {
  const files = Object.fromEntries(TAG_TABLES.map((t) => [t, [join(dir, `${t}.comments.jsonl`), join(dir, `${t}.notes.jsonl`)]])) as Record<TagTable, [string, string]>;
  const fds = Object.fromEntries(TAG_TABLES.map((t) => [t, files[t].map((f) => openSync(f, 'w'))])) as Partial<Record<TagTable, number[]>>;
  const close = (t: TagTable) => {
    for (const fd of fds[t] ?? []) closeSync(fd);
    delete fds[t];
  };
  const m = lit(model);
  const version = (task: TaskName) => lit(PROMPT_VERSIONS[task]);
  const rows = (t: TagTable) => {
    close(t);
    return selectTagLines(t, files[t]);
  };
  const loads: Array<Promise<void>> = [];
  /** Runs a statement on a connection of its own, beside the main connection's work. */
  const aside = (sql: string) => {
    const done = (async () => {
      const own = await db.fork();
      try {
        await own.run(sql);
      } finally {
        own.close();
      }
    })();
    done.catch(() => undefined); // awaited in load(); an early failure must not crash the process meanwhile
    loads.push(done);
  };
  let insights = false;
  return {
    write(first: number, lines: TagBytes) {
      const part = first >= notesFrom ? 1 : 0;
      if (part === 0 && lines.insights.length > 0) throw new Error(`interview insights in the comments' page at ${first}: the texts are not in their order`);
      for (const t of TAG_TABLES) if (lines[t].length > 0) writeSync(fds[t]![part]!, lines[t]);
    },
    /** Starts loading interview_insights: every note has been answered. */
    loadInsights() {
      if (insights) return;
      insights = true;
      aside(`INSERT INTO interview_insights SELECT *, ${m}, ${version('interview_insight')} FROM (${rows('insights')})`);
    },
    async load() {
      this.loadInsights();
      aside(`INSERT INTO aspirations SELECT *, ${m} FROM (${rows('wants')})`);
      aside(`INSERT INTO development_needs SELECT *, ${m} FROM (${rows('needs')})`);
      aside(`INSERT INTO comment_quality SELECT *, ${m}, ${version('comment_quality')} FROM (${rows('quality')})`);
      aside(`INSERT INTO ai_backlog ${rows('backlog')}`);
      await db.run(`CREATE TEMP TABLE tag_matches (employee_id VARCHAR, skill_id VARCHAR, level INTEGER, evidence VARCHAR, confidence DOUBLE, on_date DATE, origin VARCHAR)`);
      await db.run(`INSERT INTO tag_matches ${rows('tags')}`);
      await Promise.all(loads);
    },
    async remove() {
      for (const t of TAG_TABLES) close(t);
      await Promise.allSettled(loads);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A new folder beside the database: a run killed midway leaves it in its staging folder with the rest, not in
 * the system's temp folder (which an in-memory database uses).
 */
async function scratchDir(db: Db): Promise<string> {
  const { path } = await db.one<{ path: string | null }>(`SELECT path FROM duckdb_databases() WHERE database_name = current_database()`);
  return mkdtempSync(join(path ? dirname(path) : tmpdir(), path ? '.tagging-' : 'talent-atlas-tagging-'));
}

/** The rows of files of `table`'s JSON lines (tag-lines.ts), in the files' order. */
export function selectTagLines(table: TagTable, files: string[]): string {
  const { columns, row } = TAG_LINE_TABLES[table];
  const declared = Object.entries(columns).map(([k, type]) => `${k}: '${type}'`).join(', ');
  return `SELECT ${row} FROM read_json([${files.map(lit).join(', ')}], format = 'newline_delimited', columns = {${declared}})`;
}

/** The pages of tag_texts starting at `firsts`, each as one JSON document (PageTexts): the worker that answers it parses it. */
async function* readPages(db: Db, firsts: number[]): AsyncGenerator<TextPage> {
  const columns = {
    t: 'text', i: 'interview', o: 'origin', id: 'id', e: 'employee_id', d: 'date', p: 'period', w: 'evaluator_id', n: 'employee_name', m: 'interviewer_name',
  } satisfies Record<keyof PageTexts, string>;
  const lists = Object.entries(columns).map(([k, c]) => `${k}: list(${c} ORDER BY n)`).join(', ');
  for (const first of firsts) {
    const { json } = await db.one<{ json: string }>(`SELECT to_json({${lists}})::VARCHAR AS json FROM tag_texts WHERE n >= ${first} AND n < ${first + PAGE}`);
    yield { first, json };
  }
}

/**
 * One batch through the scheduler: the provider's jobs (masked texts: the interviewer and the person
 * interviewed become 〔面談者〕 and 〔本人〕, anyone else 〔氏名N〕) and the key positions named as goals.
 */
function asker(deps: TextTaskDeps, masker: NameMasker | null, tasks: ReadonlySet<TaskName>, model: string, calendar: InterviewCalendar) {
  const titles = positionGoalMatcher(deps.positions);
  const job = <T extends TaskName>(task: T, input: AiJob<T>['input']) => aiJob(task, model, input);
  /** The results of the jobs asked of the notes (or of the comments), back in row order. */
  const inRowOrder = <T extends TaskName>(rows: Array<{ interview: boolean }>, interview: boolean, results: Array<JobResult<T>>) => {
    let next = 0;
    return rows.map((r) => (r.interview === interview ? results[next++] : undefined));
  };
  type Row = { text: string; date: string | null; interview: boolean; employee: string; interviewer: string | null; employeeName: string | null; interviewerName: string | null };
  // Offline through the scheduler (no pages): nothing leaves the machine, the rules read the names as written.
  const who = (r: Row): [string | null, string | null] => (masker ? [INTERVIEWER_MASK, EMPLOYEE_MASK] : [r.interviewerName, r.employeeName]);
  return async (rows: Row[]): Promise<{ answers: TextAnswers; masked: MaskedText[] }> => {
    const masked = rows.map((r) => masker?.mask(r.text, r.interview ? { interviewer: r.interviewer, employee: r.employee } : { employee: r.employee }) ?? { text: r.text, masked: 0, names: [] });
    const [tags, insights, quality] = await Promise.all([
      tasks.has('skill_tags') ? deps.scheduler.run(rows.map((_, k) => job('skill_tags', { text: masked[k]!.text }))) : Promise.resolve([]),
      tasks.has('interview_insight')
        ? deps.scheduler.run(rows.flatMap((r, k) => (r.interview ? [job('interview_insight', interviewInput(masked[k]!.text, r.date!, ...who(r), calendar))] : [])))
        : Promise.resolve([]),
      tasks.has('comment_quality') ? deps.scheduler.run(rows.flatMap((r, k) => (r.interview ? [] : [job('comment_quality', { text: masked[k]!.text })]))) : Promise.resolve([]),
    ]);
    const answers = {
      tags,
      // Found locally, on the text as written.
      goals: rows.map((r) => (r.interview ? positionGoals(titles, r.text) : [])),
      insights: inRowOrder(rows, true, insights),
      quality: inRowOrder(rows, false, quality),
    };
    return { answers, masked };
  };
}

/** Appends one row: strings, numbers (integers or doubles by the column), booleans and nulls. */
export function row(a: DuckDBAppender, values: Array<string | number | boolean | null | undefined>): void {
  for (const v of values) {
    if (v === null || v === undefined) a.appendNull();
    else if (typeof v === 'boolean') a.appendBoolean(v);
    else if (typeof v === 'number') a.appendDouble(v);
    else a.appendVarchar(v);
  }
  a.endRow();
}
