import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import pLimit from 'p-limit';
import type { z } from 'zod';
import type { InterviewsSource } from '../../schemas/config.ts';
import type { Db } from '../db.ts';
import { parseTranscript, readTranscript, renderTranscript, transcriptFormat } from '../ingest/transcripts.ts';
import type { RejectSink } from '../rejects.ts';

type Source = z.infer<typeof InterviewsSource>;

/** Where a source's transcripts are: the folder as the batch reads it, and as messages show it. */
export interface TranscriptFolder {
  path: string;
  shown: string;
}

/** What became of a row's transcript: its rendered text, or why there is none. */
export type TranscriptOutcome = { line: number; file: string; text: string } | { line: number; file: string; problem: string; missing: boolean };

/** Files read at once: transcripts are small, but a night may hold tens of thousands. */
const READ_AT_ONCE = 8;

/** The file a row names: its transcript_file cell, or `transcripts.file_pattern` filled in with its fields. */
export function transcriptFileOf(source: Source, row: { transcript_file: string | null; interview_id: string | null; employee_id: string | null; held_on: string | null }): string | null {
  if (source.columns.transcript_file) return row.transcript_file;
  const pattern = source.transcripts?.file_pattern;
  if (!pattern) return null;
  let missing = false;
  const name = pattern.replace(/\{(interview_id|employee_id|held_on)\}/g, (_, k: 'interview_id' | 'employee_id' | 'held_on') => {
    const v = row[k];
    if (v === null) missing = true;
    return v ?? '';
  });
  return missing ? null : name;
}

/**
 * Reads the transcripts of the rows still kept in `stage` (line, interview_id, employee_id, held_on,
 * transcript_file): each file's utterances go straight to interview_utterances, its rendered text into the
 * temp table `iv_transcripts (line, file, text)`. Returns the outcome of every row naming a file, and
 * reports once each file of the folder that no row of the export names.
 */
export async function loadTranscripts(db: Db, stage: string, source: Source, folder: TranscriptFolder, report: { sink: RejectSink; sourceFile: string }): Promise<TranscriptOutcome[]> {
  const rows = await db.all<{ line: number; keep: boolean; interview_id: string | null; employee_id: string | null; held_on: string | null; transcript_file: string | null }>(
    `SELECT line, keep, interview_id, employee_id, CAST(held_on AS VARCHAR) AS held_on, transcript_file FROM ${stage} ORDER BY line`,
  );
  const named = rows.map((r) => ({ ...r, file: transcriptFileOf(source, r) }));
  const limit = pLimit(READ_AT_ONCE);
  const outcomes = await Promise.all(named.filter((r) => r.keep && r.file).map((r) => limit(() => readOne(folder, r.file!, source.transcripts!.encoding, r.line))));

  await db.run(`CREATE TEMP TABLE iv_transcripts (line INTEGER, file VARCHAR, text VARCHAR)`);
  const texts = await db.connection.createAppender('iv_transcripts', 'main', 'temp');
  const utterances = await db.connection.createAppender('interview_utterances');
  const ids = new Map(named.map((r) => [r.line, r.interview_id!]));
  for (const o of outcomes) {
    if (!('text' in o)) continue;
    const { line, file, text, parsed } = o;
    texts.appendInteger(line);
    texts.appendVarchar(file);
    texts.appendVarchar(text);
    texts.endRow();
    parsed.forEach((u, i) => {
      utterances.appendVarchar(ids.get(line)!);
      utterances.appendInteger(i + 1);
      if (u.speaker === null) utterances.appendNull();
      else utterances.appendVarchar(u.speaker);
      for (const ms of [u.startMs, u.endMs]) {
        if (ms === null) utterances.appendNull();
        else utterances.appendInteger(ms);
      }
      utterances.appendVarchar(u.text);
      utterances.endRow();
    });
    if (o.cleaned) report.sink.add({ source_file: report.sourceFile, line, column: source.columns.transcript_file ?? null, value: file, reason: 'control characters removed from the transcript', action: 'value_cleaned' });
  }
  texts.closeSync();
  utterances.closeSync();

  const referenced = new Set(named.filter((r) => r.file).map((r) => resolve(folder.path, r.file!)));
  for (const file of await transcriptFiles(folder.path)) {
    if (referenced.has(file)) continue;
    report.sink.add({
      source_file: report.sourceFile, line: source.header_line, column: source.columns.transcript_file ?? null, value: relative(folder.path, file),
      reason: `transcript ${join(folder.shown, relative(folder.path, file))} is named by no row of the export: not loaded (check its name${source.transcripts!.file_pattern ? ` against file_pattern ${source.transcripts!.file_pattern}` : ''})`,
      action: 'value_flagged',
    });
  }
  report.sink.flush();
  return outcomes.map((o) => ('text' in o ? { line: o.line, file: o.file, text: o.text } : o));
}

async function readOne(folder: TranscriptFolder, file: string, encoding: 'auto' | 'utf-8' | 'utf-8-bom' | 'cp932', line: number) {
  const path = resolve(folder.path, file);
  const shown = join(folder.shown, file);
  const problem = (p: string, missing = false) => ({ line, file, problem: p, missing });
  if (!path.startsWith(folder.path + sep)) return problem(`transcript "${file}" is outside the folder ${folder.shown}`);
  const format = transcriptFormat(file);
  if (!format) return problem(`transcript ${shown} is not a .vtt, .srt or .txt file`);
  let read: Awaited<ReturnType<typeof readTranscript>>;
  try {
    read = await readTranscript(path, encoding);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return problem(code === 'ENOENT' ? `transcript ${shown} does not exist` : `transcript ${shown} cannot be read (${code ?? String(e)})`, code === 'ENOENT');
  }
  if ('problem' in read) return problem(`transcript ${shown} ${read.problem}`);
  const { utterances, cleaned } = parseTranscript(read.text, format);
  const text = renderTranscript(utterances);
  if (!text.trim()) return problem(`transcript ${shown} holds no text`);
  return { line, file, text, parsed: utterances, cleaned };
}

/** The transcript files of a folder and its subfolders, as absolute paths. */
async function transcriptFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && transcriptFormat(e.name)).map((e) => join(e.parentPath, e.name)).sort();
}
