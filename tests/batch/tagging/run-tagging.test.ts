import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOfflineProvider } from '../../../batch/ai/offline-provider.ts';
import { createOfflineRunner, type JobRunner } from '../../../batch/ai/offline-runner.ts';
import { createScheduler } from '../../../batch/ai/scheduler.ts';
import { openDb, type Db } from '../../../batch/db.ts';
import { parseTaxonomyCsv } from '../../../batch/ingest/load-taxonomy.ts';
import { memoryLogger } from '../../../batch/log.ts';
import { createTablesSql } from '../../../batch/model/tables.ts';
import { mulberry32 } from '../../../batch/seeded-random.ts';
import { runTextTasks } from '../../../batch/tagging/run-tagging.ts';
import type { ConfigInput } from '../../../schemas/config.ts';
import { fixtureConfig } from '../publish/fixture.ts';
import { virtualClock } from '../../helpers/virtual-clock.ts';

const taxonomy = parseTaxonomyCsv(readFileSync('data/taxonomy/skills.csv', 'utf8'), 'skills.csv');
const positions = [
  { position_id: 'KP1', title: '品質保証部長' },
  { position_id: 'KP2', title: '浜松工場長' },
];
const titles = positions.map((p) => p.title);

const notes = [
  '将来は品質保証部長を目指したい。FMEAの経験をもっと積みたい。',
  '1on1（30分）。残業が多く負担を感じている。12/15までに業務分担を見直す（上長）。',
  'ＰＬＣ制御には自信がついてきたとのこと。\nPythonは未経験だが学びたい。',
  'PLC制御には自信がついてきたとのこと。\nPythonは未経験だが学びたい。',
  '転職を考えていると率直に話があった。浜松工場長のような立場には興味がある。',
  'Excelでの集計を自動化し、月次処理を2日短縮した。次はSQLを覚えて、データ分析ができるようになりたい。',
];
const comments = ['特になし', '  特になし ', '原価管理の仕組みを整え、主力機種の原価を40%低減した。', 'PLC制御の改修を主導し、不良率を30%削減した。引き続き後輩指導を期待する。', 'よく頑張っていた。'];

/**
 * 1,500 interview notes and 9,100 evaluation comments: two pages of texts, the second holding both kinds, many
 * DuckDB vectors, copies within and across batches.
 */
async function company(): Promise<Db> {
  const db = await openDb(':memory:');
  await db.run(createTablesSql());
  await db.run(`INSERT INTO interviews SELECT 'IV' || lpad(i::VARCHAR, 5, '0'), 'E' || (i % 97), 'M' || (i % 7), DATE '2026-01-05' + (i % 200)::INTEGER, 'career',
      list_extract(${sqlList(notes)}, (i % ${notes.length}) + 1) || CASE WHEN i % 5 = 0 THEN '' ELSE '（記録' || (i % 60) || '）' END, i, NULL, 'interviews.csv' FROM range(1500) t(i)`);
  await db.run(`INSERT INTO evaluations SELECT 'E' || (i // 13), '20' || (20 + i % 13) || '上期', 'B', 0.5, NULL, NULL,
      CASE WHEN i % 11 = 0 THEN NULL ELSE list_extract(${sqlList(comments)}, (i % ${comments.length}) + 1) END, CASE WHEN i % 4 = 0 THEN NULL ELSE 'M1' END, i, 'evaluations.csv' FROM range(10010) t(i)`);
  return db;
}

function sqlList(xs: string[]): string {
  return `[${xs.map((x) => `'${x.replaceAll("'", "''")}'`).join(', ')}]`;
}

async function tagged(runner: JobRunner, ai: ConfigInput['ai'] = {}) {
  const db = await company();
  try {
    const provider = createOfflineProvider(taxonomy, titles);
    const result = await runTextTasks(
      { db, log: memoryLogger(), config: fixtureConfig({ ai }), runId: 'r', asOf: '2026-10-01' },
      { provider, scheduler: runner, taxonomy, masker: null, positions },
    );
    const tables: Record<string, unknown[]> = {};
    for (const t of ['employee_skills', 'aspirations', 'interview_insights', 'comment_quality', 'ai_backlog']) tables[t] = await db.all(`SELECT * FROM ${t} ORDER BY rowid`);
    const temp = await db.all(`SELECT table_name FROM duckdb_tables() WHERE temporary`);
    return { result, tables, stats: runner.stats, temp };
  } finally {
    db.close();
  }
}

/** The scheduler with the offline provider, as the batch ran before the lean runner: the reference. */
function scheduler(): JobRunner {
  return createScheduler({
    provider: createOfflineProvider(taxonomy, titles), cache: null, limiter: null, clock: virtualClock(), random: mulberry32(1), concurrency: 64, maxAttempts: 1,
    maxCompletionTokens: 0, circuitBreakerFailures: Number.MAX_SAFE_INTEGER, tokenCap: null, costCapUsd: null, pricePerMillion: { input: 0, output: 0 },
  });
}

describe('runTextTasks', () => {
  it('writes, offline in pages (on the main thread or on workers), the rows and counts the scheduler gives, in the same order', async () => {
    const want = await tagged(scheduler());
    expect(want.result.texts).toBe(1500 + 10010 - 910);
    expect(want.result.inferredSkills).toBeGreaterThan(0);
    expect(want.result.aspirations).toBeGreaterThan(0);
    expect(want.stats.cacheHits).toBeGreaterThan(0);
    const here = await tagged(createOfflineRunner({ taxonomy, positionTitles: titles, workers: 0 }));
    expect(here).toEqual(want);
    const threads = createOfflineRunner({ taxonomy, positionTitles: titles, workers: 1, inlineFirst: 0 });
    try {
      expect(await tagged(threads)).toEqual(want);
    } finally {
      await threads.close?.();
    }
    expect(want.temp).toEqual([]);
  });

  it('runs only the configured tasks', async () => {
    const ai = { tasks: ['comment_quality' as const] };
    const want = await tagged(scheduler(), ai);
    expect(await tagged(createOfflineRunner({ taxonomy, positionTitles: titles, workers: 0 }), ai)).toEqual(want);
    expect(want.tables.interview_insights).toEqual([]);
    expect(want.tables.employee_skills).toEqual([]);
    expect(want.tables.comment_quality).toHaveLength(9100);
  });
});
