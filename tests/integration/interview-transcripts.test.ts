import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../batch/db.ts';
import { memoryLogger } from '../../batch/log.ts';
import { runBatch } from '../../batch/pipeline.ts';
import { mulberry32 } from '../../batch/seeded-random.ts';
import { tempDir } from '../helpers/tmp.ts';

/**
 * Interview transcripts through the whole batch: the corpus case interview-transcripts-by-file-column, and a
 * generated hour-long WebVTT (tens of thousands of characters) as another interview's only notes. What is
 * checked is what a person reads back from DuckDB: the notes whole, the utterances with speakers and times,
 * and the skills the tagger found in a transcript.
 */
const CASE = 'tests/fixtures/bad-inputs/interview-transcripts-by-file-column';

/** An hour of a career interview as Teams writes it: 720 cues of 5 s, two speakers taking turns. */
function longVtt(seed: number): { vtt: string; cues: number; chars: number } {
  const random = mulberry32(seed);
  const lines = ['今期の業務を振り返ってください。', '生産計画の見直しを担当しました。', 'チームの残業は少し減りました。', '来期は後輩の育成にも関わりたいです。', 'そのために何が必要だと思いますか。'];
  const out = ['WEBVTT', ''];
  let chars = 0;
  for (let i = 0; i < 720; i++) {
    const from = i * 5000;
    const t = (ms: number) => new Date(ms).toISOString().slice(11, 23);
    const speaker = i % 2 === 0 ? '高橋 健' : '中村 さくら';
    const pick = () => lines[Math.floor(random() * lines.length)]!;
    const text = `${pick()}${pick()}${pick()}（${i + 1}）`;
    chars += text.length;
    out.push(`cue-${i + 1}`, `${t(from)} --> ${t(from + 4800)}`, `<v ${speaker}>${text}</v>`, '');
  }
  return { vtt: out.join('\n'), cues: 720, chars };
}

describe('interview transcripts through the batch', () => {
  it('loads notes and transcripts whole, keeps speakers and times, and tags what the transcript says', async () => {
    const dir = await tempDir('transcripts');
    await cp('tests/fixtures/bad-inputs/_base', dir, { recursive: true });
    await cp(join(CASE, 'interviews.csv'), join(dir, 'interviews.csv'));
    await cp(join(CASE, 'transcripts'), join(dir, 'transcripts'), { recursive: true });
    const long = longVtt(7);
    await writeFile(join(dir, 'transcripts', 'IV-007.vtt'), long.vtt);
    await writeFile(join(dir, 'interviews.csv'), `${(await readFile(join(dir, 'interviews.csv'), 'utf8')).trimEnd()}\nIV-007,S008,S007,2026/08/01,キャリア面談,,IV-007.vtt\n`);
    const config = parse(await readFile(join(dir, 'config.yaml'), 'utf8'));
    config.taxonomy = resolve('data/taxonomy/skills.csv');
    config.sources[2] = {
      ...config.sources[2], max_reject_rate: 0.5, transcripts: { dir: 'transcripts' },
      columns: { ...config.sources[2].columns, transcript_file: '議事録ファイル' },
    };
    await writeFile(join(dir, 'config.yaml'), stringify(config));
    const summary = await runBatch({ configPath: join(dir, 'config.yaml'), outDir: join(dir, 'out'), log: memoryLogger(), env: { ...process.env, TALENT_ATLAS_AI_WORKERS: '0' }, now: () => new Date('2026-10-01T02:00:00Z') });
    const db = await openDb(summary.dbPath);
    try {
      const notes = await db.all<{ interview_id: string; notes: string; transcript_file: string | null }>(`SELECT interview_id, notes, transcript_file FROM interviews ORDER BY 1`);
      expect(notes.map((n) => [n.interview_id, n.transcript_file])).toEqual([
        ['IV-001', 'IV-001 キャリア面談.vtt'], ['IV-002', '2026/IV-002.srt'], ['IV-004', null], ['IV-005', null], ['IV-007', 'IV-007.vtt'],
      ]);
      // The note first, then the transcript, a line per turn.
      expect(notes[0]!.notes).toBe(
        '面談前に本人から異動希望の連絡あり。\n\n高橋 健: それでは、キャリア面談を始めます。\n田中 美咲: よろしくお願いします。最近は Excel の集計を自動化する仕事が多いです。将来はマネージャーを目指したいです。\n高橋 健: いいですね。来月までに研修の候補を共有します & 相談しましょう。',
      );
      expect(notes[1]!.notes).toBe('高橋: 今期の目標について話しましょう。\n田中: 英語の勉強を続けています。TOEICは来月受けます。\n残業が多いのが少し不満です。');
      // The hour-long transcript whole: every cue its own turn (the speakers alternate), each "speaker: " added.
      const longNotes = notes[4]!.notes;
      expect(longNotes.length).toBe(long.chars + 360 * '高橋 健: '.length + 360 * '中村 さくら: '.length + 719);
      expect(longNotes.length).toBeGreaterThan(30_000);
      expect(longNotes.endsWith('（720）')).toBe(true);
      const utterances = await db.all<{ interview_id: string; n: number; speakers: string[]; first: number; last: number }>(
        `SELECT interview_id, count(*)::INTEGER AS n, list_sort(list_distinct(list(speaker))) AS speakers, min(start_ms)::INTEGER AS first, max(end_ms)::INTEGER AS last FROM interview_utterances GROUP BY 1 ORDER BY 1`,
      );
      expect(utterances).toEqual([
        { interview_id: 'IV-001', n: 4, speakers: ['田中 美咲', '高橋 健'], first: 3120, last: 26050 },
        { interview_id: 'IV-002', n: 3, speakers: ['田中', '高橋'], first: 1000, last: 12000 },
        { interview_id: 'IV-007', n: 720, speakers: ['中村 さくら', '高橋 健'], first: 0, last: 719 * 5000 + 4800 },
      ]);
      expect(await db.all(`SELECT seq, speaker, start_ms, end_ms, text FROM interview_utterances WHERE interview_id = 'IV-002' ORDER BY seq`)).toEqual([
        { seq: 1, speaker: '高橋', start_ms: 1000, end_ms: 4000, text: '今期の目標について話しましょう。' },
        { seq: 2, speaker: '田中', start_ms: 4500, end_ms: 8250, text: '英語の勉強を続けています。TOEICは来月受けます。' },
        { seq: 3, speaker: null, start_ms: 9000, end_ms: 12000, text: '残業が多いのが少し不満です。' },
      ]);
      // The tagger read the transcript of IV-002, S005's only notes: English (英語の勉強, TOEIC).
      const inferred = await db.all<{ skill_id: string }>(`SELECT DISTINCT skill_id FROM employee_skills WHERE employee_id = 'S005' AND source = 'inferred' ORDER BY 1`);
      expect(inferred.map((r) => r.skill_id)).toContain('english');
    } finally {
      db.close();
    }
  });
});
