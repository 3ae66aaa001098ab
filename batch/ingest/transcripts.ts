import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';

/**
 * Interview transcripts as AI minutes tools and meeting apps export them: WebVTT (Teams, Zoom, Google Meet),
 * SubRip (.srt) and plain text (Notta, tl;dv, CLOVA Note, YOMEL, … : `話者 00:01:05` above a paragraph,
 * `[00:01:05] 田中: …`, `田中：…`). Each becomes utterances that keep their speaker and times; the text the AI
 * stage reads is the utterances as `speaker: text` lines. Pure functions but `readTranscript`.
 */
export interface Utterance {
  speaker: string | null;
  startMs: number | null;
  endMs: number | null;
  text: string;
}

export type TranscriptFormat = 'vtt' | 'srt' | 'txt';

/** The format of a transcript file by its extension; null for any other file. */
export function transcriptFormat(file: string): TranscriptFormat | null {
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  return ext === 'vtt' || ext === 'srt' || ext === 'txt' ? ext : null;
}

/** `01:02:03.450`, `02:03,450`, `1:02:03` → milliseconds; null when it is not a time. */
export function parseTimestamp(s: string): number | null {
  const m = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/.exec(s.trim());
  if (!m) return null;
  const [, h, min, sec, frac] = m;
  if (Number(sec) > 59 || (h !== undefined && Number(min) > 59)) return null;
  return ((Number(h ?? 0) * 60 + Number(min)) * 60 + Number(sec)) * 1000 + Number((frac ?? '0').padEnd(3, '0'));
}

const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
/** A speaker label: short, no sentence punctuation, not a time. */
const LABEL = String.raw`[^\s:：。、，,.!?！？「」『』()（）\[\]【】<>][^:：。、，,!?！？「」『』\[\]【】<>]{0,29}?`;
const LABELLED = new RegExp(String.raw`^(?:[\[【](${LABEL})[\]】]\s*|(${LABEL})\s*[:：]\s+|(${LABEL})[：]\s*)(.+)$`);
const TIMED_LABELLED = new RegExp(String.raw`^[\[(（]?(${TIME})[\])）]?\s+(?:(${LABEL})\s*[:：]\s*)?(.+)$`);
const SPEAKER_HEADER = new RegExp(String.raw`^(${LABEL})\s+[\[(（]?(${TIME})[\])）]?$`);
const CUE_TIMING = new RegExp(String.raw`^(${TIME})\s*-->\s*(${TIME})`);

/** A label names someone: it is not a date or a number (`2026-06-01 10:00` is a title line, not a speaker). */
function isSpeaker(label: string): boolean {
  return !/^[\d\s\-/.:年月日時分秒]+$/.test(label);
}

/** A speaker label and the rest of a line, when the line starts with one (`田中: …`, `【田中】…`, `田中：…`). */
function splitLabel(line: string): { speaker: string | null; text: string } {
  const m = LABELLED.exec(line);
  const label = m ? (m[1] ?? m[2] ?? m[3])!.trim() : '';
  if (!m || !isSpeaker(label)) return { speaker: null, text: line };
  return { speaker: label, text: m[4]!.trim() };
}

/** Lines a player wrapped: joined with a space between Latin words, directly between Japanese ones. */
function joinWrapped(parts: string[]): string {
  return parts.reduce((acc, p) => (!acc ? p : /[A-Za-z0-9.,!?]$/.test(acc) && /^[A-Za-z0-9]/.test(p) ? `${acc} ${p}` : `${acc}${p}`), '');
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': ' ', '&lrm;': '', '&rlm;': '', '&quot;': '"', '&#39;': "'" };

/** A WebVTT or SRT cue's payload: the `<v Speaker>` voice or a label, tags and entities removed. */
function cuePayload(lines: string[]): { speaker: string | null; text: string } {
  const raw = lines.join('\n');
  const voice = /<v(?:\.[^\s>]*)?\s+([^>]+)>/.exec(raw)?.[1]?.trim() ?? null;
  const plain = lines
    .map((l) => l.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|nbsp|lrm|rlm|quot|#39);/g, (e) => ENTITIES[e]!).trim())
    .filter(Boolean);
  const text = joinWrapped(plain);
  if (voice) return { speaker: voice, text };
  return splitLabel(text);
}

/** WebVTT and SRT: blocks separated by blank lines, each a cue with a timing line (`a --> b`). */
function parseCues(text: string, format: 'vtt' | 'srt'): Utterance[] {
  const out: Utterance[] = [];
  for (const block of text.split(/\n[ \t]*\n/)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    if (format === 'vtt' && /^(WEBVTT|NOTE|STYLE|REGION)(\s|$)/.test(lines[0]!)) continue;
    const at = lines.findIndex((l) => l.includes('-->'));
    if (at < 0 || at > 1) {
      // Not a cue (a player would drop it): kept as text, so nothing the file says is lost.
      out.push({ ...splitLabel(joinWrapped(lines.map((l) => l.trim()))), startMs: null, endMs: null });
      continue;
    }
    const timing = CUE_TIMING.exec(lines[at]!.trim());
    const payload = cuePayload(lines.slice(at + 1));
    if (!payload.text) continue;
    out.push({ ...payload, startMs: timing ? parseTimestamp(timing[1]!) : null, endMs: timing ? parseTimestamp(timing[2]!) : null });
  }
  return out;
}

/**
 * Plain text: a line `話者 00:01:05` (or `田中 太郎 (1:05)`) opens an utterance whose paragraph follows;
 * `[00:01:05] 田中: …`, `00:01:05 …` and `田中: …` are utterances of one line and what follows them; a blank
 * line ends an utterance, and any other line continues the current one.
 */
function parsePlain(text: string): Utterance[] {
  const out: Utterance[] = [];
  let current: (Utterance & { parts: string[] }) | null = null;
  const close = () => {
    if (current && current.parts.length) out.push({ speaker: current.speaker, startMs: current.startMs, endMs: null, text: current.parts.join('\n') });
    current = null;
  };
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (!line) {
      if (current && current.parts.length) close();
      continue;
    }
    const header = SPEAKER_HEADER.exec(line);
    if (header && isSpeaker(header[1]!)) {
      close();
      current = { speaker: header[1]!.trim(), startMs: parseTimestamp(header[2]!), endMs: null, text: '', parts: [] };
      continue;
    }
    const timed = TIMED_LABELLED.exec(line);
    if (timed && parseTimestamp(timed[1]!) !== null) {
      close();
      current = { speaker: timed[2]?.trim() ?? null, startMs: parseTimestamp(timed[1]!), endMs: null, text: '', parts: [timed[3]!.trim()] };
      continue;
    }
    const labelled = splitLabel(line);
    if (labelled.speaker) {
      close();
      current = { speaker: labelled.speaker, startMs: null, endMs: null, text: '', parts: [labelled.text] };
      continue;
    }
    current ??= { speaker: null, startMs: null, endMs: null, text: '', parts: [] };
    current.parts.push(line);
  }
  close();
  return out;
}

/** Control characters but tab and line feed: removed (the same rule as for the exports' values). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** A transcript's utterances; `cleaned` tells that control characters were removed. */
export function parseTranscript(text: string, format: TranscriptFormat): { utterances: Utterance[]; cleaned: boolean } {
  const lf = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const clean = lf.replace(CONTROL, '');
  const utterances = format === 'txt' ? parsePlain(clean) : parseCues(clean, format);
  return { utterances, cleaned: clean.length !== lf.length };
}

/** The text the AI stage reads: a line per turn, `speaker: text`; a speaker's consecutive cues are one turn. */
export function renderTranscript(utterances: Utterance[]): string {
  const turns: Array<{ speaker: string | null; parts: string[] }> = [];
  for (const u of utterances) {
    const last = turns.at(-1);
    if (last && u.speaker !== null && last.speaker === u.speaker) last.parts.push(u.text);
    else turns.push({ speaker: u.speaker, parts: [u.text] });
  }
  return turns.map((t) => `${t.speaker ? `${t.speaker}: ` : ''}${joinWrapped(t.parts)}`).join('\n');
}

/**
 * A transcript file's text: UTF-8 (BOM or not) when it is valid UTF-8, else CP932 when it decodes as CP932
 * (`encoding: auto`), or in the encoding given. A file that is neither is a problem, with its first bad line.
 */
export async function readTranscript(path: string, encoding: 'auto' | 'utf-8' | 'utf-8-bom' | 'cp932'): Promise<{ text: string } | { problem: string }> {
  const bytes = await readFile(path);
  const utf8 = isUtf8(bytes);
  if (encoding !== 'cp932' && utf8) return { text: bytes.toString('utf8') };
  if (encoding === 'cp932' || encoding === 'auto') {
    try {
      return { text: new TextDecoder('shift_jis', { fatal: true }).decode(bytes) };
    } catch {
      if (encoding === 'cp932') return { problem: `is not CP932 text (first bad line ${firstBadLine(bytes, (l) => { try { new TextDecoder('shift_jis', { fatal: true }).decode(l); return true; } catch { return false; } })}); set transcripts.encoding` };
    }
  }
  return { problem: `is not UTF-8${encoding === 'auto' ? ' or CP932' : ''} text (first bad line ${firstBadLine(bytes, (l) => isUtf8(l))}); save it as UTF-8 or set transcripts.encoding` };
}

function firstBadLine(bytes: Buffer, ok: (line: Buffer) => boolean): number {
  let start = 0;
  for (let n = 1; start <= bytes.length; n++) {
    const lf = bytes.indexOf(0x0a, start);
    const end = lf < 0 ? bytes.length : lf;
    if (!ok(bytes.subarray(start, end))) return n;
    if (lf < 0) break;
    start = end + 1;
  }
  return 1;
}
