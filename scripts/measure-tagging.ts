import { readFileSync } from 'node:fs';
import { parseTaxonomyCsv } from '../batch/ingest/load-taxonomy.ts';
import { offlineAnswerer } from '../batch/ai/offline-provider.ts';
import type { SkillTagsOutput } from '../schemas/ai-tasks.ts';

/**
 * Precision and recall of skill tagging on a labelled JSON-lines set ({"text", "skills": [has…], "wants": […]}),
 * counted per (text, skill, kind). `node scripts/measure-tagging.ts [labelled.jsonl]`
 */
export function measureTagging(lines: Array<{ text: string; skills: string[]; wants: string[] }>, tag: (text: string) => SkillTagsOutput) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: string[] = [];
  for (const l of lines) {
    const out = tag(l.text).skills;
    for (const [kind, gold] of [['has', new Set(l.skills)], ['wants', new Set(l.wants)]] as const) {
      const got = new Set(out.filter((s) => s.kind === kind).map((s) => s.skill_id));
      for (const s of got) (gold.has(s) ? tp++ : (fp++, misses.push(`+${kind}:${s} ${l.text}`)));
      for (const s of gold) if (!got.has(s)) (fn++, misses.push(`-${kind}:${s} ${l.text}`));
    }
  }
  return { texts: lines.length, tp, fp, fn, precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), misses };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? 'tests/fixtures/tagging/labelled.jsonl';
  const taxonomy = parseTaxonomyCsv(readFileSync('data/taxonomy/skills.csv', 'utf8'), 'skills.csv');
  const answer = offlineAnswerer(taxonomy);
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const r = measureTagging(lines, (text) => answer('skill_tags', { text }) as SkillTagsOutput);
  process.stdout.write(`${file}: ${r.texts} texts — precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)} (tp ${r.tp}, fp ${r.fp}, fn ${r.fn})\n${r.misses.map((m) => `  ${m}`).join('\n')}\n`);
}
