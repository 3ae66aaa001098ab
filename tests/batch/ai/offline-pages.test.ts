import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPageAnswerer } from '../../../batch/ai/offline-pages.ts';
import { createOfflineRunner } from '../../../batch/ai/offline-runner.ts';
import { aiJob } from '../../../batch/ai/scheduler.ts';
import { parseTaxonomyCsv } from '../../../batch/ingest/load-taxonomy.ts';
import { positionGoalMatcher, positionGoals } from '../../../batch/tagging/position-goals.ts';
import { addTextAnswers, batchRanges, emptyTagLines, interviewInput, type PageTexts, type TextAnswers } from '../../../batch/tagging/tag-lines.ts';

const calendar = { fiscalYearStartMonth: 4, cycleMonths: 6 };
import type { TaskName } from '../../../schemas/ai-tasks.ts';

const taxonomy = parseTaxonomyCsv(readFileSync('data/taxonomy/skills.csv', 'utf8'), 'skills.csv');
const positions = [
  { position_id: 'KP1', title: '品質保証部長' },
  { position_id: 'KP2', title: '浜松工場長' },
];
const positionTitles = positions.map((p) => p.title);
const ALL: TaskName[] = ['skill_tags', 'interview_insight', 'comment_quality'];

const notes = [
  '将来は品質保証部長を目指したい。FMEAの経験をもっと積みたい。',
  '1on1（30分）。残業が多く負担を感じている。12/15までに業務分担を見直す（上長）。',
  'ＰＬＣ制御には自信がついてきたとのこと。', // a width variant of the next: the same cache key
  'PLC制御には自信がついてきたとのこと。',
  'Pythonでのデータ分析に興味がある。浜松工場長のような立場を目指したい。',
];
const comments = ['特になし', '  特になし ', '特になし', '原価管理の仕組みを整え、主力機種の原価を40%低減した。', 'Excelでの集計を自動化した。引き続き改善をリードしてほしい。'];

/**
 * 2,600 texts in the stage's order: comments, then notes, with copies inside and across batches, width and
 * space variants, and a few notes whose held_on is no calendar date (their insight is left over).
 */
function pageOf(first: number, count: number): PageTexts {
  const p: PageTexts = { t: [], i: [], o: [], id: [], e: [], d: [], p: [], w: [], n: [], m: [] };
  for (let k = 0; k < count; k++) {
    const interview = k >= 1000;
    const text = interview ? `${notes[k % notes.length]}${k % 7 === 0 ? '' : `（記録${k % 300}）`}` : comments[k % comments.length]!;
    p.t.push(text);
    p.i.push(interview);
    p.o.push(interview ? `interview:I${first + k}` : `evaluation:E${first + k}:2026上期`);
    p.id.push(interview ? `I${first + k}` : `E${first + k}:2026上期`);
    p.e.push(`E${(first + k) % 50}`);
    p.d.push(interview ? (k % 97 === 0 ? '2026-02-30' : `2026-0${1 + (k % 9)}-15`) : null);
    p.p.push(interview ? null : '2026上期');
    p.w.push(k % 3 === 0 ? null : 'M1');
    p.n.push(interview ? (k % 5 === 0 ? '佐藤 花子' : null) : null);
    p.m.push(interview && k % 3 !== 0 ? '高橋 健' : null);
  }
  return p;
}

/** The same page asked batch by batch through run(), as the stage asks an external provider through the scheduler. */
async function throughRun(texts: PageTexts, first: number, tasks: TaskName[]) {
  const runner = createOfflineRunner({ taxonomy, positionTitles, workers: 0 });
  const goals = positionGoalMatcher(positions);
  const lines = emptyTagLines();
  const model = 'offline/test';
  for (const [from, to] of batchRanges(first, texts.t.length)) {
    const rows = texts.t.slice(from, to).map((text, k) => ({ text, interview: texts.i[from + k]!, held_on: texts.d[from + k]!, employee: texts.n[from + k] ?? null, interviewer: texts.m[from + k] ?? null }));
    const inRowOrder = <T>(interview: boolean, results: T[]) => {
      let next = 0;
      return rows.map((r) => (r.interview === interview ? results[next++] : undefined));
    };
    const answers: TextAnswers = {
      tags: tasks.includes('skill_tags') ? await runner.run(rows.map((r) => aiJob('skill_tags', model, { text: r.text }))) : [],
      goals: rows.map((r) => (r.interview ? positionGoals(goals, r.text) : [])),
      insights: tasks.includes('interview_insight') ? inRowOrder(true, await runner.run(rows.flatMap((r) => (r.interview ? [aiJob('interview_insight', model, interviewInput(r.text, r.held_on, r.interviewer, r.employee, calendar))] : [])))) : [],
      quality: tasks.includes('comment_quality') ? inRowOrder(false, await runner.run(rows.flatMap((r) => (r.interview ? [] : [aiJob('comment_quality', model, { text: r.text })])))) : [],
    };
    addTextAnswers(lines, texts, from, to, answers, new Set(taxonomy.map((s) => s.skill_id)));
  }
  return { lines, stats: runner.stats };
}

const utf8 = new TextDecoder();

describe('createPageAnswerer', () => {
  for (const tasks of [ALL, ['interview_insight'] as TaskName[], ['skill_tags', 'comment_quality'] as TaskName[]]) {
    it(`gives run()'s rows and counts, batch by batch (${tasks.join(', ')})`, async () => {
      const first = 4096;
      const texts = pageOf(first, 2600);
      const answer = createPageAnswerer({ taxonomy, positionTitles, positions, tasks, calendar });
      const got = answer({ first, json: JSON.stringify(texts) });
      const want = await throughRun(texts, first, tasks);
      expect(got.texts).toBe(2600);
      expect(got.counts).toEqual(want.lines.counts);
      for (const t of ['tags', 'wants', 'insights', 'quality', 'backlog'] as const) expect(utf8.decode(got.lines[t]), t).toBe(want.lines[t]);
      const { jobs, calls, succeeded, cacheHits, transientErrors, leftOver } = want.stats;
      expect(got.stats).toEqual({ jobs, calls, succeeded, cacheHits, transientErrors, leftOver });
      if (tasks.includes('interview_insight')) expect(got.stats.transientErrors).toBeGreaterThan(0);
      expect(got.stats.cacheHits).toBeGreaterThan(0);
    });
  }

  it('answers the same page the same way again (memos change nothing)', () => {
    const answer = createPageAnswerer({ taxonomy, positionTitles, positions, tasks: ALL, calendar });
    const page = { first: 0, json: JSON.stringify(pageOf(0, 1500)) };
    const once = answer(page);
    expect(answer(page)).toEqual(once);
  });
});
