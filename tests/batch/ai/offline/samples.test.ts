import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { offlineCommentQuality } from '../../../../batch/ai/offline/comment-quality.ts';
import { parseIso } from '../../../../batch/ai/offline/japanese-dates.ts';
import { offlineDevelopmentPlan } from '../../../../batch/ai/offline/development-plan.ts';
import { interviewInput } from '../../../../batch/tagging/tag-lines.ts';
import { offlineInterviewInsight } from '../../../../batch/ai/offline/interview-insight.ts';
import { offlineSkillTags } from '../../../../batch/ai/offline/skill-tags.ts';
import { parseTaxonomyCsv } from '../../../../batch/ingest/load-taxonomy.ts';
import { createTaxonomyMatcher } from '../../../../batch/tagging/taxonomy-matcher.ts';
import {
  CommentQualityOutput,
  DevelopmentPlanInput,
  DevelopmentPlanOutput,
  InterviewInsightInput,
  InterviewInsightOutput,
  SkillTagsOutput,
} from '../../../../schemas/ai-tasks.ts';

/**
 * Every text of the sample company through the offline tasks: each result must pass its output schema, and the
 * extractive texts must come from the note. Fast (well under a second for the whole sample).
 */

const sample = (file: string) => new URL(`../../../../data/sample/${file}`, import.meta.url);
const rows = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data.slice(1);
const isoOf = (slashed: string) => {
  const [y, m, d] = slashed.split('/').map(Number);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

const interviews = rows(iconv.decode(readFileSync(sample('career_interviews.csv')), 'cp932')).map((r) => interviewInput(r[5] ?? '', isoOf(r[3] ?? ''), null, null, { fiscalYearStartMonth: 4, cycleMonths: 6 }));
const comments = rows(readFileSync(sample('evaluations.csv'), 'utf8')).map((r) => r[5] ?? '');
// The sample writes expected vacancies as 2027/9: the first of that month.
const vacancyOf = (raw: string | undefined) => {
  const m = raw?.match(/^(\d{4})\/(\d{1,2})$/);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-01` : null;
};
const positions = rows(readFileSync(sample('key_positions.csv'), 'utf8')).map((r) => ({ title: r[1] ?? '', required: r[5] ?? '', expected_vacancy: vacancyOf(r[6]) }));
const titles = positions.map((p) => p.title);
const taxonomy = parseTaxonomyCsv(readFileSync(new URL('../../../../data/taxonomy/skills.csv', import.meta.url), 'utf8'), 'data/taxonomy/skills.csv');
const matcher = createTaxonomyMatcher(taxonomy);

describe('the offline tasks on every sample text', () => {
  it('reads the sample files', () => {
    expect(interviews.length).toBeGreaterThan(500);
    expect(comments.length).toBeGreaterThan(2000);
    expect(positions.length).toBeGreaterThan(10);
  });

  it('gives every interview note an insight that fits the schema, with texts cut from the note', () => {
    let high = 0;
    let actions = 0;
    for (const input of interviews) {
      const out = InterviewInsightOutput.parse(offlineInterviewInsight(InterviewInsightInput.parse(input), { positionTitles: titles }));
      for (const item of [...out.aspirations, ...out.concerns, ...out.action_items]) expect(input.text).toContain(item.text);
      for (const sentence of out.summary.split('。').filter(Boolean)) expect(input.text).toContain(sentence);
      if (out.retention_evidence !== null) expect(input.text).toContain(out.retention_evidence);
      for (const a of out.action_items) if (a.due !== null) expect(() => parseIso(a.due!)).not.toThrow();
      if (out.retention_signal === 'high') high++;
      actions += out.action_items.length;
    }
    expect(high).toBeGreaterThan(0);
    expect(actions).toBeGreaterThan(interviews.length / 2);
  });

  it('gives every evaluation comment a quality that fits the schema, placeholders scoring 0', () => {
    for (const text of comments) {
      const out = CommentQualityOutput.parse(offlineCommentQuality({ text }));
      expect(out.missing).toHaveLength(3 - Number(out.specific) - Number(out.evidence_based) - Number(out.forward_looking));
      if (text.trim() === '' || text.trim() === '特になし') expect(out.score).toBe(0);
    }
  });

  it('tags every note and comment with skills that fit the schema', () => {
    for (const text of [...interviews.map((i) => i.text), ...comments]) SkillTagsOutput.parse(offlineSkillTags(matcher, { text }));
  });

  it('drafts a plan that fits the schema for every key position of the sample', () => {
    positions.forEach((p, k) => {
      const gaps = p.required
        .split(';')
        .filter(Boolean)
        .map((pair, j) => {
          const [name, level] = pair.split(':');
          const skill = taxonomy.find((s) => s.name_ja === name);
          return { skill_id: skill?.skill_id ?? `skill_${j}`, name_ja: name ?? '', required: Number(level), actual: Math.max(0, Number(level) - ((k + j) % 3)) };
        });
      const input = DevelopmentPlanInput.parse({
        position_title: p.title,
        as_of: '2026-10-01',
        readiness: k % 2 === 0 ? '1_2_years' : '3_plus_years',
        expected_vacancy: p.expected_vacancy,
        vacancy_before_readiness: false,
        gaps,
        aspirations: k % 3 === 0 ? [] : [`${p.title}を目指したい`],
      });
      const out = DevelopmentPlanOutput.parse(offlineDevelopmentPlan(input));
      expect(out.review_on).toBe('2027-04-01');
      for (const a of out.actions) expect(a.by === null || a.by > input.as_of).toBe(true);
      if (input.expected_vacancy) for (const a of out.actions) expect(a.by === null || a.by < input.expected_vacancy, `${p.title}: ${a.text}`).toBe(true);
    });
  });
});

describe('the offline tasks on generated fragments (seeded)', () => {
  const FRAGMENTS = [
    '【対応】', '【懸念】', '【希望】', '→', '・', '（上長同席）', '\n', '。', '、', '！', '「', '」', '(', ')', ' ', '　',
    '来月までに', '次回', '2025/2/29', '13/45', '12月末', '期末', '年内', '0日以内', '99か月後', '令和元年5月1日',
    '課長を目指したい', 'を覚えて', 'たい', '希望', '興味がある', 'want to', 'would like to',
    '転職', '退職は考えていない', '不満', '介護', '残業が多い', '不安', '回答する', '確認', '（本人）', '（人事）', '人事から', 'してもらう',
    'Excel', 'ＰＬＣ', 'ﾌﾟﾛﾏﾈ', '30%', '特になし', '次期は', '期待', 'よく頑張った', 'x'.repeat(120), 'あ'.repeat(350), '😀',
  ];
  let seed = 20261001;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const texts = Array.from({ length: 400 }, () => Array.from({ length: Math.floor(next() * 12) }, () => FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]!).join(''));

  it('never throws and always fits the schemas', () => {
    for (const text of texts) {
      InterviewInsightOutput.parse(offlineInterviewInsight(interviewInput(text, '2028-02-29', null, null, { fiscalYearStartMonth: 4, cycleMonths: 6 }), { positionTitles: ['浜松工場長', ''] }));
      CommentQualityOutput.parse(offlineCommentQuality({ text }));
      SkillTagsOutput.parse(offlineSkillTags(matcher, { text }));
    }
  });
});
