import type { DuckDBAppender } from '@duckdb/node-api';
import type { TaskName, TaskOutput } from '../../schemas/ai-tasks.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import type { StageContext } from '../context.ts';
import { PROMPT_VERSIONS } from '../ai/prompts.ts';
import type { AiProvider } from '../ai/provider.ts';
import type { JobRunner } from '../ai/offline-runner.ts';
import { aiJob, type AiJob, type JobResult } from '../ai/scheduler.ts';
import { createProgress } from '../ai/progress.ts';
import { positionGoalMatcher, positionGoals } from './position-goals.ts';

export interface TextTaskDeps {
  provider: AiProvider;
  scheduler: JobRunner;
  taxonomy: Taxonomy;
  /** Masks names when text leaves the machine (identity for the offline provider). */
  mask: (text: string) => string;
  /** Key positions, whose titles named as goals in a note become aspirations. */
  positions: Array<{ position_id: string; title: string }>;
}

export interface TaggingResult {
  texts: number;
  inferredSkills: number;
  aspirations: number;
  insights: number;
  commentsJudged: number;
  outOfTaxonomy: number;
  leftOver: number;
}

const CHUNK = 500;

interface TextRow {
  origin: string;
  id: string;
  employee_id: string;
  date: string | null;
  period: string | null;
  evaluator_id: string | null;
  source: 'interview' | 'evaluation';
  text: string;
}

type Appenders = Record<'tags' | 'wants' | 'insights' | 'quality' | 'backlog', DuckDBAppender>;

/**
 * The text tasks of the AI stage, streamed out of DuckDB in chunks: skill tags for every interview note and
 * evaluation comment, an insight for every interview, a quality judgement for every comment. Key-position
 * titles named as goals are found locally (no model needed). Work the provider could not do is written to
 * ai_backlog and done next night.
 */
export async function runTextTasks(ctx: StageContext, deps: TextTaskDeps): Promise<TaggingResult> {
  const { db, config, log } = ctx;
  const tasks = new Set(config.ai.tasks);
  const model = `${deps.provider.name}/${deps.provider.model}`;
  const taxonomyIds = new Set(deps.taxonomy.map((s) => s.skill_id));
  const titles = positionGoalMatcher(deps.positions);
  await db.run(`CREATE TEMP TABLE tag_matches (employee_id VARCHAR, skill_id VARCHAR, level INTEGER, evidence VARCHAR, confidence DOUBLE, on_date DATE, origin VARCHAR)`);
  const app: Appenders = {
    tags: await db.connection.createAppender('tag_matches'),
    wants: await db.connection.createAppender('aspirations'),
    insights: await db.connection.createAppender('interview_insights'),
    quality: await db.connection.createAppender('comment_quality'),
    backlog: await db.connection.createAppender('ai_backlog'),
  };
  const result: TaggingResult = { texts: 0, inferredSkills: 0, aspirations: 0, insights: 0, commentsJudged: 0, outOfTaxonomy: 0, leftOver: 0 };
  const total = (await db.one<{ n: number }>(`SELECT ((SELECT count(*) FROM interviews) + (SELECT count(*) FROM evaluations WHERE comment IS NOT NULL))::INTEGER AS n`)).n;
  const progress = createProgress({ label: `AI (${model})`, total });

  const job = <T extends TaskName>(task: T, input: AiJob<T>['input']) => aiJob(task, model, input);
  const leftOver = (task: TaskName, origin: string, r: JobResult<TaskName>) => {
    if (r.status !== 'left_over') return;
    row(app.backlog, [task, origin, r.reason]);
    result.leftOver++;
  };

  const query = `
    SELECT 'interview:' || interview_id AS origin, interview_id AS id, employee_id, CAST(held_on AS VARCHAR) AS date, NULL AS period, interviewer_id AS evaluator_id, 'interview' AS source, notes AS text FROM interviews
    UNION ALL
    SELECT 'evaluation:' || employee_id || ':' || period, employee_id || ':' || period, employee_id, NULL, period, evaluator_id, 'evaluation', comment FROM evaluations WHERE comment IS NOT NULL
    ORDER BY origin`;
  const ask = (rows: TextRow[]) => {
    const masked = rows.map((r) => deps.mask(r.text));
    const notes = rows.flatMap((r) => (r.source === 'interview' ? [r.text] : []));
    return Promise.all([
      // Key-position titles named as goals: found locally (no model needed), off the main thread when the runner can.
      deps.scheduler.positionGoals ? deps.scheduler.positionGoals(deps.positions, notes) : Promise.resolve(notes.map((t) => positionGoals(titles, t))),
      tasks.has('skill_tags') ? deps.scheduler.run(rows.map((_, k) => job('skill_tags', { text: masked[k]! }))) : Promise.resolve([]),
      tasks.has('interview_insight')
        ? deps.scheduler.run(rows.flatMap((r, k) => (r.source === 'interview' ? [job('interview_insight', { text: masked[k]!, held_on: r.date! })] : [])))
        : Promise.resolve([]),
      tasks.has('comment_quality')
        ? deps.scheduler.run(rows.flatMap((r, k) => (r.source === 'evaluation' ? [job('comment_quality', { text: masked[k]! })] : [])))
        : Promise.resolve([]),
    ]);
  };
  // Offline, answers do not depend on timing, so a few batches are asked ahead while earlier ones are
  // written (worker threads stay busy); an external provider gets one batch at a time, as its limits expect.
  const ahead = deps.scheduler.orderFree ? 4 : 0;
  const queue: Array<{ rows: TextRow[]; answers: ReturnType<typeof ask> }> = [];
  for await (const chunk of db.stream<TextRow>(query)) {
    for (let i = 0; i < chunk.length; i += CHUNK) {
      const rows = chunk.slice(i, i + CHUNK);
      queue.push({ rows, answers: ask(rows) });
      while (queue.length > ahead) await writeNext();
    }
  }
  while (queue.length > 0) await writeNext();
  progress.update(deps.scheduler.stats, result.texts, true);
  for (const a of Object.values(app)) a.closeSync();

  // One row per person and skill: the most confident evidence, then the latest, then the first origin.
  result.inferredSkills = await db.run(`INSERT INTO employee_skills
    SELECT employee_id, skill_id, arg_max(level, key), 'inferred', arg_max(evidence, key), round(max(confidence), 4), arg_max(on_date, key), arg_max(origin, key),
      '${model.replaceAll("'", "''")}', '${PROMPT_VERSIONS.skill_tags}'
    FROM (SELECT *, (confidence, COALESCE(on_date, DATE '0001-01-01'), origin) AS key FROM tag_matches WHERE confidence >= ${config.ai.min_confidence})
    GROUP BY employee_id, skill_id ORDER BY employee_id, skill_id`);
  await db.run('DROP TABLE tag_matches');
  if (result.outOfTaxonomy) log.warn(`${result.outOfTaxonomy} skill tags named ids outside the taxonomy and were dropped`);
  return result;

  async function writeNext() {
    const { rows, answers } = queue.shift()!;
    const [goals, tags, insights, quality] = await answers;
    let nInterview = 0;
    let nEvaluation = 0;
    rows.forEach((r, k) => {
      const tag = tags[k];
      if (tag) {
        if (tag.status === 'done') writeTags(r, tag.output as TaskOutput<'skill_tags'>);
        else leftOver('skill_tags', r.origin, tag);
      }
      if (r.source === 'interview') {
        for (const g of goals[nInterview]!) appendWant(r, 'position', g.position_id, g.evidence);
        const ins = insights[nInterview++];
        if (ins?.status === 'done') writeInsight(r, ins.output as TaskOutput<'interview_insight'>);
        else if (ins) leftOver('interview_insight', r.origin, ins);
      } else {
        const q = quality[nEvaluation++];
        if (q?.status === 'done') writeQuality(r, q.output as TaskOutput<'comment_quality'>);
        else if (q) leftOver('comment_quality', r.origin, q);
      }
    });
    result.texts += rows.length;
    progress.update(deps.scheduler.stats, result.texts);
  }

  function writeTags(r: TextRow, out: TaskOutput<'skill_tags'>) {
    for (const s of out.skills) {
      if (!taxonomyIds.has(s.skill_id)) {
        result.outOfTaxonomy++;
        continue;
      }
      if (s.kind === 'wants') {
        if (r.source === 'interview') appendWant(r, 'skill', s.skill_id, s.evidence);
        continue;
      }
      row(app.tags, [r.employee_id, s.skill_id, s.level_hint, s.evidence, s.confidence, r.date, r.origin]);
    }
  }
  function appendWant(r: TextRow, kind: 'skill' | 'position', target: string, evidence: string) {
    row(app.wants, [r.employee_id, kind, target, evidence, r.id, r.date, model]);
    result.aspirations++;
  }
  function writeInsight(r: TextRow, o: TaskOutput<'interview_insight'>) {
    row(app.insights, [r.id, r.employee_id, r.date, o.summary, JSON.stringify(o.aspirations), JSON.stringify(o.concerns), JSON.stringify(o.action_items), o.retention_signal, o.retention_evidence, model, PROMPT_VERSIONS.interview_insight]);
    result.insights++;
  }
  function writeQuality(r: TextRow, o: TaskOutput<'comment_quality'>) {
    row(app.quality, [r.employee_id, r.period, r.evaluator_id, o.specific, o.evidence_based, o.forward_looking, o.score, JSON.stringify(o.missing), model, PROMPT_VERSIONS.comment_quality]);
    result.commentsJudged++;
  }
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

