import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseTaxonomyCsv } from '../batch/ingest/load-taxonomy.ts';

/**
 * The hand-labelled AI gold set (tests/fixtures/ai-gold/*.jsonl): the record's schema and the checks a file
 * must pass before it is scored. The labelling conventions are in tests/fixtures/ai-gold/CONVENTIONS.md.
 * `node scripts/ai-gold.ts <file.jsonl>…` checks files and prints every problem with its line.
 */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const SkillIds = z.array(z.string().min(1));

export const GoldRecord = z.strictObject({
  id: z.string().min(1),
  source: z.enum(['interview', 'comment']),
  format: z.enum(['note', 'vtt', 'srt', 'txt']),
  lang: z.enum(['ja', 'en']),
  held_on: IsoDate.nullable(),
  interviewer: z.string().min(1).nullable(),
  employee: z.string().min(1).nullable(),
  text: z.string().min(1),
  skills: z.strictObject({ has: SkillIds, wants: SkillIds, needs: SkillIds }),
  concerns: z.array(z.enum(['workload', 'family', 'evaluation', 'career', 'health', 'relationships', 'compensation', 'other'])),
  retention: z.enum(['low', 'medium', 'high']).nullable(),
  aspirations: z.array(z.strictObject({ kind: z.enum(['role', 'skill', 'other']), key: z.string().min(1) })),
  actions: z.array(
    z.strictObject({
      key: z.string().min(1),
      owner: z.enum(['manager', 'employee', 'hr', 'other']),
      due: IsoDate.nullable(),
      cadence: z.enum(['weekly', 'biweekly', 'monthly', 'quarterly', 'half_yearly']).nullable(),
    }),
  ),
});
export type GoldRecord = z.infer<typeof GoldRecord>;

/** Parses a gold file; throws with every problem (line, field, reason) when any record is wrong. */
export function readGoldFile(file: string, skillIds: ReadonlySet<string>): GoldRecord[] {
  const problems: string[] = [];
  const records: GoldRecord[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, k) => {
      if (!line.trim()) return;
      const where = `${file}:${k + 1}`;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        problems.push(`${where}: not JSON (${(error as Error).message})`);
        return;
      }
      const parsed = GoldRecord.safeParse(json);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) problems.push(`${where}: ${issue.path.join('.') || '(record)'}: ${issue.message}`);
        return;
      }
      for (const p of recordProblems(parsed.data, skillIds)) problems.push(`${where} (${parsed.data.id}): ${p}`);
      records.push(parsed.data);
    });
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.id)) problems.push(`${file}: id ${r.id} appears twice`);
    seen.add(r.id);
  }
  if (problems.length > 0) throw new Error(`${problems.length} problem(s) in the gold set:\n${problems.join('\n')}`);
  return records;
}

function recordProblems(r: GoldRecord, skillIds: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const kind of ['has', 'wants', 'needs'] as const) {
    const list = r.skills[kind];
    for (const id of list) if (!skillIds.has(id)) out.push(`skills.${kind}: ${id} is not a skill_id of data/taxonomy/skills.csv`);
    if (new Set(list).size !== list.length) out.push(`skills.${kind}: a skill is listed twice`);
  }
  if (new Set(r.concerns).size !== r.concerns.length) out.push('concerns: a category is listed twice');
  if (r.source === 'interview') {
    if (r.held_on === null) out.push('held_on: an interview needs its date');
    if (r.interviewer === null || r.employee === null) out.push('interviewer/employee: an interview needs both names');
    if (r.retention === null) out.push('retention: an interview needs low, medium or high');
  } else {
    if (r.concerns.length + r.actions.length + r.aspirations.length > 0) out.push('a comment labels skills only');
    if (r.retention !== null) out.push('retention: null for a comment');
  }
  if (r.format !== 'note' && r.source !== 'interview') out.push('format: only interviews are transcripts');
  for (const a of r.aspirations) if (!r.text.includes(a.key)) out.push(`aspirations: key 「${a.key}」 is not in the text`);
  for (const a of r.actions) if (!r.text.includes(a.key)) out.push(`actions: key 「${a.key}」 is not in the text`);
  const keys = r.actions.map((a) => a.key);
  if (new Set(keys).size !== keys.length) out.push('actions: two actions share a key');
  for (const d of [r.held_on, ...r.actions.map((a) => a.due)]) if (d !== null && Number.isNaN(Date.parse(`${d}T00:00:00Z`))) out.push(`${d} is not a calendar date`);
  return out;
}

export function taxonomySkillIds(file = 'data/taxonomy/skills.csv'): Set<string> {
  return new Set(parseTaxonomyCsv(readFileSync(file, 'utf8'), file).map((s) => s.skill_id));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ids = taxonomySkillIds();
  let failed = false;
  for (const file of process.argv.slice(2)) {
    try {
      const records = readGoldFile(file, ids);
      process.stdout.write(`${file}: ${records.length} records, all well-formed\n`);
    } catch (error) {
      failed = true;
      process.stdout.write(`${(error as Error).message}\n`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}
