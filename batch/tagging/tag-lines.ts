/**
 * The text tasks' results as JSON lines, one string per table, each line a row of it. They are built where the
 * answers are (on a worker thread, offline), and DuckDB loads each table in one statement at the end, in the
 * order the rows were answered: an order of magnitude cheaper than appending a million rows value by value
 * from JavaScript.
 */
import type { TaskInput, TaskOutput } from '../../schemas/ai-tasks.ts';
import { addMonths } from '../ai/offline/japanese-dates.ts';
import type { JobResult } from '../ai/scheduler.ts';
import type { PositionGoal } from './position-goals.ts';

/**
 * A page of the stage's texts as DuckDB gives it (to_json, column by column, in the stage's order): the text,
 * whether it is an interview note, and what its rows need (origin, ids, held_on or period, evaluator).
 */
export interface PageTexts {
  t: string[];
  i: boolean[];
  o: string[];
  id: string[];
  e: string[];
  d: Array<string | null>;
  p: Array<string | null>;
  w: Array<string | null>;
  /** Names of the person and of the interviewer (interviews only). */
  n: Array<string | null>;
  m: Array<string | null>;
}

/** What the insight of an interview is read against: the fiscal year and the interview cycle. */
export interface InterviewCalendar {
  fiscalYearStartMonth: number;
  cycleMonths: number;
}

/** The interview_insight input of a note, as both the offline rules and an external model get it. */
export function interviewInput(text: string, heldOn: string, interviewer: string | null, employee: string | null, calendar: InterviewCalendar): TaskInput<'interview_insight'> {
  // A held_on that is no calendar date (2026-02-30) is the rules' to refuse, job by job: it must not stop the batch here.
  let next = heldOn;
  try {
    next = addMonths(heldOn, calendar.cycleMonths);
  } catch {
    // left as held_on
  }
  return { text, held_on: heldOn, interviewer, employee, fiscal_year_start_month: calendar.fiscalYearStartMonth, next_interview_on: next };
}

/**
 * Texts are asked in groups of GROUP (DuckDB's vector size: the stage used to stream them so), each cut into
 * batches of BATCH. Identical texts of a batch share one answer and count as cache hits, so the cut decides
 * those counts and which copy answers for the others; it is kept as it was.
 */
export const GROUP = 2048;
export const BATCH = 500;

/** The batches [from, to) of `count` texts numbered from `first`, a multiple of GROUP. */
export function batchRanges(first: number, count: number): Array<[number, number]> {
  if (first % GROUP !== 0) throw new Error(`texts are read in pages starting at a multiple of ${GROUP}, got ${first}`);
  const out: Array<[number, number]> = [];
  for (let group = 0; group < count; group += GROUP) {
    const end = Math.min(count, group + GROUP);
    for (let from = group; from < end; from += BATCH) out.push([from, Math.min(end, from + BATCH)]);
  }
  return out;
}

/**
 * Per table (tags → tag_matches, wants → aspirations, needs → development_needs, insights → interview_insights,
 * quality → comment_quality, backlog → ai_backlog): its JSON-lines columns as read_json declares them, and the row they make. Dates are
 * read as text and numbers as DOUBLE, then cast by the table, as the appender used to.
 */
export const TAG_LINE_TABLES = {
  tags: {
    columns: { e: 'VARCHAR', s: 'VARCHAR', l: 'DOUBLE', v: 'VARCHAR', c: 'DOUBLE', d: 'VARCHAR', o: 'VARCHAR' },
    row: 'e, s, l, v, c, CAST(d AS DATE), o',
  },
  wants: { columns: { e: 'VARCHAR', k: 'VARCHAR', t: 'VARCHAR', v: 'VARCHAR', i: 'VARCHAR', d: 'VARCHAR' }, row: 'e, k, t, v, i, CAST(d AS DATE)' },
  needs: { columns: { e: 'VARCHAR', s: 'VARCHAR', v: 'VARCHAR', d: 'VARCHAR', o: 'VARCHAR' }, row: 'e, s, v, CAST(d AS DATE), o' },
  insights: {
    columns: { i: 'VARCHAR', e: 'VARCHAR', d: 'VARCHAR', s: 'VARCHAR', a: 'VARCHAR', c: 'VARCHAR', x: 'VARCHAR', r: 'VARCHAR', v: 'VARCHAR' },
    row: 'i, e, CAST(d AS DATE), s, a, c, x, r, v',
  },
  quality: {
    columns: { e: 'VARCHAR', p: 'VARCHAR', w: 'VARCHAR', s: 'BOOLEAN', b: 'BOOLEAN', f: 'BOOLEAN', n: 'DOUBLE', m: 'VARCHAR' },
    row: 'e, p, w, s, b, f, n, m',
  },
  backlog: { columns: { t: 'VARCHAR', o: 'VARCHAR', r: 'VARCHAR' }, row: 't, o, r' },
} as const;

export type TagTable = keyof typeof TAG_LINE_TABLES;
export const TAG_TABLES = Object.keys(TAG_LINE_TABLES) as TagTable[];

/** What the tasks gave one batch of texts, one entry per text (undefined: the task was not asked). */
export interface TextAnswers {
  tags: Array<JobResult<'skill_tags'> | undefined>;
  /** Key positions named as goals; [] for evaluation comments. */
  goals: PositionGoal[][];
  insights: Array<JobResult<'interview_insight'> | undefined>;
  quality: Array<JobResult<'comment_quality'> | undefined>;
}

export interface TagLineCounts {
  aspirations: number;
  developmentNeeds: number;
  /** Skill tags dropped because their evidence is not words of the text they came from. */
  unverified: number;
  insights: number;
  commentsJudged: number;
  outOfTaxonomy: number;
  leftOver: number;
}

export interface TagLines extends Record<TagTable, string> {
  counts: TagLineCounts;
}

export function emptyTagLines(): TagLines {
  return { tags: '', wants: '', needs: '', insights: '', quality: '', backlog: '', counts: { aspirations: 0, developmentNeeds: 0, unverified: 0, insights: 0, commentsJudged: 0, outOfTaxonomy: 0, leftOver: 0 } };
}

export type TagBytes = Record<TagTable, Uint8Array<ArrayBuffer>>;

/** The lines as UTF-8, ready for the file (a worker hands the bytes to the main thread without a copy). */
export function tagBytes(lines: TagLines): TagBytes {
  const utf8 = new TextEncoder();
  return Object.fromEntries(TAG_TABLES.map((t) => [t, utf8.encode(lines[t])])) as TagBytes;
}

/**
 * Appends the rows the texts [from, to) of a page give (`answers` holds one entry per text of the range), in
 * the order the tables always received them: per text, its skills (a wanted skill of an interview is an
 * aspiration), then the key positions it names as goals, then its insight or comment judgement; work not done
 * goes to the backlog. Skill ids outside the taxonomy are dropped and counted, and so are skill tags whose
 * evidence is not a verbatim part of the text the provider was given (`sent`, one per text of the range: the
 * masked text for an external provider; the page's own text by default): a model cannot invent a reason.
 */
export function addTextAnswers(out: TagLines, page: PageTexts, from: number, to: number, answers: TextAnswers, taxonomyIds: ReadonlySet<string>, sent?: readonly string[]): void {
  const c = out.counts;
  for (let r = from; r < to; r++) {
    const k = r - from;
    const interview = page.i[r]!;
    const want = (kind: 'skill' | 'position', target: string, evidence: string) => {
      out.wants += line({ e: page.e[r], k: kind, t: target, v: evidence, i: page.id[r], d: page.d[r] });
      c.aspirations++;
    };
    const leftOver = (task: string, result: { status: string; reason?: string }) => {
      if (result.status !== 'left_over') return;
      out.backlog += line({ t: task, o: page.o[r], r: result.reason });
      c.leftOver++;
    };
    const tag = answers.tags[k];
    if (tag?.status === 'done') {
      const text = sent?.[k] ?? page.t[r]!;
      for (const s of (tag.output as TaskOutput<'skill_tags'>).skills) {
        if (!taxonomyIds.has(s.skill_id)) c.outOfTaxonomy++;
        else if (!text.includes(s.evidence)) c.unverified++;
        else if (s.kind === 'wants') {
          if (interview) want('skill', s.skill_id, s.evidence);
        } else if (s.kind === 'needs') {
          out.needs += line({ e: page.e[r], s: s.skill_id, v: s.evidence, d: page.d[r], o: page.o[r] });
          c.developmentNeeds++;
        } else out.tags += line({ e: page.e[r], s: s.skill_id, l: s.level_hint, v: s.evidence, c: s.confidence, d: page.d[r], o: page.o[r] });
      }
    } else if (tag) leftOver('skill_tags', tag);
    if (interview) {
      for (const g of answers.goals[k] ?? []) want('position', g.position_id, g.evidence);
      const ins = answers.insights[k];
      if (ins?.status === 'done') {
        const o = ins.output as TaskOutput<'interview_insight'>;
        out.insights += line({
          i: page.id[r], e: page.e[r], d: page.d[r], s: o.summary, a: JSON.stringify(o.aspirations), c: JSON.stringify(o.concerns), x: JSON.stringify(o.action_items),
          r: o.retention_signal, v: o.retention_evidence,
        });
        c.insights++;
      } else if (ins) leftOver('interview_insight', ins);
    } else {
      const q = answers.quality[k];
      if (q?.status === 'done') {
        const o = q.output as TaskOutput<'comment_quality'>;
        out.quality += line({ e: page.e[r], p: page.p[r], w: page.w[r], s: o.specific, b: o.evidence_based, f: o.forward_looking, n: o.score, m: JSON.stringify(o.missing) });
        c.commentsJudged++;
      } else if (q) leftOver('comment_quality', q);
    }
  }
}

/**
 * One JSON line. JSON.stringify writes a lone surrogate as a \udxxx escape, which DuckDB's JSON reader refuses;
 * the appender used to store U+FFFD for it, so that is what such a string becomes (the check is only a hint:
 * any \u escape takes the slow, exact way).
 */
function line(row: Record<string, unknown>): string {
  const s = JSON.stringify(row);
  return `${s.includes('\\u') ? JSON.stringify(row, (_k, v: unknown) => (typeof v === 'string' ? v.toWellFormed() : v)) : s}\n`;
}
