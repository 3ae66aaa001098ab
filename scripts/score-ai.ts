import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { InterviewInsightOutput, SkillTagsOutput } from '../schemas/ai-tasks.ts';
import { parseTaxonomyCsv } from '../batch/ingest/load-taxonomy.ts';
import { parseTranscript, renderTranscript } from '../batch/ingest/transcripts.ts';
import { offlineAnswerer } from '../batch/ai/offline-provider.ts';
import { normalizeForMatch } from '../batch/tagging/normalize-text.ts';
import { interviewInput } from '../batch/tagging/tag-lines.ts';
import { readGoldFile, type GoldRecord } from './ai-gold.ts';

/**
 * Scores the AI stage against hand-labelled texts: per field precision, recall and F1 (skills per kind,
 * concerns by category, aspirations, actions with owner and due), retention accuracy, and leaks of speaker
 * labels or timestamps into what the stage returns. Gold sets: tests/fixtures/ai-gold/*.jsonl (conventions in
 * its CONVENTIONS.md) and the older skill-only sets of tests/fixtures/tagging/ ({"text","skills","wants"}).
 *
 *   node scripts/score-ai.ts [--misses] [--json] [file.jsonl …]
 *
 * Texts are given to the provider as the tagging stage gives them: a transcript file (vtt, srt, txt) as its
 * `speaker: text` lines, an interview with its date and the names of its interviewer and employee.
 */

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface Score {
  texts: number;
  interviews: number;
  skills: Prf;
  skillsByKind: Record<'has' | 'wants' | 'needs', Prf>;
  concerns: Prf;
  retention: { right: number; of: number; accuracy: number };
  aspirations: Prf;
  aspirationKinds: Prf;
  actions: Prf;
  /** Actions found with owner and due both right (and the cadence, when the gold names one). */
  actionsOwnerDue: Prf;
  /** Summaries and items holding a speaker label, a timestamp or transcript markup. */
  labelLeaks: number;
  misses: string[];
}

export type Answer = (task: 'skill_tags' | 'interview_insight', input: Record<string, unknown>) => unknown;

/** The text the tagging stage reads for a record (a transcript file as its `speaker: text` lines). */
export function stageText(r: Pick<GoldRecord, 'format' | 'text'>): string {
  return r.format === 'note' ? r.text : renderTranscript(parseTranscript(r.text, r.format).utterances);
}

/** Older skill-only sets: {"text", "skills": [has…], "wants": […]} (no development needs labelled). */
export function legacyRecords(file: string): GoldRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, k) => {
      const j = JSON.parse(l) as { text: string; skills: string[]; wants: string[] };
      return {
        id: `${basename(file)}:${k + 1}`, source: 'comment', format: 'note', lang: /[ぁ-んァ-ン一-龥]/.test(j.text) ? 'ja' : 'en', held_on: null,
        interviewer: null, employee: null, text: j.text, skills: { has: j.skills, wants: j.wants, needs: [] }, concerns: [], retention: null, aspirations: [], actions: [],
      };
    });
}

const fold = (s: string) => normalizeForMatch(s);
const CALENDAR = { fiscalYearStartMonth: 4, cycleMonths: 6 };
// A label is one or two words before a colon at the start of the text or of a sentence (「田中:」"Agreed actions:"),
// not prose that has a colon in it ("He brought up pay: …").
const LEAK = /(?:^|[。.!?！？]\s*)[^\s:：。、]{1,20}(?:\s[^\s:：。、]{1,20})?[:：]\s|\[\d{1,2}:\d{2}(?::\d{2})?\]|\d{1,2}:\d{2}:\d{2}|-->|<v[\s>]|<\/v>|^WEBVTT/m;

export function scoreRecords(records: GoldRecord[], answer: Answer, opts: { needsLabelled: boolean }): Score {
  const kinds = opts.needsLabelled ? (['has', 'wants', 'needs'] as const) : (['has', 'wants'] as const);
  const byKind = { has: counts(), wants: counts(), needs: counts() };
  const concerns = counts();
  const aspirations = counts();
  const aspirationKinds = counts();
  const actions = counts();
  const actionsOwnerDue = counts();
  const retention = { right: 0, of: 0 };
  const misses: string[] = [];
  let labelLeaks = 0;
  let interviews = 0;

  for (const r of records) {
    const text = stageText(r);
    const tags = answer('skill_tags', { text }) as SkillTagsOutput;
    for (const kind of kinds) {
      const got = new Set(tags.skills.filter((s) => s.kind === kind).map((s) => s.skill_id));
      compareSets(byKind[kind], got, new Set(r.skills[kind]), (sign, id) => misses.push(`${r.id} skill ${sign}${kind}:${id}`));
    }
    if (r.source !== 'interview') continue;
    interviews++;
    // As the tagging stage asks: 次回面談 is one interview cycle (6 months, CONVENTIONS.md) after held_on.
    const insight = answer('interview_insight', interviewInput(text, r.held_on!, r.interviewer, r.employee, CALENDAR)) as InterviewInsightOutput;

    compareSets(concerns, new Set(insight.concerns.map((c) => c.category)), new Set(r.concerns), (sign, c) => misses.push(`${r.id} concern ${sign}${c}`));

    retention.of++;
    if (insight.retention_signal === r.retention) retention.right++;
    else misses.push(`${r.id} retention ${insight.retention_signal} (gold ${r.retention})${insight.retention_evidence ? ` ← ${insight.retention_evidence}` : ''}`);

    const aspMatch = matchByKey(r.aspirations, insight.aspirations.map((a) => a.text));
    tally(aspirations, aspMatch, insight.aspirations.length, r.aspirations.length);
    const kindRight = aspMatch.filter(([g, p]) => r.aspirations[g]!.kind === insight.aspirations[p]!.kind);
    tally(aspirationKinds, kindRight, insight.aspirations.length, r.aspirations.length);
    r.aspirations.forEach((a, g) => {
      const m = aspMatch.find(([gg]) => gg === g);
      if (!m) misses.push(`${r.id} aspiration -${a.kind}:「${a.key}」`);
      else if (insight.aspirations[m[1]]!.kind !== a.kind) misses.push(`${r.id} aspiration 「${a.key}」 kind ${insight.aspirations[m[1]]!.kind} (gold ${a.kind})`);
    });
    insight.aspirations.forEach((a, p) => {
      if (!aspMatch.some(([, pp]) => pp === p)) misses.push(`${r.id} aspiration +${a.kind}:「${a.text}」`);
    });

    const actMatch = matchByKey(r.actions, insight.action_items.map((a) => a.text));
    tally(actions, actMatch, insight.action_items.length, r.actions.length);
    const both = actMatch.filter(([g, p]) => {
      const gold = r.actions[g]!;
      const got = insight.action_items[p]! as InterviewInsightOutput['action_items'][number] & { cadence?: string | null };
      return got.owner === gold.owner && got.due === gold.due && (gold.cadence === null || got.cadence === gold.cadence);
    });
    tally(actionsOwnerDue, both, insight.action_items.length, r.actions.length);
    r.actions.forEach((a, g) => {
      const m = actMatch.find(([gg]) => gg === g);
      if (!m) return misses.push(`${r.id} action -「${a.key}」 ${a.owner} ${a.due}`);
      const got = insight.action_items[m[1]]! as InterviewInsightOutput['action_items'][number] & { cadence?: string | null };
      if (!both.includes(m)) misses.push(`${r.id} action 「${a.key}」 ${got.owner} ${got.due} ${got.cadence ?? ''} (gold ${a.owner} ${a.due} ${a.cadence ?? ''})`);
    });
    insight.action_items.forEach((a, p) => {
      if (!actMatch.some(([, pp]) => pp === p)) misses.push(`${r.id} action +「${a.text}」 ${a.owner} ${a.due}`);
    });

    for (const s of [insight.summary, ...insight.aspirations.map((a) => a.text), ...insight.concerns.map((c) => c.text), ...insight.action_items.map((a) => a.text)]) {
      if (LEAK.test(s)) {
        labelLeaks++;
        misses.push(`${r.id} label leak: ${s.slice(0, 80)}`);
      }
    }
  }
  const all = counts();
  for (const k of kinds) add(all, byKind[k]);
  return {
    texts: records.length,
    interviews,
    skills: prf(all),
    skillsByKind: { has: prf(byKind.has), wants: prf(byKind.wants), needs: prf(byKind.needs) },
    concerns: prf(concerns),
    retention: { ...retention, accuracy: retention.of === 0 ? 1 : retention.right / retention.of },
    aspirations: prf(aspirations),
    aspirationKinds: prf(aspirationKinds),
    actions: prf(actions),
    actionsOwnerDue: prf(actionsOwnerDue),
    labelLeaks,
    misses,
  };
}

/** One-to-one: each gold item, in order, takes the first unused answer whose text holds its key (folded). */
function matchByKey(gold: ReadonlyArray<{ key: string }>, got: string[]): Array<[number, number]> {
  const used = new Set<number>();
  const out: Array<[number, number]> = [];
  const folded = got.map(fold);
  gold.forEach((g, gi) => {
    const key = fold(g.key);
    const p = folded.findIndex((t, pi) => !used.has(pi) && t.includes(key));
    if (p >= 0) {
      used.add(p);
      out.push([gi, p]);
    }
  });
  return out;
}

function counts(): Counts {
  return { tp: 0, fp: 0, fn: 0 };
}

function add(to: Counts, c: Counts): void {
  to.tp += c.tp;
  to.fp += c.fp;
  to.fn += c.fn;
}

function tally(c: Counts, matched: unknown[], answered: number, gold: number): void {
  c.tp += matched.length;
  c.fp += answered - matched.length;
  c.fn += gold - matched.length;
}

function compareSets<T>(c: Counts, got: Set<T>, gold: Set<T>, miss: (sign: '+' | '-', item: T) => void): void {
  for (const x of got) if (gold.has(x)) c.tp++;
  else (c.fp++, miss('+', x));
  for (const x of gold) if (!got.has(x)) (c.fn++, miss('-', x));
}

function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  return { ...c, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** The gold sets: files of tests/fixtures/ai-gold grouped by their prefix (before-, after-), and the older sets. */
export function goldSets(dir = 'tests/fixtures/ai-gold', legacyDir = 'tests/fixtures/tagging', skillIds?: ReadonlySet<string>): Array<{ name: string; records: GoldRecord[]; needsLabelled: boolean }> {
  const ids = skillIds ?? new Set(parseTaxonomyCsv(readFileSync('data/taxonomy/skills.csv', 'utf8'), 'skills.csv').map((s) => s.skill_id));
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  const groups = new Map<string, GoldRecord[]>();
  for (const f of files) {
    const group = f.startsWith('after-') ? 'written after the rule changes' : 'written before the rule changes';
    groups.set(group, [...(groups.get(group) ?? []), ...readGoldFile(join(dir, f), ids)]);
  }
  const sets = [...groups].sort(([a], [b]) => (a < b ? 1 : -1)).map(([name, records]) => ({ name, records, needsLabelled: true }));
  for (const f of readdirSync(legacyDir).filter((x) => x.endsWith('.jsonl')).sort()) sets.push({ name: `skills only: ${f}`, records: legacyRecords(join(legacyDir, f)), needsLabelled: false });
  return sets;
}

export function formatScore(name: string, s: Score): string {
  const p = (x: Prf) => `P ${x.precision.toFixed(2)}  R ${x.recall.toFixed(2)}  F1 ${x.f1.toFixed(2)}  (tp ${x.tp}, fp ${x.fp}, fn ${x.fn})`;
  const lines = [`${name}: ${s.texts} texts, ${s.interviews} interviews`, `  skills (all kinds)      ${p(s.skills)}`];
  for (const k of ['has', 'wants', 'needs'] as const) if (s.skillsByKind[k].tp + s.skillsByKind[k].fn + s.skillsByKind[k].fp > 0) lines.push(`    ${k.padEnd(21)}${p(s.skillsByKind[k])}`);
  if (s.interviews > 0) {
    lines.push(
      `  concerns                ${p(s.concerns)}`,
      `  retention               accuracy ${s.retention.accuracy.toFixed(2)} (${s.retention.right} of ${s.retention.of})`,
      `  aspirations found       ${p(s.aspirations)}`,
      `    … with the right kind ${p(s.aspirationKinds)}`,
      `  actions found           ${p(s.actions)}`,
      `    … owner and due right ${p(s.actionsOwnerDue)}`,
      `  label leaks             ${s.labelLeaks}`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const taxonomy = parseTaxonomyCsv(readFileSync('data/taxonomy/skills.csv', 'utf8'), 'skills.csv');
  const answer = offlineAnswerer(taxonomy) as Answer;
  const files = args.filter((a) => !a.startsWith('--'));
  const ids = new Set(taxonomy.map((s) => s.skill_id));
  const sets = files.length > 0
    ? files.map((f) => (f.includes('ai-gold') ? { name: f, records: readGoldFile(f, ids), needsLabelled: true } : { name: f, records: legacyRecords(f), needsLabelled: false }))
    : goldSets(undefined, undefined, ids);
  const results = sets.map((set) => ({ name: set.name, score: scoreRecords(set.records, answer, set) }));
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(results.map((r) => ({ name: r.name, ...r.score, misses: undefined })), null, 2)}\n`);
  else {
    for (const r of results) {
      process.stdout.write(`${formatScore(r.name, r.score)}\n`);
      if (args.includes('--misses')) process.stdout.write(`${r.score.misses.map((m) => `    ${m}`).join('\n')}\n`);
    }
  }
}
