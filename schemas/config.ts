import { z } from 'zod';

/**
 * The config file (YAML): every export format is described here, never in code.
 * Paths are relative to the config file itself, so a cron job can run from any directory.
 */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/** Header name of a column in the export, exactly as it appears (Japanese or English). */
const Column = z.string().min(1);

/** raw value → unified value, e.g. `{ 正社員: regular }` or `{ Yes: left }`. Keys are compared after trimming. */
const ValueMap = z.record(z.string(), z.string());

/** raw grade or symbol → number, e.g. `{ S: 5, A: 4 }` or `{ ◎: 4, ○: 3, △: 2, ×: 0 }`; null means "not assessed". */
const Scale = z.record(z.string(), z.number().nullable());

const SourceBase = {
  /** Path of the export, relative to the config file. */
  path: z.string().min(1),
  /**
   * `auto` reads the whole file: UTF-8 (with or without BOM) when it all decodes as UTF-8, else CP932 when most
   * of its lines with non-ASCII bytes are not UTF-8 (else UTF-8, and the few others are rejected as bad bytes).
   */
  encoding: z.enum(['auto', 'utf-8', 'utf-8-bom', 'cp932']).default('auto'),
  /** Field separator of the export. */
  delimiter: z.string().length(1).default(','),
  /** 1-based line of the header; lines above it (titles Excel adds) are skipped. */
  header_line: z.number().int().min(1).default(1),
  /**
   * Date styles tried in order: strptime patterns (`%Y/%m/%d`, `%m/%d/%Y`, `%Y%m%d`, …) or `wareki`
   * (令和6年4月1日, R6.4.1, 平成31年4月30日, 元年).
   */
  date_formats: z.array(z.string().min(1)).min(1).default(['%Y/%m/%d', '%Y-%m-%d', 'wareki']),
  /** Per unified field, a map from raw values to unified values (applied after trimming). */
  values: z.record(z.string(), ValueMap).default({}),
  /**
   * Breaker: the run stops before publishing when more than this share of the export's records is rejected
   * (0.05 = 5%). Set 1 to accept any rate, or run once with `--accept-rejects`.
   */
  max_reject_rate: z.number().min(0).max(1).default(0.05),
};

export const EmployeesSource = z.strictObject({
  kind: z.literal('employees'),
  ...SourceBase,
  /** unified field → export column. Give `name`, or `family_name` and `given_name`. */
  columns: z.strictObject({
    employee_id: Column,
    name: Column.optional(),
    family_name: Column.optional(),
    given_name: Column.optional(),
    department: Column.optional(),
    department_id: Column.optional(),
    job_title: Column.optional(),
    grade: Column.optional(),
    employment_type: Column.optional(),
    hire_date: Column.optional(),
    /** Used when the export has years of service instead of a hire date (e.g. IBM's YearsAtCompany). */
    tenure_years: Column.optional(),
    manager_id: Column.optional(),
    location: Column.optional(),
    /** Mapped through `values.status` to active / leave / left. */
    status: Column.optional(),
  }),
  /** Departments given as a path (`製造本部/第一製造部`) are split on this into a hierarchy. */
  department_separator: z.string().min(1).optional(),
});

/**
 * A skill scale checked against its level range: not empty, every level a whole number from 0 to level_max.
 * Shared by the kinds that read skill levels.
 */
function checkLevelScale(s: { scale?: Record<string, number | null> | undefined; level_max: number }, ctx: z.RefinementCtx): void {
  if (s.scale === undefined) return;
  const entries = Object.entries(s.scale);
  if (!entries.some(([, v]) => v !== null)) {
    ctx.addIssue({ code: 'custom', path: ['scale'], message: 'the scale names no level: give symbols with their levels (◎: 4, ○: 3, …), or leave scale out to read the whole numbers 0–level_max' });
  }
  for (const [symbol, v] of entries) {
    if (v !== null && (!Number.isInteger(v) || v < 0 || v > s.level_max)) {
      ctx.addIssue({ code: 'custom', path: ['scale', symbol], message: `level ${v} is not a whole number from 0 to level_max (${s.level_max})` });
    }
  }
}

/** The keys of the kinds that read skill levels (skill_matrix, skill_list). */
const LevelFields = {
  /**
   * Value → level (null: not assessed). The whole numbers 0–level_max are levels besides. Without a scale:
   * those numbers, `-` and blank for not assessed, and with level_max 4 the customary ◎ 4, ○/〇 3, △ 2, × 0.
   */
  scale: Scale.optional(),
  /** Highest level of the scale (levels are published as 0–level_max). */
  level_max: z.number().int().min(1).max(10).default(4),
  /** Who assessed: the source of every level (of a skill list's rows without a source of their own). */
  source: z.enum(['self', 'manager', 'certified']).default('manager'),
  /** When it was assessed: the one date of a matrix (of a skill list's rows without a date of their own). */
  assessed_on: IsoDate.optional(),
};

export const SkillMatrixSource = z.strictObject({
  kind: z.literal('skill_matrix'),
  ...SourceBase,
  /** Column holding the employee id; every other column not in `ignore_columns` is a skill. */
  employee_id_column: Column,
  /** Columns that are not skills (name, department, …). */
  ignore_columns: z.array(Column).default([]),
  /** Header → skill_id where the header is not a taxonomy name or synonym. */
  skill_columns: z.record(z.string(), z.string()).default({}),
  ...LevelFields,
}).superRefine(checkLevelScale);

/**
 * A long skill list, as HR SaaS exports one: a row per person and skill, with its level and, per row, the
 * assessor and date. Several rows for one person and skill: the newest is current, the others are history.
 */
export const SkillListSource = z.strictObject({
  kind: z.literal('skill_list'),
  ...SourceBase,
  columns: z.strictObject({
    employee_id: Column,
    /** The skill: a taxonomy name or synonym (across width and katakana variants), or a skill id. */
    skill: Column,
    level: Column,
    /** The export's own category of the skill (kept in the history). */
    category: Column.optional(),
    assessor_id: Column.optional(),
    /** When the row was assessed, in any of `date_formats` (和暦 too). */
    assessed_on: Column.optional(),
    /** self / manager / certified per row (through `values.source`). */
    source: Column.optional(),
  }),
  ...LevelFields,
}).superRefine(checkLevelScale);

export const EvaluationsSource = z.strictObject({
  kind: z.literal('evaluations'),
  ...SourceBase,
  columns: z.strictObject({
    employee_id: Column,
    /** e.g. `2024H1` / `2024上期`; when absent, `period` below is used for every row. */
    period: Column.optional(),
    /** The raw performance grade (S/A/B/C/D, 1–5, Exceeds …), mapped through `performance_scale`. */
    grade: Column,
    potential: Column.optional(),
    comment: Column.optional(),
    evaluator_id: Column.optional(),
  }),
  /** Period for every row when the export has no period column. */
  period: z.string().optional(),
  /** Raw grade → number; normalized to 0–1 by the scale's min and max. */
  performance_scale: Scale.default({ S: 5, A: 4, B: 3, C: 2, D: 1 }),
  potential_scale: Scale.default({ 高: 3, 中: 2, 低: 1, H: 3, M: 2, L: 1 }),
});

export const InterviewsSource = z.strictObject({
  kind: z.literal('interviews'),
  ...SourceBase,
  columns: z.strictObject({
    interview_id: Column.optional(),
    employee_id: Column,
    interviewer_id: Column.optional(),
    held_on: Column,
    /** Mapped through `values.kind` to career / 1on1 / review. */
    kind: Column.optional(),
    /** The notes; optional when the notes come from transcript files. */
    notes: Column.optional(),
    /** The name of the row's transcript file in `transcripts.dir` (e.g. `IV-001.vtt`, `2026-06-01 田中.txt`). */
    transcript_file: Column.optional(),
  }),
  default_kind: z.enum(['career', '1on1', 'review']).default('career'),
  /**
   * Notes from the files of an AI minutes tool or a meeting app: a folder of .vtt / .srt / .txt transcripts,
   * matched to rows by `columns.transcript_file` or by `file_pattern`. A row's notes are its notes cell, then
   * its transcript (a `speaker: text` line per turn); speakers and times are kept in interview_utterances.
   */
  transcripts: z
    .strictObject({
      /** The folder, relative to the config file. */
      dir: z.string().min(1),
      /** The file of a row: `{interview_id}`, `{employee_id}` and `{held_on}` (YYYY-MM-DD) filled in, e.g. `{interview_id}.vtt`. */
      file_pattern: z.string().min(1).optional(),
      /** `auto`: UTF-8 (with or without BOM) when the file is valid UTF-8, else CP932. */
      encoding: z.enum(['auto', 'utf-8', 'utf-8-bom', 'cp932']).default('auto'),
    })
    .optional(),
}).superRefine((s, ctx) => {
  if (!s.columns.notes && !s.transcripts) ctx.addIssue({ code: 'custom', path: ['columns', 'notes'], message: 'give the notes column, or transcripts (a folder of transcript files)' });
  if (s.columns.transcript_file && !s.transcripts) ctx.addIssue({ code: 'custom', path: ['transcripts'], message: 'columns.transcript_file names files: give transcripts.dir, the folder they are in' });
  if (s.transcripts && !s.transcripts.file_pattern === !s.columns.transcript_file) {
    ctx.addIssue({ code: 'custom', path: ['transcripts', 'file_pattern'], message: 'match transcripts to rows either by columns.transcript_file or by transcripts.file_pattern (one of the two)' });
  }
  const unknown = /\{([^}]*)\}/g;
  for (const m of (s.transcripts?.file_pattern ?? '').matchAll(unknown)) {
    if (!['interview_id', 'employee_id', 'held_on'].includes(m[1]!)) ctx.addIssue({ code: 'custom', path: ['transcripts', 'file_pattern'], message: `{${m[1]}} is not a field: use {interview_id}, {employee_id} or {held_on}` });
  }
});

export const KeyPositionsSource = z.strictObject({
  kind: z.literal('key_positions'),
  ...SourceBase,
  columns: z.strictObject({
    position_id: Column,
    title: Column,
    /** The title in English, for the English pages (else names_en.positions, else the title). */
    title_en: Column.optional(),
    department: Column.optional(),
    incumbent_id: Column.optional(),
    /** Mapped through `values.criticality` to high / medium / low. */
    criticality: Column.optional(),
    /** A list like `PLC制御:3;品質管理:2` (skill name or id, level). */
    required_skills: Column.optional(),
    expected_vacancy: Column.optional(),
  }),
  required_skills_format: z
    .strictObject({ item_separator: z.string().min(1).default(';'), level_separator: z.string().min(1).default(':') })
    .prefault({}),
});

export const Source = z.discriminatedUnion('kind', [
  EmployeesSource,
  SkillMatrixSource,
  SkillListSource,
  EvaluationsSource,
  InterviewsSource,
  KeyPositionsSource,
]);
export type Source = z.infer<typeof Source>;
export type SourceKind = Source['kind'];

const Band = z.strictObject({
  /** Normalized value (0–1) below which the band is 1 (low). */
  low_below: z.number().min(0).max(1),
  /** Normalized value (0–1) from which the band is 3 (high). */
  high_from: z.number().min(0).max(1),
});

const DEFAULT_BOX_LABELS = {
  '1': { ja: '要改善', en: 'Needs improvement' },
  '2': { ja: '安定貢献者', en: 'Solid contributor' },
  '3': { ja: 'プロフェッショナル', en: 'Professional' },
  '4': { ja: '要観察', en: 'Inconsistent player' },
  '5': { ja: '中核人材', en: 'Core player' },
  '6': { ja: '高業績者', en: 'High performer' },
  '7': { ja: '潜在力あり', en: 'Rough diamond' },
  '8': { ja: '成長株', en: 'Growth employee' },
  '9': { ja: 'スター', en: 'Star' },
};

/** A label in both site languages; a plain string is used for both. */
const BoxLabel = z.union([z.string().min(1), z.strictObject({ ja: z.string().min(1), en: z.string().min(1) })]);

export const ScoringConfig = z.strictObject({
  /** Bands on the normalized performance of the latest `performance_periods` periods. */
  performance_bands: Band.default({ low_below: 0.45, high_from: 0.75 }),
  potential_bands: Band.default({ low_below: 0.4, high_from: 0.75 }),
  /** How many of the most recent evaluation periods are averaged. */
  performance_periods: z.number().int().min(1).default(2),
  /** Box 1 = low performance / low potential … 9 = high / high (box = 3 × (potential band − 1) + performance band). */
  box_labels: z.record(z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9']), BoxLabel).default(DEFAULT_BOX_LABELS),
  succession: z
    .strictObject({
      /** Weights of the named score components; the score is their weighted mean × 100. */
      weights: z
        .strictObject({
          performance: z.number().min(0).default(0.3),
          potential: z.number().min(0).default(0.25),
          skill_fit: z.number().min(0).default(0.25),
          experience: z.number().min(0).default(0.1),
          aspiration: z.number().min(0).default(0.1),
        })
        .prefault({}),
      slate_size: z.number().int().min(1).max(50).default(5),
      /** A candidate on this many slates or more is flagged on the site: one person cannot fill them all. */
      flag_slates_from: z.number().int().min(2).default(3),
      /**
       * The most slates one person may be on (null: no cap). Someone over it keeps the slates where they rank
       * best and leaves the others to the next candidates; succession_capped lists who was left off where.
       */
      max_slates_per_person: z.number().int().min(1).nullable().default(null),
      /**
       * Who may be a candidate (the reach rule): people in the position's department or below it, people in
       * its function, and people elsewhere whose fit on its function-specific required skills reaches
       * min_skill_fit_outside. Everyone must also be within max_grade_gap of the incumbent.
       */
      reach: z
        .strictObject({
          /**
           * A department's function is its ancestor at this depth of the tree (1 = the top; a department higher
           * up is its own function). auto: the first depth that has more than one department, so a single
           * company root (本社) does not make the whole company one function.
           */
          function_depth: z.union([z.literal('auto'), z.number().int().min(1)]).default('auto'),
          /**
           * Functions (job families) that group departments: name → department ids as exported (paths such
           * as 製造本部/生産技術部). A department belongs to the function of its nearest listed ancestor or
           * itself; departments under no listed one fall back to function_depth.
           */
          functions: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).default({}),
          /** Outside the function, the least fit (0–1) on the position's function-specific required skills. */
          min_skill_fit_outside: z.number().min(0).max(1).default(0.5),
          /**
           * Skill categories every function needs (leadership, people development): left out of the outside
           * fit, so that holding them alone never carries someone onto another function's slate. When a
           * position requires only such skills, all of them count.
           */
          generic_skill_categories: z.array(z.string().min(1)).default(['マネジメント']),
        })
        .prefault({}),
      /** Grades from lowest to highest (e.g. [G1, G2, G3, M1, M2]); drives experience/grade proximity. */
      grade_order: z.array(z.string()).default([]),
      /** Candidates more than this many grades below the incumbent are not considered. */
      max_grade_gap: z.number().int().min(0).default(2),
      readiness: z
        .strictObject({
          ready_now: z
            .strictObject({
              min_score: z.number().min(0).max(100).default(70),
              min_skill_fit: z.number().min(0).max(1).default(0.85),
              max_grade_gap: z.number().int().min(0).default(1),
            })
            .prefault({}),
          one_to_two_years: z
            .strictObject({
              min_score: z.number().min(0).max(100).default(55),
              /** A development horizon of 1–2 years is credible only with part of the skills in place. */
              min_skill_fit: z.number().min(0).max(1).default(0.6),
            })
            .prefault({}),
        })
        .prefault({}),
    })
    .prefault({}),
});
export type ScoringConfig = z.infer<typeof ScoringConfig>;

export const Config = z.strictObject({
  company: z.strictObject({
    name: z.string().min(1),
    /** The month the fiscal year starts (4: April–March, the usual Japanese 年度). 上期, 下期, 来期 and 年度末 in notes are read against it. */
    fiscal_year_start_month: z.number().int().min(1).max(12).default(4),
  }),
  /**
   * The reference date of the run (tenure, "last 6 months", …). Defaults to today; set it to make a rerun
   * on another day publish the same artifacts.
   */
  as_of: IsoDate.optional(),
  /** Skill taxonomy CSV (skill_id,name_ja,name_en,category,synonyms with synonyms separated by |). */
  taxonomy: z.string().min(1),
  /**
   * Skill names as the exports write them → taxonomy skill_id, for names the taxonomy does not list
   * (`{ ピープルマネジメント: team_management }`). Applied to matrix headers, skill lists, key-position
   * requirements and the text tagger alike; compared after the tagger's width, case and katakana folding.
   */
  skill_aliases: z.record(z.string().min(1), z.string().min(1)).default({}),
  /**
   * A skill name that matches neither the taxonomy nor `skill_aliases`: `add` makes it a company skill
   * (skills.defined_by = company, a stable id `co_…`), `reject` rejects it (the row, the requirement, the
   * matrix column). Either way the summary lists each such name once, with the closest taxonomy skills.
   */
  unknown_skills: z.enum(['add', 'reject']).default('add'),
  output: z.strictObject({ dir: z.string().min(1).default('data/out') }).prefault({}),
  sources: z.array(Source).min(1),
  breakers: z
    .strictObject({
      /**
       * The run stops before publishing when the employee list has this share fewer people than the last
       * published run (0.2 = 20%): a truncated export must not replace last night's outputs. Set 1 to accept
       * any drop, or run once with `--accept-drop`.
       */
      max_headcount_drop: z.number().min(0).max(1).default(0.2),
    })
    .prefault({}),
  privacy: z
    .strictObject({
      /** Aggregates over fewer people than this are suppressed on the site. */
      min_group_size: z.number().int().min(1).default(5),
      /** Show names of successors on the site (false: employee ids only). */
      show_names: z.boolean().default(true),
      /**
       * Publish pseudonyms (P- and 10 hex digits of an HMAC-SHA256 of the id) instead of employee ids. The key
       * is the environment variable TALENT_ATLAS_PSEUDONYM_KEY, else `pseudonym_key`; one of them is required.
       */
      pseudonymize_ids: z.boolean().default(false),
      pseudonym_key: z.string().min(16).optional(),
      /** List the members of each 9-box cell (only when show_names is true). */
      pool_members: z.boolean().default(true),
      /** At most this many members per cell, best first; the rest are counted. */
      pool_members_max: z.number().int().min(1).max(1000).default(50),
    })
    .prefault({}),
  /**
   * The departments the dashboard reports on. A large company has thousands of small units; executives read
   * a few dozen: people are counted in their department's ancestor at `department_depth` (1 = the top of the
   * tree), or, when it is not set, at the deepest level with at most `max_departments` units.
   */
  reporting: z
    .strictObject({
      department_depth: z.number().int().min(1).optional(),
      max_departments: z.number().int().min(1).default(60),
    })
    .prefault({}),
  /** Career-interview cycle. */
  interviews: z
    .strictObject({
      /** A person is covered with a career interview in the last this many months. */
      cycle_months: z.number().int().min(1).max(60).default(6),
      /** Interview kinds (after values.kind mapping) that count as career interviews. */
      career_kinds: z.array(z.string().min(1)).min(1).default(['career']),
    })
    .prefault({}),
  retention: z
    .strictObject({
      /** A person's retention risk is the signal of their latest interview within this many months. */
      window_months: z.number().int().min(1).max(60).default(12),
      /** A key position whose expected vacancy is within this many months of as_of is at risk without a ready-now successor. */
      vacancy_soon_months: z.number().int().min(0).max(120).default(12),
    })
    .prefault({}),
  /**
   * English names for the English pages, where the exports give only Japanese ones: departments by
   * department_id (the path as exported) or by name, key positions by position_id (a key_positions export's
   * `title_en` column comes first).
   */
  names_en: z
    .strictObject({
      departments: z.record(z.string(), z.string().trim().min(1)).default({}),
      positions: z.record(z.string(), z.string().trim().min(1)).default({}),
    })
    .prefault({}),
  /** The overview's key figures: the target each is read against (met, or not), shown on its card. */
  targets: z
    .strictObject({
      /** Share of key positions with a ready-now successor: at least. */
      coverage: z.number().min(0).max(1).default(0.8),
      /** Bench strength, effective successors per key position: at least. */
      bench_strength: z.number().min(0).max(100).default(1),
      /** Key positions at risk: at most. */
      positions_at_risk: z.number().int().min(0).default(0),
      /** Share of active people with a career interview in the cycle: at least. */
      interview_coverage: z.number().min(0).max(1).default(0.9),
      /** Overdue follow-ups of career interviews: at most. */
      overdue_follow_ups: z.number().int().min(0).default(0),
      /** Rejected export rows of this run: at most. */
      rejects: z.number().int().min(0).default(0),
    })
    .prefault({}),
  quality: z
    .strictObject({
      /** Skill assessments older than this many months count as stale. */
      stale_skill_months: z.number().int().min(1).max(120).default(24),
    })
    .prefault({}),
  ai: z
    .strictObject({
      /** offline: deterministic taxonomy matching and pattern rules, no network. openai: any OpenAI-compatible endpoint. */
      provider: z.enum(['offline', 'openai']).default('offline'),
      /** Set true to forbid any external provider, whatever `provider` says (a run asking for one fails). */
      forbid_external: z.boolean().default(false),
      /** The AI tasks to run. */
      tasks: z
        .array(z.enum(['skill_tags', 'interview_insight', 'comment_quality', 'development_plan']))
        .default(['skill_tags', 'interview_insight', 'comment_quality', 'development_plan']),
      /** Inferred skills below this confidence are not written. */
      min_confidence: z.number().min(0).max(1).default(0.5),
      /**
       * A skill found only in text (no assessment of it) counts in scoring at this level at most, whatever
       * level the text suggests: a note, or a model's answer, cannot make someone an expert on its own.
       */
      inferred_level_cap: z.number().int().min(0).max(10).default(2),
      /** Where answers of external models are cached (relative to the config file); default <output.dir>/cache. */
      cache_dir: z.string().min(1).optional(),
      /** The OpenAI-compatible endpoint: URL and key come from OPENAI_BASE_URL and OPENAI_API_KEY, never from here. */
      openai: z
        .strictObject({
          model: z.string().min(1).default('gpt-4o-mini'),
          requests_per_minute: z.number().int().min(1).default(500),
          tokens_per_minute: z.number().int().min(100).default(200_000),
          /** Requests in flight at once. */
          concurrency: z.number().int().min(1).max(256).default(8),
          timeout_ms: z.number().int().min(100).default(60_000),
          /** Attempts per text, the first included, before it is left for the next night. */
          max_attempts: z.number().int().min(1).max(20).default(6),
          max_completion_tokens: z.number().int().min(16).default(800),
          /** auto: json_schema, falling back to json_object + validation when the server refuses json_schema. */
          structured_output: z.enum(['auto', 'json_schema', 'json_object']).default('auto'),
          /** Consecutive failed texts after which the run stops calling the provider. */
          circuit_breaker_failures: z.number().int().min(1).default(20),
          /** Per-run caps; what is left stays untagged, is listed, and is done next night. */
          run_token_cap: z.number().int().min(1).nullable().default(null),
          run_cost_cap_usd: z.number().min(0).nullable().default(null),
          price_per_million_input_tokens: z.number().min(0).default(0.15),
          price_per_million_output_tokens: z.number().min(0).default(0.6),
        })
        .prefault({}),
    })
    .prefault({}),
  skill_map: z
    .strictObject({
      /** A person "has" a skill at or above this level (0–level_max). */
      level_threshold: z.number().int().min(0).default(3),
      /** People a department should have at the level its key positions require, per required skill. */
      holders_target: z.number().int().min(1).default(2),
      /** Skills the strategy depends on: the share of people at `level` (default level_threshold) against `target_share`. */
      strategic_skills: z
        .array(
          z.strictObject({
            skill_id: z.string().min(1),
            level: z.number().int().min(1).optional(),
            target_share: z.number().min(0).max(1),
          }),
        )
        .default([]),
    })
    .prefault({}),
  scoring: ScoringConfig.prefault({}),
});
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;
