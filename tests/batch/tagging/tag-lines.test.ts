import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../batch/db.ts';
import { createTablesSql } from '../../../batch/model/tables.ts';
import { row, selectTagLines } from '../../../batch/tagging/run-tagging.ts';
import { addTextAnswers, batchRanges, emptyTagLines, tagBytes, TAG_TABLES, type PageTexts, type TextAnswers } from '../../../batch/tagging/tag-lines.ts';
import { tempDir } from '../../helpers/tmp.ts';

const LEFT = { status: 'left_over', reason: 'no valid answer after 1 attempts' } as const;
const done = <T>(output: T) => ({ status: 'done', output, fromCache: false }) as const;

/** An interview note (row 0), an evaluation comment (row 1), another note whose tasks were left over (row 2). */
const page: PageTexts = {
  // The evidence of every tag is words of its text: a tag whose evidence is not is dropped (tested below).
  t: ['Pythonで集計を自動化\u0000した\ud800。SQLを学びたい。x', 'Excel 😀 "quoted" \\ back。SQLも', 'note 2'],
  i: [true, false, true],
  o: ['interview:I1', 'evaluation:E1:2026上期', 'interview:I2'],
  id: ['I1', 'E1:2026上期', 'I2'],
  e: ['E1', 'E1', 'E2'],
  d: ['2026-01-31', null, '2026-02-01'],
  p: [null, '2026上期', null],
  w: ['M1', 'M2', null],
  n: ['佐藤 花子', null, null],
  m: ['高橋 健', null, null],
};
const answers: TextAnswers = {
  tags: [
    done({
      skills: [
        { skill_id: 'python', kind: 'has', level_hint: 3, evidence: 'Pythonで集計を自動化\u0000した\ud800。', confidence: 0.75 },
        { skill_id: 'sql', kind: 'wants', level_hint: null, evidence: 'SQLを学びたい。', confidence: 0.6 },
        { skill_id: 'not_in_taxonomy', kind: 'has', level_hint: 2, evidence: 'x', confidence: 0.9 },
        { skill_id: 'excel', kind: 'needs', level_hint: null, evidence: 'x', confidence: 0.6 },
        // Evidence that is not words of the text: a made-up reason, dropped and counted.
        { skill_id: 'sql', kind: 'has', level_hint: 4, evidence: 'SQLの社内講師を務めた。', confidence: 0.95 },
      ],
    }),
    done({ skills: [{ skill_id: 'excel', kind: 'has', level_hint: null, evidence: 'Excel 😀 "quoted" \\ back', confidence: 0.6 }, { skill_id: 'sql', kind: 'wants', level_hint: null, evidence: 'SQLも', confidence: 0.6 }] }),
    LEFT,
  ],
  goals: [[{ position_id: 'KP1', evidence: '工場長を目指したい。' }], [], [{ position_id: 'KP2', evidence: '課長に\tなりたい。' }]],
  insights: [
    done({
      summary: '要約\n二行目。', aspirations: [{ kind: 'role', text: '工場長\u0001' }], concerns: [], action_items: [{ text: '確認する', owner: 'manager', due: null, cadence: null }],
      retention_signal: 'low', retention_evidence: null,
    }),
    undefined,
    LEFT,
  ],
  quality: [undefined, done({ specific: true, evidence_based: false, forward_looking: true, score: 73, missing: ['数値などの根拠'] }), undefined],
};
const taxonomyIds = new Set(['python', 'sql', 'excel']);

/** The rows the stage appended before it wrote JSON lines, value by value, in the same order. */
function appendedTheOldWay(db: Db) {
  return async () => {
    const a = {
      tags: await db.connection.createAppender('tag_matches'),
      wants: await db.connection.createAppender('aspirations'),
      insights: await db.connection.createAppender('interview_insights'),
      quality: await db.connection.createAppender('comment_quality'),
      backlog: await db.connection.createAppender('ai_backlog'),
    };
    const m = 'offline/test';
    row(a.tags, ['E1', 'python', 3, 'Pythonで集計を自動化\u0000した\ud800。', 0.75, '2026-01-31', 'interview:I1']);
    row(a.wants, ['E1', 'skill', 'sql', 'SQLを学びたい。', 'I1', '2026-01-31', m]);
    row(a.wants, ['E1', 'position', 'KP1', '工場長を目指したい。', 'I1', '2026-01-31', m]);
    row(a.insights, ['I1', 'E1', '2026-01-31', '要約\n二行目。', JSON.stringify([{ kind: 'role', text: '工場長\u0001' }]), '[]', JSON.stringify([{ text: '確認する', owner: 'manager', due: null, cadence: null }]), 'low', null, m, 'interview_insight-v1']);
    row(a.tags, ['E1', 'excel', null, 'Excel 😀 "quoted" \\ back', 0.6, null, 'evaluation:E1:2026上期']);
    row(a.quality, ['E1', '2026上期', 'M2', true, false, true, 73, JSON.stringify(['数値などの根拠']), m, 'comment_quality-v1']);
    row(a.backlog, ['skill_tags', 'interview:I2', 'no valid answer after 1 attempts']);
    row(a.wants, ['E2', 'position', 'KP2', '課長に\tなりたい。', 'I2', '2026-02-01', m]);
    row(a.backlog, ['interview_insight', 'interview:I2', 'no valid answer after 1 attempts']);
    for (const x of Object.values(a)) x.closeSync();
  };
}

async function tables(db: Db) {
  const out: Record<string, unknown[]> = {};
  for (const t of ['tag_matches', 'aspirations', 'interview_insights', 'comment_quality', 'ai_backlog']) out[t] = await db.all(`SELECT * FROM ${t} ORDER BY rowid`);
  return out;
}

async function freshDb(): Promise<Db> {
  const db = await openDb(':memory:');
  await db.run(createTablesSql());
  await db.run(`CREATE TABLE tag_matches (employee_id VARCHAR, skill_id VARCHAR, level INTEGER, evidence VARCHAR, confidence DOUBLE, on_date DATE, origin VARCHAR)`);
  return db;
}

describe('batchRanges', () => {
  it('cuts a page into DuckDB-vector groups of 2048 texts, each in batches of 500', () => {
    expect(batchRanges(0, 2100)).toEqual([[0, 500], [500, 1000], [1000, 1500], [1500, 2000], [2000, 2048], [2048, 2100]]);
    expect(batchRanges(4096, 3)).toEqual([[0, 3]]);
    expect(batchRanges(0, 0)).toEqual([]);
    expect(() => batchRanges(100, 5)).toThrow(/multiple of 2048/);
  });
});

describe('addTextAnswers', () => {
  it('counts the rows per table and drops skills outside the taxonomy', () => {
    const lines = emptyTagLines();
    addTextAnswers(lines, page, 0, 3, answers, taxonomyIds);
    // A comment's wanted skill is not an aspiration: only notes say what people want.
    expect(lines.counts).toEqual({ aspirations: 3, developmentNeeds: 1, unverified: 1, insights: 1, commentsJudged: 1, outOfTaxonomy: 1, leftOver: 2 });
    expect(lines.wants.trim().split('\n').map((l) => JSON.parse(l).t)).toEqual(['sql', 'KP1', 'KP2']);
    expect(lines.needs.trim().split('\n').map((l) => JSON.parse(l).s)).toEqual(['excel']);
    expect(lines.tags).not.toContain('講師');
  });

  it('gives DuckDB the very rows the appender stored, in the same order: NUL, lone surrogates, emoji, JSON text, NULLs, casts', async () => {
    const lines = emptyTagLines();
    // Two calls, as two batches would: rows come out in order.
    addTextAnswers(lines, page, 0, 2, { tags: answers.tags.slice(0, 2), goals: answers.goals.slice(0, 2), insights: answers.insights.slice(0, 2), quality: answers.quality.slice(0, 2) }, taxonomyIds);
    addTextAnswers(lines, page, 2, 3, { tags: answers.tags.slice(2), goals: answers.goals.slice(2), insights: answers.insights.slice(2), quality: answers.quality.slice(2) }, taxonomyIds);
    const dir = await tempDir('tag-lines');
    const bytes = tagBytes(lines);
    for (const t of TAG_TABLES) writeFileSync(join(dir, `${t}.jsonl`), bytes[t]);

    const loaded = await freshDb();
    const old = await freshDb();
    try {
      const f = (t: (typeof TAG_TABLES)[number]) => selectTagLines(t, [join(dir, `${t}.jsonl`)]);
      await loaded.run(`INSERT INTO tag_matches ${f('tags')}`);
      await loaded.run(`INSERT INTO aspirations SELECT *, 'offline/test' FROM (${f('wants')})`);
      await loaded.run(`INSERT INTO interview_insights SELECT *, 'offline/test', 'interview_insight-v1' FROM (${f('insights')})`);
      await loaded.run(`INSERT INTO comment_quality SELECT *, 'offline/test', 'comment_quality-v1' FROM (${f('quality')})`);
      await loaded.run(`INSERT INTO ai_backlog ${f('backlog')}`);
      await appendedTheOldWay(old)();
      const got = await tables(loaded);
      expect(got).toEqual(await tables(old));
      expect(got.tag_matches).toHaveLength(2);
      expect((got.tag_matches![0] as { evidence: string }).evidence).toBe('Pythonで集計を自動化\u0000した\ufffd。');
    } finally {
      loaded.close();
      old.close();
    }
  });
});
