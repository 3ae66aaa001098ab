/**
 * The unified model as analysts see it in talent.duckdb: every table and column with its COMMENT.
 * This list is the single source of the DDL and of the README's table reference.
 */
export interface TableSpec {
  name: string;
  comment: string;
  columns: Array<[name: string, type: string, comment: string]>;
}

export const TABLES: TableSpec[] = [
  {
    name: 'departments',
    comment: 'Departments, a tree: from the employees export (paths split on department_separator) or its department names.',
    columns: [
      ['department_id', 'VARCHAR PRIMARY KEY', 'Stable id: the department path as exported (e.g. 製造本部/第一製造部), or the export\'s own id.'],
      ['name', 'VARCHAR NOT NULL', 'Display name (the last part of the path).'],
      ['parent_id', 'VARCHAR', 'department_id of the parent; NULL at the top.'],
      ['depth', 'INTEGER NOT NULL', '1 at the top of the tree.'],
    ],
  },
  {
    name: 'employees',
    comment: 'One row per person in the HRIS export (all statuses). Rows with a missing or duplicated id are in rejects instead.',
    columns: [
      ['employee_id', 'VARCHAR PRIMARY KEY', 'The HRIS id (社員番号), trimmed.'],
      ['name', 'VARCHAR', 'Full name as exported (family name first for Japanese exports).'],
      ['department_id', 'VARCHAR', 'departments.department_id.'],
      ['job_title', 'VARCHAR', 'Job title (役職) as exported.'],
      ['grade', 'VARCHAR', 'Grade (等級) as exported.'],
      ['grade_rank', 'INTEGER', 'Position of grade in scoring.succession.grade_order (0 = lowest); NULL when not listed.'],
      ['employment_type', 'VARCHAR', 'regular / contract / part_time / temporary, or the raw value when not mapped.'],
      ['hire_date', 'DATE', 'Hire date; NULL when missing or unreadable (see rejects).'],
      ['tenure_years', 'DOUBLE', 'Years of service at as_of: from hire_date, or as exported when there is no date.'],
      ['manager_id', 'VARCHAR', 'employees.employee_id of the manager; NULL when missing or unknown (see rejects).'],
      ['location', 'VARCHAR', 'Work location (勤務地).'],
      ['status', 'VARCHAR NOT NULL', 'active / leave / left (after mapping through values.status).'],
      ['source_line', 'INTEGER NOT NULL', 'Line of the row in the export.'],
    ],
  },
  {
    name: 'skills',
    comment: 'The skill vocabulary: the taxonomy (data/taxonomy/skills.csv or the configured file) and the company skills the exports named (unknown_skills: add).',
    columns: [
      ['skill_id', 'VARCHAR PRIMARY KEY', 'Stable id; a company skill\'s is co_, the ASCII of its name, and 8 hex digits of a hash of the name.'],
      ['name_ja', 'VARCHAR NOT NULL', 'Japanese name (a company skill: the name as first exported).'],
      ['name_en', 'VARCHAR NOT NULL', 'English name (a company skill: the name as first exported).'],
      ['category', 'VARCHAR NOT NULL', 'Category used by the skill map (a company skill: the export\'s category, else 自社定義).'],
      ['synonyms', 'VARCHAR[] NOT NULL', 'Other spellings matched in headers and text, the config\'s skill_aliases among them.'],
      ['defined_by', 'VARCHAR NOT NULL', 'taxonomy, or company: a name of the exports the taxonomy and skill_aliases do not know.'],
    ],
  },
  {
    name: 'unmatched_skill_names',
    comment: 'Skill names of the exports that match neither the taxonomy nor skill_aliases: one row per name and export column, with what became of it and the closest taxonomy skills.',
    columns: [
      ['name', 'VARCHAR NOT NULL', 'The name as exported (its first spelling in this column).'],
      ['source_file', 'VARCHAR NOT NULL', 'Export file as configured.'],
      ['column', 'VARCHAR NOT NULL', 'Export column: the skill column of a list or requirement, or the matrix header itself.'],
      ['first_line', 'INTEGER NOT NULL', 'First line naming it (a matrix header: the header line).'],
      ['occurrences', 'INTEGER NOT NULL', 'Rows, requirements or matrix cells naming it.'],
      ['category', 'VARCHAR', 'The export\'s category of the skill, when it gives one.'],
      ['skill_id', 'VARCHAR NOT NULL', 'Its company skill id (co_…): every spelling that folds alike has the same one.'],
      ['outcome', 'VARCHAR NOT NULL', 'added (unknown_skills: add; skill_id is in skills) or rejected (unknown_skills: reject; its rows, requirements or column are in rejects).'],
      ['closest', 'VARCHAR[] NOT NULL', 'skills.skill_id of the closest taxonomy skills, best first: candidates for skill_aliases.'],
    ],
  },
  {
    name: 'employee_skills',
    comment: 'Skill levels per person: assessed (skill matrix) or inferred from interview notes and evaluation comments.',
    columns: [
      ['employee_id', 'VARCHAR NOT NULL', 'employees.employee_id.'],
      ['skill_id', 'VARCHAR NOT NULL', 'skills.skill_id.'],
      ['level', 'INTEGER', 'Level 0–level_max (4 by default); for inferred rows the level hint of the text, NULL when the text gives none.'],
      ['source', 'VARCHAR NOT NULL', 'self / manager / certified (assessed) or inferred (from text).'],
      ['evidence', 'VARCHAR', 'For inferred rows: the sentence the skill was found in (never published to the site).'],
      ['confidence', 'DOUBLE NOT NULL', '1 for assessed rows; 0–1 for inferred rows.'],
      ['assessed_on', 'DATE', 'When assessed, or the date of the text it was inferred from.'],
      ['origin', 'VARCHAR', 'Where it came from: "<file>:<line>" or "interview:<id>" / "evaluation:<employee>:<period>".'],
      ['model', 'VARCHAR', 'For inferred rows: provider/model that found it (e.g. offline/taxonomy-matcher, openai/gpt-4o-mini).'],
      ['prompt_version', 'VARCHAR', 'For inferred rows: version of the prompt or rules used.'],
    ],
  },
  {
    name: 'skill_assessments',
    comment: 'Every assessed level of a long skill list (skill_list), current and earlier: employee_skills holds the current one of each person, skill and source.',
    columns: [
      ['employee_id', 'VARCHAR NOT NULL', 'employees.employee_id.'],
      ['skill_id', 'VARCHAR NOT NULL', 'skills.skill_id.'],
      ['level', 'INTEGER NOT NULL', 'Level 0–level_max.'],
      ['source', 'VARCHAR NOT NULL', 'self / manager / certified.'],
      ['category', 'VARCHAR', 'The export\'s own category of the skill, as exported.'],
      ['assessor_id', 'VARCHAR', 'Who assessed it, as exported.'],
      ['assessed_on', 'DATE', 'When it was assessed (the row\'s date, else the source\'s assessed_on).'],
      ['current', 'BOOLEAN NOT NULL', 'The newest assessment of this person, skill and source (the one in employee_skills); false for history.'],
      ['origin', 'VARCHAR NOT NULL', '"<file>:<line>" of the row.'],
    ],
  },
  {
    name: 'evaluations',
    comment: 'Performance evaluations per person and period, normalized to 0–1.',
    columns: [
      ['employee_id', 'VARCHAR NOT NULL', 'employees.employee_id.'],
      ['period', 'VARCHAR NOT NULL', 'Evaluation period as exported (e.g. 2025下期); periods sort chronologically as text.'],
      ['raw_grade', 'VARCHAR NOT NULL', 'Grade as exported (S/A/B/C/D, 1–5, Exceeds, …).'],
      ['performance', 'DOUBLE NOT NULL', 'raw_grade through performance_scale, scaled to 0–1 by the scale\'s min and max.'],
      ['raw_potential', 'VARCHAR', 'Potential rating as exported.'],
      ['potential', 'DOUBLE', 'raw_potential through potential_scale, scaled to 0–1; NULL when absent.'],
      ['comment', 'VARCHAR', 'Free-text evaluation comment (never published to the site).'],
      ['evaluator_id', 'VARCHAR', 'Evaluator employee id as exported.'],
      ['source_line', 'INTEGER NOT NULL', 'Line of the row in the export.'],
    ],
  },
  {
    name: 'interviews',
    comment: 'Career interviews, 1on1s and review meetings with their free-text notes.',
    columns: [
      // Unique without a PRIMARY KEY: normalizing rejects repeats, and the key's index cost the nightly load a second at 100,000 people.
      ['interview_id', 'VARCHAR NOT NULL', 'Id as exported, or "<file>:<line>" when the export has none; unique (a repeated id is rejected).'],
      ['employee_id', 'VARCHAR NOT NULL', 'employees.employee_id.'],
      ['interviewer_id', 'VARCHAR', 'Interviewer employee id as exported.'],
      ['held_on', 'DATE NOT NULL', 'Date of the interview.'],
      ['kind', 'VARCHAR NOT NULL', 'career / 1on1 / review (after mapping through values.kind).'],
      ['notes', 'VARCHAR NOT NULL', 'Free-text notes, then the transcript as a speaker: text line per turn, whole (never published to the site).'],
      ['source_line', 'INTEGER NOT NULL', 'Line of the row in the export.'],
      ['transcript_file', 'VARCHAR', 'The transcript file the notes include, relative to transcripts.dir; NULL when none.'],
    ],
  },
  {
    name: 'interview_utterances',
    comment: 'The transcripts of interviews (transcripts.dir): one row per cue or paragraph, with its speaker and times as the file gives them (never published to the site).',
    columns: [
      ['interview_id', 'VARCHAR NOT NULL', 'interviews.interview_id.'],
      ['seq', 'INTEGER NOT NULL', '1, 2, … in the order of the file.'],
      ['speaker', 'VARCHAR', 'The speaker as labelled (<v 田中 美咲>, 田中:, 話者1 (00:01:23)); NULL when the file names none.'],
      ['start_ms', 'INTEGER', 'Start of the cue or paragraph, milliseconds from the start of the recording; NULL when not given.'],
      ['end_ms', 'INTEGER', 'End of the cue (WebVTT, SRT); NULL when not given.'],
      ['text', 'VARCHAR NOT NULL', 'What was said, tags and wrapping removed.'],
    ],
  },
  {
    name: 'aspirations',
    comment: 'What people say they want (roles, skills), found in interview notes by the tagging stage.',
    columns: [
      ['employee_id', 'VARCHAR NOT NULL', 'employees.employee_id.'],
      ['target_kind', 'VARCHAR NOT NULL', 'position (a key position named in the note) or skill.'],
      ['target_id', 'VARCHAR NOT NULL', 'key_positions.position_id or skills.skill_id.'],
      ['evidence', 'VARCHAR NOT NULL', 'The sentence it was found in (never published to the site).'],
      ['interview_id', 'VARCHAR NOT NULL', 'interviews.interview_id.'],
      ['held_on', 'DATE NOT NULL', 'Date of the interview.'],
      ['provider', 'VARCHAR NOT NULL', 'Tagging provider and model that found it (e.g. offline/taxonomy-v1).'],
    ],
  },
  {
    name: 'interview_insights',
    comment: 'What each interview note says, extracted by the AI stage: summary, aspirations, concerns, follow-ups, retention signal (never published as text).',
    columns: [
      ['interview_id', 'VARCHAR NOT NULL', 'interviews.interview_id; one row per interview.'],
      ['employee_id', 'VARCHAR NOT NULL', 'employees.employee_id.'],
      ['held_on', 'DATE NOT NULL', 'Date of the interview.'],
      ['summary', 'VARCHAR NOT NULL', 'Short Japanese summary.'],
      ['aspirations', 'JSON NOT NULL', 'List of {kind: role/skill/other, text}.'],
      ['concerns', 'JSON NOT NULL', 'List of {category, text}.'],
      ['action_items', 'JSON NOT NULL', 'List of {text, owner: manager/employee/hr/other, due: YYYY-MM-DD or null}.'],
      ['retention_signal', 'VARCHAR NOT NULL', 'low / medium / high.'],
      ['retention_evidence', 'VARCHAR', 'The sentence behind a medium or high signal.'],
      ['model', 'VARCHAR NOT NULL', 'provider/model that produced it.'],
      ['prompt_version', 'VARCHAR NOT NULL', 'Version of the prompt or rules.'],
    ],
  },
  {
    name: 'comment_quality',
    comment: 'How usable each evaluation comment is: specific, evidence-based, forward-looking, a score and what is missing.',
    columns: [
      ['employee_id', 'VARCHAR NOT NULL', 'employees.employee_id.'],
      ['period', 'VARCHAR NOT NULL', 'evaluations.period.'],
      ['evaluator_id', 'VARCHAR', 'evaluations.evaluator_id.'],
      ['specific', 'BOOLEAN NOT NULL', 'Names concrete work, results or behaviours.'],
      ['evidence_based', 'BOOLEAN NOT NULL', 'Gives facts or figures.'],
      ['forward_looking', 'BOOLEAN NOT NULL', 'Says what next.'],
      ['score', 'INTEGER NOT NULL', '0–100.'],
      ['missing', 'JSON NOT NULL', 'What the comment lacks (Japanese phrases).'],
      ['model', 'VARCHAR NOT NULL', 'provider/model that judged it.'],
      ['prompt_version', 'VARCHAR NOT NULL', 'Version of the prompt or rules.'],
    ],
  },
  {
    name: 'key_positions',
    comment: 'Key positions (重要ポジション) whose succession is planned.',
    columns: [
      ['position_id', 'VARCHAR PRIMARY KEY', 'Id as exported.'],
      ['title', 'VARCHAR NOT NULL', 'Title of the position.'],
      ['department_id', 'VARCHAR', 'departments.department_id; NULL when unknown.'],
      ['incumbent_id', 'VARCHAR', 'employees.employee_id of the holder; NULL when vacant or unknown (see rejects).'],
      ['criticality', 'VARCHAR', 'high / medium / low (after mapping through values.criticality).'],
      ['expected_vacancy', 'VARCHAR', 'When the position is expected to fall vacant, as exported.'],
      ['source_line', 'INTEGER NOT NULL', 'Line of the row in the export.'],
    ],
  },
  {
    name: 'key_position_skills',
    comment: 'Required skills and levels of each key position.',
    columns: [
      ['position_id', 'VARCHAR NOT NULL', 'key_positions.position_id.'],
      ['skill_id', 'VARCHAR NOT NULL', 'skills.skill_id.'],
      ['level', 'INTEGER NOT NULL', 'Required level.'],
    ],
  },
  {
    name: 'talent_pools',
    comment: 'The 9-box placement of every active person with a performance and a potential rating.',
    columns: [
      ['employee_id', 'VARCHAR PRIMARY KEY', 'employees.employee_id.'],
      ['performance', 'DOUBLE NOT NULL', 'Mean normalized performance (0–1) of the latest scoring.performance_periods periods.'],
      ['potential', 'DOUBLE NOT NULL', 'Normalized potential (0–1) of the latest period that has one.'],
      ['performance_band', 'INTEGER NOT NULL', '1 low, 2 middle, 3 high (scoring.performance_bands).'],
      ['potential_band', 'INTEGER NOT NULL', '1 low, 2 middle, 3 high (scoring.potential_bands).'],
      ['box', 'INTEGER NOT NULL', '3 × (potential_band − 1) + performance_band: 1 low/low … 9 high/high.'],
      ['box_label', 'VARCHAR NOT NULL', 'Label of the box (scoring.box_labels).'],
    ],
  },
  {
    name: 'department_functions',
    comment: "Each department's function, the unit of the succession reach rule: the configured function (scoring.succession.reach.functions) of its nearest listed ancestor, else its ancestor at reach.function_depth.",
    columns: [
      ['department_id', 'VARCHAR NOT NULL', 'departments.department_id.'],
      ['function', 'VARCHAR NOT NULL', 'A configured function name, or the department_id of the ancestor that heads the function.'],
      ['defined_by', 'VARCHAR NOT NULL', 'config (reach.functions) or tree (reach.function_depth).'],
    ],
  },
  {
    name: 'succession_candidates',
    comment: 'The ranked successor slate of each key position with the named components of the score.',
    columns: [
      ['position_id', 'VARCHAR NOT NULL', 'key_positions.position_id.'],
      ['employee_id', 'VARCHAR NOT NULL', 'employees.employee_id.'],
      ['rank', 'INTEGER NOT NULL', '1 = best score; ties broken by employee_id.'],
      ['score', 'DOUBLE NOT NULL', 'Weighted mean of the components × 100 (0–100).'],
      ['readiness', 'VARCHAR NOT NULL', 'ready_now / 1_2_years / 3_plus_years (rule in the README).'],
      ['performance', 'DOUBLE NOT NULL', 'Component 0–1: mean normalized performance of the latest periods.'],
      ['potential', 'DOUBLE NOT NULL', 'Component 0–1: latest normalized potential.'],
      ['skill_fit', 'DOUBLE NOT NULL', 'Component 0–1: mean over required skills of min(level ÷ required, 1).'],
      ['experience', 'DOUBLE NOT NULL', 'Component 0–1: grade proximity to the incumbent and tenure.'],
      ['aspiration', 'DOUBLE NOT NULL', 'Component 0–1: 1 if the person named this position as a goal in an interview, else 0.25 per required skill they want to gain (at most 0.75).'],
      ['grade_gap', 'INTEGER', 'Grades below the incumbent (0 = same grade); NULL when unknown.'],
      ['slates', 'INTEGER NOT NULL', 'The slates this person is on, this one included (flagged on the site from scoring.succession.flag_slates_from).'],
      ['holds_position', 'VARCHAR', 'key_positions.position_id of the key position the candidate holds now: moving them opens it (the vacancy chain); NULL when none.'],
      ['reach', 'VARCHAR NOT NULL', "Why they may be a candidate: department (in the position's department or below it), function (in its function, department_functions), or skill_fit (elsewhere, with reach_fit at least reach.min_skill_fit_outside)."],
      ['reach_fit', 'DOUBLE NOT NULL', "Fit 0–1 on the position's function-specific required skills (those outside reach.generic_skill_categories; all when it requires only those): the test for people outside the function."],
    ],
  },
  {
    name: 'emergency_covers',
    comment: 'Who steps in tomorrow, per key position: the best ready-now candidate, else the best acting one at most one grade below the incumbent; people who hold another key position only when nobody else qualifies.',
    columns: [
      ['position_id', 'VARCHAR NOT NULL', 'key_positions.position_id.'],
      ['employee_id', 'VARCHAR NOT NULL', 'employees.employee_id: a candidate on the position\'s slate.'],
      ['rank', 'INTEGER NOT NULL', 'Their rank on the slate.'],
      ['basis', 'VARCHAR NOT NULL', 'ready_now, or acting (not ready now, at most one grade below the incumbent).'],
      ['holds_position', 'VARCHAR', 'The key position the cover holds: set only when nobody on the slate who holds none qualifies.'],
    ],
  },
  {
    name: 'succession_components',
    comment: 'What each component gives each slate candidate\'s score: one row per candidate and component, computed once by scoring (the site and explain read it).',
    columns: [
      ['position_id', 'VARCHAR NOT NULL', 'key_positions.position_id.'],
      ['employee_id', 'VARCHAR NOT NULL', 'employees.employee_id.'],
      ['component', 'VARCHAR NOT NULL', 'performance / potential / skill_fit / experience / aspiration.'],
      ['weight', 'DOUBLE NOT NULL', 'scoring.succession.weights of the component.'],
      ['value', 'DOUBLE NOT NULL', 'The component, 0–1 (as in succession_candidates).'],
      ['points', 'DOUBLE NOT NULL', 'weight ÷ Σ weights × value × 100, one decimal: its share of the 0–100 score.'],
    ],
  },
  {
    name: 'development_plans',
    comment: 'Development-plan drafts for successors who are not ready now (AI stage, after scoring).',
    columns: [
      ['position_id', 'VARCHAR NOT NULL', 'key_positions.position_id.'],
      ['employee_id', 'VARCHAR NOT NULL', 'employees.employee_id.'],
      ['goals', 'JSON NOT NULL', 'List of goals.'],
      ['skills', 'JSON NOT NULL', 'List of {skill_id, from_level, to_level}.'],
      ['actions', 'JSON NOT NULL', 'List of {text, by: YYYY-MM-DD or null}.'],
      ['review_on', 'DATE NOT NULL', 'Next semi-annual review.'],
      ['model', 'VARCHAR NOT NULL', 'provider/model that drafted it.'],
      ['prompt_version', 'VARCHAR NOT NULL', 'Version of the prompt or rules.'],
    ],
  },
  {
    name: 'ai_backlog',
    comment: 'AI work not done in this run (token or cost cap, provider failures): done first on the next night, from the cache where it was paid for.',
    columns: [
      ['task', 'VARCHAR NOT NULL', 'skill_tags / interview_insight / comment_quality / development_plan.'],
      ['origin', 'VARCHAR NOT NULL', 'The text or candidate: interview:<id>, evaluation:<employee>:<period>, plan:<position>:<employee>.'],
      ['reason', 'VARCHAR NOT NULL', 'Why it was left.'],
    ],
  },
  {
    name: 'rejects',
    comment: 'Everything that could not be loaded as given, with file, line, column and reason — nothing is dropped silently.',
    columns: [
      ['run_id', 'VARCHAR NOT NULL', 'runs.run_id.'],
      ['source_file', 'VARCHAR NOT NULL', 'The export as named in the config.'],
      ['line', 'INTEGER NOT NULL', 'Physical line in the file (the header is line header_line).'],
      ['column', 'VARCHAR', 'Column header, when one column is at fault.'],
      ['value', 'VARCHAR', 'The value at fault (at most 200 characters).'],
      ['reason', 'VARCHAR NOT NULL', 'What was wrong.'],
      ['action', 'VARCHAR NOT NULL', 'row_rejected (the row was not loaded), value_cleared (the row was loaded without this value), value_cleaned (the row was loaded with control characters removed from this value) or value_flagged (the row and value were loaded, but the value is out of its range or points at something wrong: a grade outside grade_order, a manager cycle, a manager or incumbent who has left).'],
    ],
  },
  {
    name: 'runs',
    comment: 'One row per successful batch run, kept across nights (the history is carried over from the previous file).',
    columns: [
      ['run_id', 'VARCHAR PRIMARY KEY', 'Start time in UTC, e.g. 20261001T021500Z.'],
      ['started_at', 'TIMESTAMP NOT NULL', 'Start (UTC).'],
      ['finished_at', 'TIMESTAMP NOT NULL', 'End (UTC).'],
      ['as_of', 'DATE NOT NULL', 'Reference date of the run.'],
      ['status', 'VARCHAR NOT NULL', 'succeeded (failed runs publish nothing; they are in runs.jsonl).'],
      ['config_file', 'VARCHAR NOT NULL', 'The config file used.'],
      ['input_hash', 'VARCHAR NOT NULL', 'sha256 over the config and every input file.'],
      ['timings_ms', 'JSON NOT NULL', 'Milliseconds per stage.'],
      ['counts', 'JSON NOT NULL', 'Rows per table and rejects per file.'],
      ['llm_calls', 'INTEGER NOT NULL', 'Calls to an external model (0 with the offline provider).'],
      ['llm_tokens', 'INTEGER NOT NULL', 'Tokens used by external models.'],
      ['llm_cost_usd', 'DOUBLE NOT NULL', 'Estimated cost of external models.'],
      ['ai', 'JSON NOT NULL', 'AI stage: provider, model, prompt versions, cache hits, retries, invalid answers, work left for the next night.'],
    ],
  },
  {
    name: 'skill_history',
    comment: 'Company-wide skill snapshot of each run date, kept across nights like runs (one snapshot per as_of: a rerun of the same date replaces it); the skill map\'s trend.',
    columns: [
      ['as_of', 'DATE NOT NULL', 'Reference date of the run that took the snapshot.'],
      ['category', 'VARCHAR NOT NULL', 'skills.category.'],
      ['people_at_level', 'INTEGER NOT NULL', 'Active people with an assessed skill of the category at or above skill_map.level_threshold.'],
      ['headcount', 'INTEGER NOT NULL', 'Active people at as_of.'],
    ],
  },
];

export function createTablesSql(tables: TableSpec[] = TABLES): string {
  const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
  return tables
    .map((t) => {
      const cols = t.columns.map(([n, type]) => `  "${n}" ${type}`).join(',\n');
      const comments = [
        `COMMENT ON TABLE ${t.name} IS ${q(t.comment)};`,
        ...t.columns.map(([n, , c]) => `COMMENT ON COLUMN ${t.name}."${n}" IS ${q(c)};`),
      ];
      return `CREATE TABLE ${t.name} (\n${cols}\n);\n${comments.join('\n')}`;
    })
    .join('\n');
}
