import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOfflineProvider } from '../../../batch/ai/offline-provider.ts';
import { createOfflineRunner } from '../../../batch/ai/offline-runner.ts';
import { aiJob, createScheduler, type AiJob } from '../../../batch/ai/scheduler.ts';
import { interviewInput } from '../../../batch/tagging/tag-lines.ts';
import { parseTaxonomyCsv } from '../../../batch/ingest/load-taxonomy.ts';
import { mulberry32 } from '../../../batch/seeded-random.ts';
import type { TaskName } from '../../../schemas/ai-tasks.ts';
import { virtualClock } from '../../helpers/virtual-clock.ts';

const taxonomy = parseTaxonomyCsv(readFileSync('data/taxonomy/skills.csv', 'utf8'), 'skills.csv');
const titles = ['品質保証部長', '浜松工場長'];
const MODEL = 'offline/test';

/** The scheduler as the batch configured it for the offline provider before the lean runner. */
function scheduler() {
  return createScheduler({
    provider: createOfflineProvider(taxonomy, titles), cache: null, limiter: null, clock: virtualClock(), random: mulberry32(1), concurrency: 64, maxAttempts: 1,
    maxCompletionTokens: 0, circuitBreakerFailures: Number.MAX_SAFE_INTEGER, tokenCap: null, costCapUsd: null, pricePerMillion: { input: 0, output: 0 },
  });
}

const notes = [
  '将来は品質保証部長を目指したい。FMEAの経験をもっと積みたい。',
  '1on1（30分）。残業が多く負担を感じている。12/15までに業務分担を見直す（上長）。',
  '転職を考えていると率直に話があった。',
  'ＰＬＣ制御には自信がついてきたとのこと。', // width variant of the next: the same cache key
  'PLC制御には自信がついてきたとのこと。',
  '特になし',
  '特になし',
  '  特になし ',
  'Pythonでのデータ分析に興味がある。',
];

/** Three batches as the tagging stage sends them (skill tags, insights, comment quality), twice over. */
function batches(): Array<Array<AiJob<TaskName>>> {
  const one = () => [
    notes.map((text) => aiJob('skill_tags', MODEL, { text })),
    notes.map((text, i) => aiJob('interview_insight', MODEL, interviewInput(text, `2026-0${1 + (i % 3)}-10`, null, null, { fiscalYearStartMonth: 4, cycleMonths: 6 }))),
    notes.map((text) => aiJob('comment_quality', MODEL, { text })),
  ];
  return [...one(), ...one()] as Array<Array<AiJob<TaskName>>>;
}

describe('createOfflineRunner', () => {
  it('gives the scheduler’s results and counts: identical keys in a batch are answered once, as cache hits', async () => {
    const expected = scheduler();
    const want = [];
    for (const b of batches()) want.push(await expected.run(b));
    const runner = createOfflineRunner({ taxonomy, positionTitles: titles, workers: 0 });
    const got = [];
    for (const b of batches()) got.push(await runner.run(b));
    expect(got).toEqual(want);
    expect(runner.stats).toEqual(expected.stats);
    expect(runner.stats.cacheHits).toBeGreaterThan(0);
  });

  it('answers pages of texts the same on worker threads as on the main thread, with the same counts, and stops them when closed', async () => {
    const here = createOfflineRunner({ taxonomy, positionTitles: titles, workers: 0 });
    const threads = createOfflineRunner({ taxonomy, positionTitles: titles, workers: 2, inlineFirst: 0 });
    const setup = { tasks: ['skill_tags', 'interview_insight', 'comment_quality'] as TaskName[], positions: [{ position_id: 'KP1', title: '品質保証部長' }], calendar: { fiscalYearStartMonth: 4, cycleMonths: 6 } };
    // Pages of 2048 texts, notes and comments, some repeated.
    const pages = [0, 2048, 4096, 6144, 8192].map((first) => {
      const t = Array.from({ length: 2048 }, (_, k) => `${notes[k % notes.length]}（記録${k % 45}）`);
      return {
        first,
        json: JSON.stringify({
          t, i: t.map((_, k) => k % 3 > 0), o: t.map((_, k) => `x:${first + k}`), id: t.map((_, k) => `${first + k}`), e: t.map(() => 'E1'),
          d: t.map((_, k) => (k % 3 > 0 ? '2026-04-01' : null)), p: t.map((_, k) => (k % 3 > 0 ? null : '2026上期')), w: t.map(() => null), n: t.map(() => '佐藤 花子'), m: t.map((_, k) => (k % 2 ? '高橋 健' : null)),
        }),
      };
    });
    try {
      const inline = here.textPages!(setup);
      const onThreads = threads.textPages!(setup);
      const want = [];
      for (const p of pages) want.push(await inline(p));
      // All asked at once: the workers take two each, the main thread the rest.
      expect(await Promise.all(pages.map((p) => onThreads(p)))).toEqual(want);
      expect(threads.stats).toEqual(here.stats);
      expect(threads.stats.cacheHits).toBeGreaterThan(0);
      // A page a worker cannot answer fails the same way it would here.
      await expect(onThreads({ first: 0, json: '{"t": [' })).rejects.toThrow(SyntaxError);
    } finally {
      await threads.close?.();
    }
  });

  it('computes the cache key of a job only when it is read (the offline runner never reads it)', () => {
    const job = aiJob('skill_tags', MODEL, { text: 'x' });
    expect(Object.getOwnPropertyDescriptor(job, 'key')?.get).toBeTypeOf('function');
    expect(job.key).toMatch(/^[0-9a-f]{64}$/);
  });
});
