import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SkillTagsOutput } from '../../schemas/ai-tasks.ts';
import { parseTaxonomyCsv } from '../../batch/ingest/load-taxonomy.ts';
import { offlineAnswerer } from '../../batch/ai/offline-provider.ts';
import { measureTagging } from '../../scripts/measure-tagging.ts';

const taxonomy = parseTaxonomyCsv(readFileSync('data/taxonomy/skills.csv', 'utf8'), 'skills.csv');
const answer = offlineAnswerer(taxonomy);
const load = (f: string) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

describe('offline tagging quality (the figures in the README)', () => {
  it('keeps precision and recall on the held-out set, written without tuning the rules, at the reported level', () => {
    const r = measureTagging(load('tests/fixtures/tagging/holdout.jsonl'), (text) => answer('skill_tags', { text }) as SkillTagsOutput);
    expect(r.texts).toBe(30);
    expect(r.precision).toBeGreaterThanOrEqual(0.85);
    expect(r.recall).toBeGreaterThanOrEqual(0.88);
  });
  it('turns none of the negatives into skills', () => {
    const negatives = load('tests/fixtures/tagging/holdout.jsonl').filter((l) => l.skills.length === 0 && l.wants.length === 0);
    expect(negatives.length).toBeGreaterThanOrEqual(8);
    const tagged = negatives.filter((l) => (answer('skill_tags', { text: l.text }) as SkillTagsOutput).skills.some((s) => s.kind === 'has'));
    expect(tagged.map((l) => l.text)).toEqual([]);
  });
});
