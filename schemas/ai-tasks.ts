import { z } from 'zod';

/**
 * The AI tasks: each has a versioned prompt (batch/ai/prompts.ts) and one output schema here. Every result,
 * from the offline provider or a model, is validated against its schema before it is stored; a model's
 * answer that does not fit is rejected and counted, never repaired by guesswork. All fields are required
 * (nullable where absent) because OpenAI-style strict structured output demands it.
 */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const TaskName = z.enum(['skill_tags', 'interview_insight', 'comment_quality', 'development_plan']);
export type TaskName = z.infer<typeof TaskName>;

/** 1. Skills shown (has) or wished for (wants) in a note or comment, as taxonomy ids only. */
export const SkillTagsOutput = z.strictObject({
  skills: z.array(
    z.strictObject({
      skill_id: z.string().describe('a skill_id from the taxonomy given in the prompt; nothing else'),
      kind: z.enum(['has', 'wants', 'needs']).describe('has: the person shows the skill; wants: wishes to gain it; needs: a weakness or development need stated about the person'),
      level_hint: z.number().int().min(1).max(4).nullable().describe('1 learning … 4 teaches others; null when the text does not say'),
      evidence: z.string().min(1).describe('the words of the text that show it, copied exactly (a verbatim substring of the text)'),
      confidence: z.number().min(0).max(1),
    }),
  ),
});
export type SkillTagsOutput = z.infer<typeof SkillTagsOutput>;

/** 2. What a career interview says: summary, aspirations, concerns, follow-ups, retention signal. */
export const InterviewInsightOutput = z.strictObject({
  summary: z.string().min(1).max(300).describe('a short Japanese summary, at most 3 sentences'),
  aspirations: z.array(
    z.strictObject({
      kind: z.enum(['role', 'skill', 'other']),
      text: z.string().min(1).describe('the aspiration in a few words, e.g. 生産技術課長 or Pythonでのデータ分析'),
    }),
  ),
  concerns: z.array(
    z.strictObject({
      category: z.enum(['workload', 'family', 'evaluation', 'career', 'health', 'relationships', 'compensation', 'other']),
      text: z.string().min(1),
    }),
  ),
  action_items: z.array(
    z.strictObject({
      text: z.string().min(1).describe('the follow-up promised'),
      owner: z.enum(['manager', 'employee', 'hr', 'other']),
      due: IsoDate.nullable().describe('the due date (the first one for a recurring follow-up), resolved against the interview date; null when none is said'),
      cadence: z.enum(['weekly', 'biweekly', 'monthly', 'quarterly', 'half_yearly']).nullable().describe('how often a recurring follow-up repeats; null for a one-off'),
    }),
  ),
  retention_signal: z.enum(['low', 'medium', 'high']).describe('risk that the person leaves'),
  retention_evidence: z.string().nullable().describe('the sentence behind a medium or high signal'),
});
export type InterviewInsightOutput = z.infer<typeof InterviewInsightOutput>;

/** 3. Is an evaluation comment usable: specific, evidence-based, forward-looking — and what is missing. */
export const CommentQualityOutput = z.strictObject({
  specific: z.boolean().describe('names concrete work, results or behaviours'),
  evidence_based: z.boolean().describe('gives facts or figures behind the judgement'),
  forward_looking: z.boolean().describe('says what to do or expect next'),
  score: z.number().int().min(0).max(100),
  missing: z.array(z.string().min(1)).describe('what the comment lacks, in short Japanese phrases'),
});
export type CommentQualityOutput = z.infer<typeof CommentQualityOutput>;

/** 4. A development-plan draft for a successor who is not ready now. */
export const DevelopmentPlanOutput = z.strictObject({
  goals: z.array(z.string().min(1)).min(1),
  skills: z.array(
    z.strictObject({
      skill_id: z.string(),
      from_level: z.number().int().min(0).max(10),
      to_level: z.number().int().min(1).max(10),
    }),
  ),
  actions: z.array(z.strictObject({ text: z.string().min(1), by: IsoDate.nullable() })).min(1),
  review_on: IsoDate.describe('the next semi-annual review date'),
});
export type DevelopmentPlanOutput = z.infer<typeof DevelopmentPlanOutput>;

/** Inputs: exactly what each task needs, and nothing more (privacy: only this leaves the machine). */
export const SkillTagsInput = z.strictObject({ text: z.string() });
export const InterviewInsightInput = z.strictObject({
  text: z.string(),
  held_on: IsoDate,
  /** How the interviewer and the person interviewed appear in the text: their names, or the masks that replaced them. */
  interviewer: z.string().nullable(),
  employee: z.string().nullable(),
  /** The month the company's fiscal year starts (4: April), for 上期, 下期, 来期, 年度末. */
  fiscal_year_start_month: z.number().int().min(1).max(12),
  /** The date of the next interview of the cycle (held_on + interviews.cycle_months), for 次回面談. */
  next_interview_on: IsoDate,
});
export const CommentQualityInput = z.strictObject({ text: z.string() });
export const DevelopmentPlanInput = z.strictObject({
  position_title: z.string(),
  as_of: IsoDate,
  readiness: z.enum(['1_2_years', '3_plus_years']),
  /** When the position is expected to fall vacant; null when unknown. Every action is due before it. */
  expected_vacancy: IsoDate.nullable(),
  /** The vacancy comes before this candidate can be ready (12 months for 1_2_years, 36 for 3_plus_years). */
  vacancy_before_readiness: z.boolean(),
  gaps: z.array(z.strictObject({ skill_id: z.string(), name_ja: z.string(), required: z.number(), actual: z.number() })),
  aspirations: z.array(z.string()),
});

export const TASKS = {
  skill_tags: { input: SkillTagsInput, output: SkillTagsOutput },
  interview_insight: { input: InterviewInsightInput, output: InterviewInsightOutput },
  comment_quality: { input: CommentQualityInput, output: CommentQualityOutput },
  development_plan: { input: DevelopmentPlanInput, output: DevelopmentPlanOutput },
} as const;

export type TaskInput<T extends TaskName> = z.infer<(typeof TASKS)[T]['input']>;
export type TaskOutput<T extends TaskName> = z.infer<(typeof TASKS)[T]['output']>;
