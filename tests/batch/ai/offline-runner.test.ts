import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realClock } from '../../../batch/ai/clock.ts';
import { createOfflineProvider } from '../../../batch/ai/offline-provider.ts';
import { createOfflineRunner } from '../../../batch/ai/offline-runner.ts';
import { aiJob, createScheduler, type AiJob } from '../../../batch/ai/scheduler.ts';
import { parseTaxonomyCsv } from '../../../batch/ingest/load-taxonomy.ts';
import { mulberry32 } from '../../../batch/seeded-random.ts';
import type { TaskName } from '../../../schemas/ai-tasks.ts';

const taxonomy = parseTaxonomyCsv(readFileSync('data/taxonomy/skills.csv', 'utf8'), 'skills.csv');
const titles = ['品質保証部長', '浜松工場長'];
const MODEL = 'offline/test';

/** The scheduler as the batch configured it for the offline provider before the lean runner. */
function scheduler() {
  return createScheduler({
    provider: createOfflineProvider(taxonomy, titles), cache: null, limiter: null, clock: realClock, random: mulberry32(1), concurrency: 64, maxAttempts: 1,
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
    notes.map((text, i) => aiJob('interview_insight', MODEL, { text, held_on: `2026-0${1 + (i % 3)}-10` })),
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

  it('answers the same on worker threads, and stops them when closed', async () => {
    const here = createOfflineRunner({ taxonomy, positionTitles: titles, workers: 0 });
    const threads = createOfflineRunner({ taxonomy, positionTitles: titles, workers: 2, inlineFirst: 0 });
    // Big enough batches to go to the workers.
    const many = Array.from({ length: 200 }, (_, i) => `${notes[i % notes.length]}（記録${i}）`);
    const jobs = (): Array<AiJob<TaskName>> => many.map((text) => aiJob('interview_insight', MODEL, { text, held_on: '2026-04-01' }));
    try {
      expect(await threads.run(jobs())).toEqual(await here.run(jobs()));
      expect(threads.stats).toEqual(here.stats);
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
