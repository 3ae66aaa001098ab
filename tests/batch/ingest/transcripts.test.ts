import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTimestamp, parseTranscript, readTranscript, renderTranscript, transcriptFormat, type Utterance } from '../../../batch/ingest/transcripts.ts';

/** Transcripts laid out as the tools write them (tests/fixtures/transcripts/); every expectation is by hand. */
const DIR = 'tests/fixtures/transcripts';

async function parse(file: string): Promise<Utterance[]> {
  const read = await readTranscript(join(DIR, file), 'auto');
  if (!('text' in read)) throw new Error(read.problem);
  return parseTranscript(read.text, transcriptFormat(file)!).utterances;
}

const u = (speaker: string | null, startMs: number | null, endMs: number | null, text: string): Utterance => ({ speaker, startMs, endMs, text });

describe('transcripts', () => {
  it('reads times as the tools write them', () => {
    expect(['00:00:03.120', '01:02.000', '00:00:04,500', '1:05', '00:01:23', '1:02:03'].map(parseTimestamp)).toEqual([3120, 62000, 4500, 65000, 83000, 3723000]);
    expect(['', '12', '00:61', 'abc', '1:60:00'].map(parseTimestamp)).toEqual([null, null, null, null, null]);
  });

  it('knows a transcript by its extension', () => {
    expect(['a.vtt', 'B.SRT', 'c.txt', 'd.docx', 'e', '面談.VTT'].map(transcriptFormat)).toEqual(['vtt', 'srt', 'txt', null, null, 'vtt']);
  });

  it('reads a Teams WebVTT (CRLF, cue ids, <v> voices, wrapped lines, entities)', async () => {
    const us = await parse('teams.vtt');
    expect(us).toEqual([
      u('高橋 健', 3120, 7480, 'それでは、キャリア面談を始めます。'),
      u('田中 美咲', 8010, 15230, 'よろしくお願いします。最近は Excel の集計を自動化する仕事が多いです。'),
      u('田中 美咲', 15230, 19900, '将来はマネージャーを目指したいです。'),
      u('高橋 健', 20400, 26050, 'いいですね。来月までに研修の候補を共有します & 相談しましょう。'),
    ]);
    // A speaker's consecutive cues are one turn in the text the AI stage reads.
    expect(renderTranscript(us)).toBe(
      '高橋 健: それでは、キャリア面談を始めます。\n田中 美咲: よろしくお願いします。最近は Excel の集計を自動化する仕事が多いです。将来はマネージャーを目指したいです。\n高橋 健: いいですね。来月までに研修の候補を共有します & 相談しましょう。',
    );
  });

  it('reads a Zoom WebVTT (BOM, numbered cues, "name: text", a NOTE block, minutes without hours)', async () => {
    expect(await parse('zoom.vtt')).toEqual([
      u('高橋 健', 1500, 4200, 'では始めましょう。'),
      u('田中 美咲', 4900, 9000, '将来はマネージャーを目指したいです。'),
      u('田中 美咲', 62000, 65500, 'PLC制御も勉強しています。'),
    ]);
  });

  it('reads SubRip with [name] labels, a two-line cue and a cue without a speaker', async () => {
    expect(await parse('clova.srt')).toEqual([
      u('高橋', 1000, 4000, '今期の目標について話しましょう。'),
      u('田中', 4500, 8250, '英語の勉強を続けています。TOEICは来月受けます。'),
      u(null, 9000, 12000, '残業が多いのが少し不満です。'),
    ]);
  });

  it('reads a Notta-style text export: title lines, "name 00:12" above each paragraph', async () => {
    const us = await parse('notta.txt');
    expect(us).toEqual([
      u(null, null, null, 'キャリア面談_田中美咲_20260601\n2026-06-01 10:00'),
      u('高橋 健', 0, null, 'それでは始めます。最近の業務はどうですか。'),
      u('田中 美咲', 12000, null, '順調です。PLC制御の資格を取りたいと思っています。\n来年は海外の案件にも関わりたいです。'),
      u('高橋 健', 65000, null, '分かりました。'),
    ]);
  });

  it('reads "[00:00:05] 名前：…" lines, keeping a negation inside the sentence intact', async () => {
    expect(await parse('bracketed-times.txt')).toEqual([
      u('高橋', 5000, null, '最近どうですか。'),
      u('田中', 9000, null, '不満ではなく、もっと任せてほしいという気持ちです。'),
      u('高橋', 20000, null, '了解です。'),
    ]);
  });

  it('reads a CP932 text export with 話者1 (00:01:23) headers under encoding auto', async () => {
    expect(await parse('cp932-speakers.txt')).toEqual([
      u(null, null, null, '議事録（自動生成）'),
      u('話者1', 83000, null, '今日はよろしくお願いします。'),
      u('話者2', 90000, null, '転勤は難しいです。'),
    ]);
  });

  it('keeps a plain note without speakers as it is, paragraphs apart', () => {
    const { utterances } = parseTranscript('異動の希望あり。\n来期に相談。\n\n残業は減った。', 'txt');
    expect(utterances).toEqual([u(null, null, null, '異動の希望あり。\n来期に相談。'), u(null, null, null, '残業は減った。')]);
    expect(renderTranscript(utterances)).toBe('異動の希望あり。\n来期に相談。\n残業は減った。');
  });

  it('removes control characters and says so', () => {
    expect(parseTranscript('田中: a\u0007b\u001bc', 'txt')).toEqual({ utterances: [u('田中', null, null, 'abc')], cleaned: true });
    expect(parseTranscript('田中: abc', 'txt').cleaned).toBe(false);
  });

  it('refuses a file that is neither UTF-8 nor CP932, naming the first bad line', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'ta-transcript-'));
    await writeFile(join(dir, 'bad.txt'), Buffer.concat([Buffer.from('田中: はい\n高橋: '), Buffer.from([0x81, 0x20, 0xff, 0xfe]), Buffer.from('\n')]));
    expect(await readTranscript(join(dir, 'bad.txt'), 'auto')).toEqual({ problem: 'is not UTF-8 or CP932 text (first bad line 2); save it as UTF-8 or set transcripts.encoding' });
    expect(await readTranscript(join(dir, 'bad.txt'), 'utf-8')).toEqual({ problem: 'is not UTF-8 text (first bad line 2); save it as UTF-8 or set transcripts.encoding' });
    const cp932 = await readFile(join(DIR, 'cp932-speakers.txt'));
    await writeFile(join(dir, 'sjis.txt'), cp932);
    expect('text' in (await readTranscript(join(dir, 'sjis.txt'), 'cp932'))).toBe(true);
  });
});
