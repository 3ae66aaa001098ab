import { z } from 'zod';

/**
 * The published artifacts: JSON files in `<output>/artifacts/`, written by `batch/publish` and read by
 * `site/` only. They hold aggregates, key positions and their slates — never interview notes or evaluation
 * comments. Every file is validated against these schemas on both sides.
 */

export const ARTIFACT_SCHEMA_VERSION = 1;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A share that is null when the group is smaller than `privacy.min_group_size` (suppressed). */
const SuppressibleShare = z.number().min(0).max(1).nullable();

export const Readiness = z.enum(['ready_now', '1_2_years', '3_plus_years']);
export type Readiness = z.infer<typeof Readiness>;

export const ComponentName = z.enum(['performance', 'potential', 'skill_fit', 'experience', 'aspiration']);
export type ComponentName = z.infer<typeof ComponentName>;

export const Notice = z.strictObject({
  /** `missing_source` (e.g. no skills in this dataset), `skipped_stage`, `rejects`, … */
  kind: z.string(),
  message: z.string(),
});
export type Notice = z.infer<typeof Notice>;

export const Overview = z.strictObject({
  company: z.string(),
  as_of: IsoDate,
  headcount: z.number().int(),
  departments: z.number().int(),
  key_positions: z.number().int(),
  /** Key positions with at least one ready-now successor. */
  positions_with_ready_now: z.number().int(),
  /** Share of key positions with at least one ready-now successor (null when there are no key positions). */
  coverage: z.number().min(0).max(1).nullable(),
  positions_without_ready_now: z.array(z.strictObject({ position_id: z.string(), title: z.string(), department: z.string().nullable() })),
  rejects: z.number().int(),
  notices: z.array(Notice),
});
export type Overview = z.infer<typeof Overview>;

export const SkillMap = z.strictObject({
  level_threshold: z.number().int(),
  level_max: z.number().int(),
  min_group_size: z.number().int(),
  departments: z.array(z.strictObject({ department_id: z.string(), name: z.string(), headcount: z.number().int(), suppressed: z.boolean() })),
  skills: z.array(z.strictObject({ skill_id: z.string(), name_ja: z.string(), name_en: z.string(), category: z.string() })),
  /** One cell per department × skill with at least one assessed person; suppressed departments have null shares. */
  cells: z.array(
    z.strictObject({
      department_id: z.string(),
      skill_id: z.string(),
      /** People in the department at or above `level_threshold` in this skill. Null when suppressed. */
      people_at_level: z.number().int().nullable(),
      /** people_at_level ÷ department headcount. */
      share: SuppressibleShare,
    }),
  ),
});
export type SkillMap = z.infer<typeof SkillMap>;

export const TalentPool = z.strictObject({
  /** Cells with fewer people than this (but not 0) have a null count. */
  min_group_size: z.number().int(),
  /** People with both a performance and a potential rating. */
  rated: z.number().int(),
  /** Active people without enough ratings to be placed. */
  unrated: z.number().int(),
  bands: z.strictObject({
    performance: z.strictObject({ low_below: z.number(), high_from: z.number() }),
    potential: z.strictObject({ low_below: z.number(), high_from: z.number() }),
  }),
  cells: z.array(
    z.strictObject({
      box: z.number().int().min(1).max(9),
      /** 1 low, 2 middle, 3 high. */
      performance_band: z.number().int().min(1).max(3),
      potential_band: z.number().int().min(1).max(3),
      label: z.string(),
      /** Null when fewer than min_group_size people (suppressed), unless it is 0. */
      count: z.number().int().nullable(),
    }),
  ),
});
export type TalentPool = z.infer<typeof TalentPool>;

export const ScoreComponent = z.strictObject({
  name: ComponentName,
  weight: z.number(),
  /** The component's value, 0–1. */
  value: z.number().min(0).max(1),
  /** Its contribution to the 0–100 score: weight ÷ Σ weights × value × 100. */
  points: z.number(),
  /** Why, in one short line (e.g. "直近2期 A, S"). */
  reason: z.string(),
});
export type ScoreComponent = z.infer<typeof ScoreComponent>;

export const Candidate = z.strictObject({
  rank: z.number().int().min(1),
  employee_id: z.string(),
  /** Null when `privacy.show_names` is false. */
  name: z.string().nullable(),
  department: z.string().nullable(),
  job_title: z.string().nullable(),
  grade: z.string().nullable(),
  score: z.number().min(0).max(100),
  readiness: Readiness,
  components: z.array(ScoreComponent),
  skill_gaps: z.array(z.strictObject({ skill_id: z.string(), name_ja: z.string(), required: z.number(), actual: z.number() })),
  /** Draft of the AI stage for a candidate who is not ready now; null when ready now or not drafted. */
  development_plan: z
    .strictObject({
      goals: z.array(z.string()),
      actions: z.array(z.strictObject({ text: z.string(), by: IsoDate.nullable() })),
      review_on: IsoDate,
      /** provider/model and prompt version that drafted it: AI output is marked as such. */
      model: z.string(),
      prompt_version: z.string(),
    })
    .nullable(),
});
export type Candidate = z.infer<typeof Candidate>;

export const KeyPosition = z.strictObject({
  position_id: z.string(),
  title: z.string(),
  department: z.string().nullable(),
  criticality: z.string().nullable(),
  expected_vacancy: z.string().nullable(),
  incumbent: z
    .strictObject({ employee_id: z.string(), name: z.string().nullable(), grade: z.string().nullable(), job_title: z.string().nullable() })
    .nullable(),
  required_skills: z.array(z.strictObject({ skill_id: z.string(), name_ja: z.string(), level: z.number() })),
  /** ready_now: someone is ready now; 1_2_years: the best is 1–2 years away; none: nobody within 2 years. */
  status: z.enum(['ready_now', '1_2_years', 'none']),
  candidates: z.array(Candidate),
});
export type KeyPosition = z.infer<typeof KeyPosition>;

export const Succession = z.strictObject({
  weights: z.record(ComponentName, z.number()),
  /** The readiness rule in words, shown on the site. */
  readiness_rule: z.string(),
  positions: z.array(KeyPosition),
});
export type Succession = z.infer<typeof Succession>;

export const Quality = z.strictObject({
  rejects_total: z.number().int(),
  by_file_reason: z.array(z.strictObject({ source_file: z.string(), reason: z.string(), count: z.number().int() })),
  /** The first rejects (file, line, column, reason) — no values, which may hold personal text. */
  examples: z.array(z.strictObject({ source_file: z.string(), line: z.number().int(), column: z.string().nullable(), reason: z.string() })),
  sources: z.array(z.strictObject({ source_file: z.string(), kind: z.string(), rows: z.number().int(), loaded: z.number().int(), rejected: z.number().int() })),
  /** Evaluation-comment quality by department (AI stage); values null where fewer than min_group_size comments. */
  comment_quality: z.array(
    z.strictObject({
      department_id: z.string(),
      name: z.string(),
      comments: z.number().int(),
      mean_score: z.number().nullable(),
      share_specific: z.number().min(0).max(1).nullable(),
      share_evidence_based: z.number().min(0).max(1).nullable(),
      share_forward_looking: z.number().min(0).max(1).nullable(),
    }),
  ),
  /** The AI stage of the run: who answered, and what is left for the next night. */
  ai: z.strictObject({ provider: z.string(), model: z.string(), prompt_versions: z.record(z.string(), z.string()), left_over: z.number().int() }),
});
export type Quality = z.infer<typeof Quality>;

/** File name → schema, the single list both publisher and site use. */
export const ARTIFACTS = {
  'overview.json': Overview,
  'skill_map.json': SkillMap,
  'talent_pool.json': TalentPool,
  'succession.json': Succession,
  'quality.json': Quality,
} as const;
export type ArtifactName = keyof typeof ARTIFACTS;

export const Manifest = z.strictObject({
  schema_version: z.literal(ARTIFACT_SCHEMA_VERSION),
  company: z.string(),
  as_of: IsoDate,
  /** sha256 over the inputs (files and config): same inputs → same hash. */
  input_hash: z.string(),
  files: z.array(z.strictObject({ name: z.string(), sha256: z.string(), bytes: z.number().int() })),
});
export type Manifest = z.infer<typeof Manifest>;
