import { z } from 'zod';

/**
 * The published artifacts: JSON files in `<output>/artifacts/`, written by `batch/publish` and read by
 * `site/` only. They hold aggregates, key positions and their slates — never interview notes or evaluation
 * comments. Every file is validated against these schemas on both sides.
 */

export const ARTIFACT_SCHEMA_VERSION = 5;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * Text the batch writes for people to read (score reasons, box labels), in both site languages. Labels of
 * the site itself are never here: they live in the site's dictionaries (site/lib/i18n/).
 */
export const Text = z.strictObject({ ja: z.string(), en: z.string() });
export type Text = z.infer<typeof Text>;

/** A count that is null when it counts fewer than `privacy.min_group_size` people (suppressed), unless 0. */
const SuppressibleCount = z.number().int().min(0).nullable();

/** A share that is null when the group is smaller than `privacy.min_group_size` (suppressed). */
const SuppressibleShare = z.number().min(0).max(1).nullable();

/**
 * Where a unit sits in the published organisation tree (units, parents before children): its parent unit
 * (null at the top), its depth (0 at the top) and its division — the unit pages are filtered by (null for
 * the company's own root unit).
 */
const UnitPlace = { parent_id: z.string().nullable(), depth: z.number().int().min(0), division_id: z.string().nullable() };

/**
 * A department row of a people aggregate: a unit and its subtree. Suppressed (numbers null) when its
 * headcount is under min_group_size, or when its figures would give such a group away by subtraction from
 * its parent's or the company's (complementary suppression).
 */
const DepartmentRow = { department_id: z.string(), name: z.string(), headcount: z.number().int(), ...UnitPlace, suppressed: z.boolean() };

export const Readiness = z.enum(['ready_now', '1_2_years', '3_plus_years']);
export type Readiness = z.infer<typeof Readiness>;

export const ComponentName = z.enum(['performance', 'potential', 'skill_fit', 'experience', 'aspiration']);
export type ComponentName = z.infer<typeof ComponentName>;

/**
 * Something the reader should know about this run. The site words it from `code` in each language:
 * - missing_source: `subject` is the source kind that no config source provides (skill_matrix, evaluations,
 *   interviews, key_positions);
 * - missing_field: `subject` is `potential` (evaluations without a potential column);
 * - ai_left_over: `count` AI jobs were not done and wait for the next night; `detail` says why (as logged);
 * - empty_export: the export `detail` (a path) of kind `subject` has a header and no records.
 */
export const Notice = z.strictObject({
  code: z.enum(['missing_source', 'missing_field', 'ai_left_over', 'empty_export']),
  subject: z.string().nullable(),
  count: z.number().int().nullable(),
  detail: z.string().nullable(),
});
export type Notice = z.infer<typeof Notice>;

export const KpiName = z.enum(['coverage', 'bench_strength', 'positions_at_risk', 'interview_coverage', 'overdue_follow_ups', 'rejects']);
export type KpiName = z.infer<typeof KpiName>;

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
  /**
   * Bench strength after Nakisa: each successor (a slate candidate who is ready now or within 1–2 years)
   * counts 1 ÷ the number of key positions they are such a successor for; `effective_successors` is the sum,
   * `per_position` the sum ÷ key positions (null without key positions). One person named for 4 positions
   * adds 0.25 to each, so a bench made of the same few stars reads as thin.
   */
  bench_strength: z.strictObject({
    successors: z.number().int(),
    effective_successors: z.number(),
    per_position: z.number().nullable(),
  }),
  /**
   * Key positions at risk, most severe first (README "Succession scoring"): no ready-now successor AND
   * (incumbent's retention risk is high, or the expected vacancy falls within `retention.vacancy_soon_months`
   * of as_of, or the position is vacant); or the only ready-now successor is at high retention risk; or
   * nobody on the slate can be ready within two years; or the emergency cover holds another key position.
   */
  /** retention.vacancy_soon_months: a vacancy within this many months of as_of counts as soon (the definition on the page says the number). */
  vacancy_soon_months: z.number().int(),
  positions_at_risk: z.array(
    z.strictObject({
      position_id: z.string(),
      title: z.string(),
      department: z.string().nullable(),
      status: z.enum(['ready_now', '1_2_years', 'none']),
      severity: z.enum(['high', 'medium', 'low']),
      reasons: z.array(z.enum(['vacant', 'vacancy_soon', 'vacancy_before_readiness', 'incumbent_retention_high', 'nobody_within_two_years', 'sole_ready_now_retention_high', 'cover_holds_key_position'])),
      /** ISO date (first day of the month when only a month is known), when it could be read. */
      expected_vacancy_on: IsoDate.nullable(),
    }),
  ),
  /** Active people with a career interview in the last `interviews.cycle_months` months, ÷ active people. */
  interview_coverage: z.strictObject({ cycle_months: z.number().int(), covered: z.number().int(), eligible: z.number().int(), share: z.number().min(0).max(1).nullable() }),
  /** The newest date in each kind of source, and its age in days at as_of: how fresh the picture is. */
  data_age: z.array(z.strictObject({ kind: z.string(), newest: IsoDate.nullable(), age_days: z.number().int().nullable() })),
  rejects: z.number().int(),
  /**
   * English names for the English pages (config names_en, a key_positions export's title_en): departments by
   * the name the artifacts show (left out when two departments of one name have different English names),
   * key positions by position_id. Empty when none is given: the pages show the names as exported.
   */
  names_en: z.strictObject({ departments: z.record(z.string(), z.string()), positions: z.record(z.string(), z.string()) }),
  /** Overdue follow-ups of career interviews (interviews.json overdue_actions.overdue), for its card here. */
  overdue_follow_ups: z.number().int(),
  /**
   * Each key figure against its target (config `targets`): at least or at most the target; met is null when
   * the figure cannot be computed (no key positions, nobody active).
   */
  targets: z.array(
    z.strictObject({
      kpi: KpiName,
      value: z.number().nullable(),
      target: z.number(),
      direction: z.enum(['at_least', 'at_most']),
      met: z.boolean().nullable(),
    }),
  ),
  notices: z.array(Notice),
});
export type Overview = z.infer<typeof Overview>;

export const SkillMap = z.strictObject({
  level_threshold: z.number().int(),
  level_max: z.number().int(),
  min_group_size: z.number().int(),
  departments: z.array(z.strictObject(DepartmentRow)),
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
  /** Categories in taxonomy order, for the filter. */
  categories: z.array(z.string()),
  /**
   * Each department that owns key positions, against the highest level its key positions require of each
   * skill: how many people of the department (its subtree) hold the skill at that level, against
   * `skill_map.holders_target`. A gap is a shortfall > 0. Counts of departments under k people are null.
   */
  position_gaps: z.array(
    z.strictObject({
      department_id: z.string(),
      name: z.string(),
      headcount: z.number().int(),
      /** The division the department is in (UnitPlace.division_id), for the division's skill map; null when none. */
      division_id: z.string().nullable(),
      suppressed: z.boolean(),
      skills: z.array(
        z.strictObject({
          skill_id: z.string(),
          required_level: z.number().int(),
          /** The key positions of the department that require it. */
          position_ids: z.array(z.string()),
          holders: SuppressibleCount,
          target: z.number().int(),
          shortfall: SuppressibleCount,
        }),
      ),
    }),
  ),
  /**
   * The strategic skills of the config (`skill_map.strategic_skills`): share of active people at or above the
   * level, company-wide and by department (null where suppressed), against the target share.
   */
  strategic: z.array(
    z.strictObject({
      skill_id: z.string(),
      level: z.number().int(),
      target_share: z.number().min(0).max(1),
      company_share: z.number().min(0).max(1).nullable(),
      departments: z.array(z.strictObject({ department_id: z.string(), share: SuppressibleShare })),
    }),
  ),
  /**
   * Company-wide share of active people at or above `level_threshold` per category, one point per earlier
   * run (as_of) kept in the `skill_history` table and this one, oldest first.
   */
  trend: z.array(z.strictObject({ as_of: IsoDate, category: z.string(), share: z.number().min(0).max(1), headcount: z.number().int() })),
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
      label: Text,
      /**
       * Null when suppressed: fewer than min_group_size people (unless 0), or the smallest other cells hidden
       * with such a cell so that `rated` minus the counts shown never gives a suppressed count away.
       */
      count: z.number().int().nullable(),
      /**
       * The people in the cell, best first (performance + potential, then id), at most
       * `privacy.pool_members_max`; null when names may not be shown (`privacy.show_names: false` or
       * `privacy.pool_members: false`) or the cell is suppressed.
       */
      members: z
        .array(z.strictObject({ employee_id: z.string(), name: z.string().nullable(), department: z.string().nullable(), grade: z.string().nullable() }))
        .nullable(),
      /**
       * People in the cell beyond the listed members (count − members listed); 0 when members is null: nothing
       * is listed then, `count` says how many, and a suppressed cell must not reveal its size here.
       */
      members_not_listed: z.number().int(),
    }),
  ),
  /**
   * The 9-box of each division (the units pages are filtered by, UnitPlace.division_id), counts only: its
   * rated people and `counts[box − 1]` for boxes 1–9. Null where hidden: a division of fewer than
   * min_group_size rated people or headcount has no counts at all; a cell of 1 to k−1 people is null, and
   * so are the cells complementary suppression adds over divisions and boxes together (the company's cells
   * being each box's total), so that no hidden count follows by subtraction.
   */
  divisions: z.array(
    z.strictObject({
      department_id: z.string(),
      name: z.string(),
      headcount: z.number().int(),
      rated: SuppressibleCount,
      counts: z.array(SuppressibleCount).length(9),
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
  /** Why, in one short line (e.g. "直近 2025上期 A・2025下期 S"). */
  reason: Text,
});
export type ScoreComponent = z.infer<typeof ScoreComponent>;

/**
 * Why a candidate is not one readiness category higher, and what would move them up (succession_next_steps):
 * the category above theirs tested condition by condition, and the smallest change that passes it.
 */
export const NextStep = z.strictObject({
  /** The category tested: the one above the candidate's; ready_now for those ready now, whose test passes. */
  tested: z.enum(['ready_now', '1_2_years']),
  conditions: z.array(
    z.strictObject({
      name: z.enum(['score', 'skill_fit', 'grade_gap']),
      /** The candidate's value; null for an unknown grade gap, which passes. */
      actual: z.number().nullable(),
      /** The least score or skill fit, or the most grades below the incumbent, the category allows. */
      bound: z.number(),
      passed: z.boolean(),
    }),
  ),
  /** The smallest change that passes the test (a promotion, then the fewest skill levels); null when it passes already. */
  change: z
    .strictObject({
      grade_steps: z.number().int().min(0),
      /** The grade after the promotion; null without one. */
      grade_to: z.string().nullable(),
      skills: z.array(z.strictObject({ skill_id: z.string(), name_ja: z.string(), name_en: z.string(), from_level: z.number(), to_level: z.number() })),
      skill_fit_after: z.number(),
      score_after: z.number(),
      /** false: even every required skill at level leaves the score short by score_short points. */
      reachable: z.boolean(),
      score_short: z.number().nullable(),
    })
    .nullable(),
});
export type NextStep = z.infer<typeof NextStep>;

export const Candidate = z.strictObject({
  rank: z.number().int().min(1),
  /** The HRIS id, or its pseudonym (P-…) with `privacy.pseudonymize_ids`. */
  employee_id: z.string(),
  /** Null when `privacy.show_names` is false. */
  name: z.string().nullable(),
  department: z.string().nullable(),
  job_title: z.string().nullable(),
  grade: z.string().nullable(),
  score: z.number().min(0).max(100),
  /** Retention risk from the latest interview within `retention.window_months`; unknown without one. */
  retention_risk: z.enum(['high', 'medium', 'low', 'unknown']),
  readiness: Readiness,
  components: z.array(ScoreComponent),
  /** The slates this person is on, this one included. */
  slates: z.number().int().min(1),
  /** The key positions this person is the emergency cover of. */
  covers: z.array(z.string()),
  /**
   * Why they may be on this slate (the reach rule): department (in the position's department or below it),
   * function (in its function), or skill_fit (elsewhere, with fit ≥ the outside minimum on the position's
   * function-specific skills); fit is that fit, 0–1.
   */
  reach: z.strictObject({ basis: z.enum(['department', 'function', 'skill_fit']), fit: z.number().min(0).max(1) }),
  /** The key position the candidate holds now, and its own best successor: who would fill the seat they leave. */
  holds_position: z
    .strictObject({
      position_id: z.string(),
      title: z.string(),
      successor: z.strictObject({ employee_id: z.string(), name: z.string().nullable() }).nullable(),
    })
    .nullable(),
  skill_gaps: z.array(z.strictObject({ skill_id: z.string(), name_ja: z.string(), name_en: z.string(), required: z.number(), actual: z.number() })),
  next_step: NextStep,
  /** Draft of the AI stage for a candidate who is not ready now; null when ready now or not drafted. */
  development_plan: z
    .strictObject({
      goals: z.array(z.string()),
      actions: z.array(z.strictObject({ text: z.string(), by: IsoDate.nullable() })),
      review_on: IsoDate,
      /** Every action is due by then: the plan's horizon, the month before the expected vacancy when that is sooner. */
      due_by: IsoDate,
      /** The expected vacancy comes before this candidate can be ready: the plan aims at acting in the role first. */
      vacancy_before_readiness: z.boolean(),
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
  /** departments.department_id: where the succession chart places the position (Succession.departments); null when unknown. */
  department_id: z.string().nullable(),
  criticality: z.string().nullable(),
  expected_vacancy: z.string().nullable(),
  /** expected_vacancy read as a date (first day of the month when only a month is given); null when unreadable. */
  expected_vacancy_on: IsoDate.nullable(),
  /** Whole calendar months from as_of to expected_vacancy_on (0 this month, negative when past); null without a date. */
  months_to_vacancy: z.number().int().nullable(),
  incumbent: z
    .strictObject({
      employee_id: z.string(),
      name: z.string().nullable(),
      grade: z.string().nullable(),
      job_title: z.string().nullable(),
      retention_risk: z.enum(['high', 'medium', 'low', 'unknown']),
    })
    .nullable(),
  required_skills: z.array(z.strictObject({ skill_id: z.string(), name_ja: z.string(), name_en: z.string(), level: z.number() })),
  /** ready_now: someone is ready now; 1_2_years: the best is 1–2 years away; none: nobody within 2 years. */
  status: z.enum(['ready_now', '1_2_years', 'none']),
  /** The candidate the status rests on: the best-ranked one of the slate's best readiness; null on an empty slate. */
  status_rests_on: z.strictObject({ employee_id: z.string(), name: z.string().nullable(), rank: z.number().int() }).nullable(),
  /** The earliest the candidate the status rests on can be ready (as_of, +12 or +36 months by readiness); null on an empty slate. */
  ready_from: IsoDate.nullable(),
  /** The expected vacancy comes before ready_from (or the slate is empty while a vacancy is expected). */
  vacancy_before_readiness: z.boolean(),
  /**
   * Who steps in if the position falls vacant tomorrow: the best ready-now candidate (`basis: ready_now`),
   * else the best candidate at most one grade below the incumbent (`acting`); null when nobody qualifies.
   */
  emergency_cover: z
    .strictObject({
      employee_id: z.string(),
      name: z.string().nullable(),
      rank: z.number().int(),
      basis: z.enum(['ready_now', 'acting']),
      /** The key position the cover holds: only when nobody who holds none qualifies (their move opens that seat). */
      holds_position: z.strictObject({ position_id: z.string(), title: z.string() }).nullable(),
    })
    .nullable(),
  /** People max_slates_per_person left off this slate (they are on that many others, where they rank better); [] without a cap. */
  capped: z.array(z.strictObject({ employee_id: z.string(), name: z.string().nullable() })),
  /** The development plans of the slate in brief: how many, the next review, the skills most often short. */
  plan_summary: z.strictObject({
    plans: z.number().int(),
    next_review_on: IsoDate.nullable(),
    top_gaps: z.array(z.strictObject({ skill_id: z.string(), name_ja: z.string(), name_en: z.string(), candidates: z.number().int() })),
  }),
  candidates: z.array(Candidate),
});
export type KeyPosition = z.infer<typeof KeyPosition>;

export const Succession = z.strictObject({
  weights: z.record(ComponentName, z.number()),
  /** A candidate on this many slates or more is flagged (scoring.succession.flag_slates_from). */
  flag_slates_from: z.number().int(),
  /** The most slates one person may be on (scoring.succession.max_slates_per_person); null: no cap. */
  max_slates_per_person: z.number().int().nullable(),
  /** The reach rule's numbers (scoring.succession.reach): the site words the rule from them. */
  reach: z.strictObject({ min_skill_fit_outside: z.number(), generic_skill_categories: z.array(z.string()) }),
  /** The readiness rule's numbers (scoring.succession.readiness); the site words the rule from them. */
  readiness: z.strictObject({
    ready_now: z.strictObject({ min_score: z.number(), min_skill_fit: z.number(), max_grade_gap: z.number().int() }),
    one_to_two_years: z.strictObject({ min_score: z.number(), min_skill_fit: z.number() }),
  }),
  /**
   * The organisation tree the succession chart draws: every department that holds a key position, and its
   * ancestors, parents before children (siblings by department_id).
   */
  departments: z.array(z.strictObject({ department_id: z.string(), name: z.string(), parent_id: z.string().nullable() })),
  positions: z.array(KeyPosition),
});
export type Succession = z.infer<typeof Succession>;

export const Quality = z.strictObject({
  rejects_total: z.number().int(),
  /** Rejects by file and reason; a reason in both site languages (en: as the batch wrote it in `rejects`). */
  by_file_reason: z.array(z.strictObject({ source_file: z.string(), reason: Text, count: z.number().int() })),
  /** The first rejects (file, line, column, reason) — no values, which may hold personal text. */
  examples: z.array(z.strictObject({ source_file: z.string(), line: z.number().int(), column: z.string().nullable(), reason: Text })),
  sources: z.array(z.strictObject({ source_file: z.string(), kind: z.string(), rows: z.number().int(), loaded: z.number().int(), rejected: z.number().int() })),
  /** Evaluation-comment quality by department (AI stage); values null where fewer than min_group_size comments or people. */
  comment_quality: z.array(
    z.strictObject({
      department_id: z.string(),
      name: z.string(),
      ...UnitPlace,
      /** Null with the other figures: how many comments a hidden unit's few people got is about them too. */
      comments: SuppressibleCount,
      mean_score: z.number().nullable(),
      share_specific: z.number().min(0).max(1).nullable(),
      share_evidence_based: z.number().min(0).max(1).nullable(),
      share_forward_looking: z.number().min(0).max(1).nullable(),
    }),
  ),
  /** The AI stage of the run: who answered, and what is left for the next night. */
  ai: z.strictObject({ provider: z.string(), model: z.string(), prompt_versions: z.record(z.string(), z.string()), left_over: z.number().int() }),
  /**
   * Stale or missing records among active people (and key positions), each a count out of a total:
   * no_evaluation_latest_period, no_skill_assessment, skill_assessment_stale (older than
   * `quality.stale_skill_months`), no_interview_in_window (`retention.window_months`), no_manager,
   * no_hire_date, position_vacant_or_unknown, position_without_required_skills.
   */
  checks: z.array(z.strictObject({ check: z.string(), count: z.number().int(), total: z.number().int(), months: z.number().int().nullable() })),
});
export type Quality = z.infer<typeof Quality>;


/**
 * Career interviews (キャリア面談): is the cycle alive? Aggregates only — no note text, no names.
 */
export const Interviews = z.strictObject({
  min_group_size: z.number().int(),
  cycle_months: z.number().int(),
  /** Interview kinds that count as a career interview (after values.kind mapping). */
  career_kinds: z.array(z.string()),
  total: z.strictObject({ headcount: z.number().int(), covered: z.number().int(), share: z.number().min(0).max(1).nullable() }),
  /** Share of active people of each department with a career interview in the last cycle_months. */
  coverage: z.array(z.strictObject({ ...DepartmentRow, covered: SuppressibleCount, share: SuppressibleShare })),
  /**
   * Follow-up actions agreed in interviews (AI stage) whose due date is before as_of with no later interview
   * of the same person on or after it: by department and by owner (manager / employee / hr / other).
   */
  overdue_actions: z.strictObject({
    total: z.number().int(),
    with_due_date: z.number().int(),
    overdue: z.number().int(),
    by_owner: z.array(z.strictObject({ owner: z.string(), overdue: z.number().int() })),
    by_department: z.array(z.strictObject({ ...DepartmentRow, overdue: SuppressibleCount, people: SuppressibleCount })),
  }),
  /**
   * Aspiration–placement mismatches: a person wants a skill that nobody in their department holds at
   * `skill_map.level_threshold` and no key position of their department requires, or names a key position
   * whose slate does not include them.
   */
  mismatches: z.strictObject({
    people_with_aspirations: z.number().int(),
    /** Null when fewer than min_group_size people voiced a wish (1 or more): their answers are about those few. */
    people_mismatched: SuppressibleCount,
    by_department: z.array(z.strictObject({ ...DepartmentRow, with_aspirations: SuppressibleCount, mismatched: SuppressibleCount })),
    /** Skills most wanted where they are not offered: people per skill, at least min_group_size. */
    skills: z.array(z.strictObject({ skill_id: z.string(), name_ja: z.string(), name_en: z.string(), people: z.number().int() })),
    /** Key positions named by people who are not on their slate (null count when under min_group_size, unless 0). */
    positions: z.array(z.strictObject({ position_id: z.string(), title: z.string(), named_by: SuppressibleCount, not_on_slate: SuppressibleCount })),
  }),
});
export type Interviews = z.infer<typeof Interviews>;

export const RetentionRisk = z.enum(['high', 'medium', 'low', 'unknown']);
export type RetentionRisk = z.infer<typeof RetentionRisk>;

/**
 * Retention risk (離職リスク), aggregates only. A person's risk is the signal of their latest interview within
 * `retention.window_months` (AI stage: interview_insight), unknown without one.
 */
export const Retention = z.strictObject({
  min_group_size: z.number().int(),
  window_months: z.number().int(),
  /** Company-wide; high and medium null when 1 to min_group_size − 1 people were assessed. */
  total: z.strictObject({ headcount: z.number().int(), assessed: z.number().int(), high: SuppressibleCount, medium: SuppressibleCount }),
  by_department: z.array(
    z.strictObject({
      ...DepartmentRow,
      assessed: SuppressibleCount,
      high: SuppressibleCount,
      medium: SuppressibleCount,
      /** high ÷ assessed. */
      share_high: SuppressibleShare,
      /** Concern categories behind medium and high signals (workload, evaluation, career, pay, …): people each. */
      signals: z.array(z.strictObject({ category: z.string(), people: z.number().int() })).nullable(),
    }),
  ),
  /** Company-wide concern categories behind medium and high signals: people each (categories under k are left out). */
  signals: z.array(z.strictObject({ category: z.string(), people: z.number().int() })),
  /** Per key position: the incumbent's risk and the slate's (counts), and whether a ready-now successor exists. */
  by_position: z.array(
    z.strictObject({
      position_id: z.string(),
      title: z.string(),
      department: z.string().nullable(),
      /** The division the position's department is in (TalentPool.divisions), for the division's page; null when none. */
      division_id: z.string().nullable(),
      incumbent_risk: RetentionRisk.nullable(),
      candidates: z.number().int(),
      candidates_high: z.number().int(),
      status: z.enum(['ready_now', '1_2_years', 'none']),
    }),
  ),
});
export type Retention = z.infer<typeof Retention>;

/**
 * people.json: a talent card's facts for every person the site names — each slate candidate, each incumbent
 * of a key position, each listed 9-box member — so the pages grow with key positions, not with headcount.
 * Slates, readiness, gaps and development plans stay in succession.json (the card reads them there). No note
 * text: aspirations are their kind and the named skill or position.
 */
export const Person = z.strictObject({
  /** The HRIS id, or its pseudonym (P-…) with `privacy.pseudonymize_ids`. */
  employee_id: z.string(),
  /** Null when `privacy.show_names` is false. */
  name: z.string().nullable(),
  department: z.string().nullable(),
  job_title: z.string().nullable(),
  grade: z.string().nullable(),
  tenure_years: z.number().nullable(),
  /** Every evaluation period, oldest first: the grade and the potential rating as exported. */
  evaluations: z.array(z.strictObject({ period: z.string(), grade: z.string().nullable(), potential: z.string().nullable() })),
  /** The 9-box cell; null when not placed (without both ratings). */
  talent_pool: z.strictObject({ box: z.number().int().min(1).max(9), label: Text }).nullable(),
  /** Retention risk from the latest interview within `retention.window_months` (unknown without one), and its date. */
  retention_risk: RetentionRisk,
  retention_assessed_on: IsoDate.nullable(),
  /** The key positions this person holds. */
  holds: z.array(z.strictObject({ position_id: z.string(), title: z.string() })),
  /** The person's level (0 when none) of every skill a key position they are on or hold requires. */
  skills: z.array(z.strictObject({ skill_id: z.string(), name_ja: z.string(), name_en: z.string(), level: z.number() })),
  /** What they said they want in career interviews: a key position or a skill, by name, newest first. */
  aspirations: z.array(
    z.strictObject({ kind: z.enum(['position', 'skill']), target_id: z.string(), name: Text, held_on: IsoDate.nullable() }),
  ),
});
export type Person = z.infer<typeof Person>;

export const People = z.strictObject({ people: z.array(Person) });
export type People = z.infer<typeof People>;

/** File name → schema, the single list both publisher and site use. */
export const ARTIFACTS = {
  'overview.json': Overview,
  'skill_map.json': SkillMap,
  'talent_pool.json': TalentPool,
  'succession.json': Succession,
  'interviews.json': Interviews,
  'retention.json': Retention,
  'quality.json': Quality,
  'people.json': People,
} as const;
export type ArtifactName = keyof typeof ARTIFACTS;

export const Manifest = z.strictObject({
  schema_version: z.literal(ARTIFACT_SCHEMA_VERSION),
  company: z.string(),
  as_of: IsoDate,
  /** sha256 over the inputs (files and config): same inputs → same hash. */
  input_hash: z.string(),
  /**
   * What every employee_id of the set is: the HRIS id, or its pseudonym (`privacy.pseudonymize_ids`) — the
   * site labels them so that a pseudonym is never read as an employee number.
   */
  ids: z.enum(['employee_id', 'pseudonym']),
  files: z.array(z.strictObject({ name: z.string(), sha256: z.string(), bytes: z.number().int() })),
});
export type Manifest = z.infer<typeof Manifest>;

/**
 * runs.json: the latest successful runs (newest first, at most 10) from the `runs` table. It lies next to the
 * artifacts but is not one of them and not in the manifest: it records when the batch ran and how long it
 * took, which differ on every run, while the artifacts depend only on the inputs.
 */
export const Runs = z.strictObject({
  runs: z.array(
    z.strictObject({
      run_id: z.string(),
      started_at: z.string(),
      finished_at: z.string(),
      as_of: IsoDate,
      seconds: z.number(),
      input_hash: z.string(),
      employees: z.number().int(),
      rejects: z.number().int(),
      ai_provider: z.string(),
      ai_left_over: z.number().int(),
    }),
  ),
});
export type Runs = z.infer<typeof Runs>;
export const RUNS_FILE = 'runs.json';
