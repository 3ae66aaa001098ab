import type { TaskName } from '../../schemas/ai-tasks.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { positionGoalMatcher, positionGoals } from '../tagging/position-goals.ts';
import { addTextAnswers, batchRanges, emptyTagLines, interviewInput, tagBytes, type InterviewCalendar, type PageTexts, type TagBytes, type TagLineCounts, type TextAnswers } from '../tagging/tag-lines.ts';
import { offlineAnswerer } from './offline-provider.ts';
import { normalizeText } from './result-cache.ts';
import type { JobResult, SchedulerStats } from './scheduler.ts';

/** A page of the tagging stage's texts, numbered from `first` (a multiple of GROUP); `json` is PageTexts, parsed where it is answered. */
export interface TextPage {
  first: number;
  json: string;
}

/** What a page is asked: the configured text tasks, and the key positions whose titles are goals. */
export interface PageSetup {
  tasks: readonly TaskName[];
  positions: ReadonlyArray<{ position_id: string; title: string }>;
  calendar: InterviewCalendar;
}

export type StatsDelta = Pick<SchedulerStats, 'jobs' | 'calls' | 'succeeded' | 'cacheHits' | 'transientErrors' | 'leftOver'>;

export interface PageResult {
  texts: number;
  lines: TagBytes;
  counts: TagLineCounts;
  stats: StatsDelta;
}

type Answer = { ok: true; output: unknown } | { ok: false; error: string };
type Task = 'tags' | 'insights' | 'quality';

/** Comments' normalized forms and answers remembered across batches; cleared past this many. */
const MEMO_MAX = 20_000;
const LEFT_OVER = { status: 'left_over', reason: 'no valid answer after 1 attempts' } as const;

/**
 * Answers pages of texts with the offline rules, every text task of a text in turn, with the scheduler's
 * results and counts: per batch (batchRanges) and task, texts whose cache keys match (the normalized text, and
 * held_on for insights) get the answer to the first of them and count as cache hits, exactly as the
 * scheduler's in-flight sharing does; an answer that throws leaves the job over. Pure apart from memos.
 */
export function createPageAnswerer(opts: { taxonomy: Taxonomy; positionTitles: string[] } & PageSetup): (page: TextPage) => PageResult {
  const answer = offlineAnswerer(opts.taxonomy, opts.positionTitles);
  const goals = positionGoalMatcher(opts.positions);
  const taxonomyIds = new Set(opts.taxonomy.map((s) => s.skill_id));
  const asked: Record<Task, boolean> = {
    tags: opts.tasks.includes('skill_tags'),
    insights: opts.tasks.includes('interview_insight'),
    quality: opts.tasks.includes('comment_quality'),
  };
  // Evaluation comments repeat across people (「特になし」, stock phrases): what they give is remembered.
  // Interview notes rarely repeat, and remembering them would cost more than it saves.
  const comments = { norms: new Map<string, string>(), tags: new Map<string, Answer>(), quality: new Map<string, Answer>() };

  return (page) => {
    const texts = JSON.parse(page.json) as PageTexts;
    const stats: StatsDelta = { jobs: 0, calls: 0, succeeded: 0, cacheHits: 0, transientErrors: 0, leftOver: 0 };
    const lines = emptyTagLines();
    for (const [from, to] of batchRanges(page.first, texts.t.length)) addTextAnswers(lines, texts, from, to, answerBatch(texts, from, to, stats), taxonomyIds);
    return { texts: texts.t.length, lines: tagBytes(lines), counts: lines.counts, stats };
  };

  /** One batch, as the scheduler would answer its three runs (skill tags of all texts, insights of the notes, quality of the comments). */
  function answerBatch(texts: PageTexts, from: number, to: number, stats: StatsDelta): TextAnswers {
    const n = to - from;
    // The first text of each cache key, per task (-1: the task is not asked of this text).
    const owner: Record<Task, Int32Array> = { tags: new Int32Array(n).fill(-1), insights: new Int32Array(n).fill(-1), quality: new Int32Array(n).fill(-1) };
    const firsts: Record<Task, Map<string, number>> = { tags: new Map(), insights: new Map(), quality: new Map() };
    const own = (task: Task, k: number, key: string) => {
      if (!asked[task]) return;
      const first = firsts[task].get(key);
      if (first === undefined) firsts[task].set(key, k);
      owner[task][k] = first ?? k;
      stats.jobs++;
    };
    for (let k = 0; k < n; k++) {
      const text = texts.t[from + k]!;
      if (texts.i[from + k]) {
        const norm = normalizeText(text);
        own('tags', k, norm);
        own('insights', k, `${norm}\u0000${normalizeText(texts.d[from + k]!)}\u0000${texts.m[from + k] ?? ''}\u0000${texts.n[from + k] ?? ''}`);
      } else {
        const norm = remember(comments.norms, text, () => normalizeText(text));
        own('tags', k, norm);
        own('quality', k, norm);
      }
    }
    // The owners' answers, every task of a text in turn: the rules split its sentences once.
    const got: Record<Task, Answer[]> = { tags: [], insights: [], quality: [] };
    const goalsOf: TextAnswers['goals'] = [];
    for (let k = 0; k < n; k++) {
      const text = texts.t[from + k]!;
      const tags = () => attempt(() => answer('skill_tags', { text }));
      if (texts.i[from + k]) {
        if (owner.tags[k] === k) got.tags[k] = tags();
        goalsOf[k] = positionGoals(goals, text);
        if (owner.insights[k] === k) got.insights[k] = attempt(() => answer('interview_insight', interviewInput(text, texts.d[from + k]!, texts.m[from + k] ?? null, texts.n[from + k] ?? null, opts.calendar)));
      } else {
        if (owner.tags[k] === k) got.tags[k] = remember(comments.tags, text, tags);
        goalsOf[k] = [];
        if (owner.quality[k] === k) got.quality[k] = remember(comments.quality, text, () => attempt(() => answer('comment_quality', { text })));
      }
    }
    const results = (task: Task) =>
      Array.from(owner[task], (o, k): JobResult<never> | undefined => {
        if (o < 0) return undefined;
        const a = got[task][o]!;
        if (o === k) {
          stats.calls++;
          if (a.ok) stats.succeeded++;
          else stats.transientErrors++;
        } else if (a.ok) stats.cacheHits++;
        if (!a.ok) stats.leftOver++;
        return a.ok ? { status: 'done', output: a.output as never, fromCache: o !== k } : LEFT_OVER;
      });
    return { tags: results('tags'), goals: goalsOf, insights: results('insights'), quality: results('quality') };
  }
}

function attempt(work: () => unknown): Answer {
  try {
    return { ok: true, output: work() };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

function remember<T>(memo: Map<string, T>, key: string, make: () => T): T {
  let v = memo.get(key);
  if (v === undefined) {
    v = make();
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(key, v);
  }
  return v;
}
