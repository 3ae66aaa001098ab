import type { ComponentName, NextStep } from '../schemas/artifacts.ts';
import type { Config } from '../schemas/config.ts';
import type { Db } from './db.ts';
import { lit } from './db.ts';
import { CliError, EXIT } from './errors.ts';
import { candidateKey, readNextSteps } from './publish/next-steps.ts';
import { COMPONENTS } from './scoring/succession-formula.ts';
import { effectiveSkillsSql } from './scoring/succession.ts';

/**
 * `npm run explain`: one candidate of one key position, from the published DuckDB file alone: the stored
 * components with the inputs behind them and where each input came from (file:line, interview id), the rank,
 * the readiness test and the smallest change that would move them up (succession_next_steps, as the site
 * shows it). Nothing is recomputed: every number is read from the tables scoring wrote.
 */
export interface Explanation {
  position: {
    position_id: string;
    title: string;
    department: string | null;
    incumbent: { employee_id: string; name: string | null; grade: string | null; origin: string } | null;
    origin: string;
  };
  candidate: { employee_id: string; name: string | null; department: string | null; grade: string | null; status: string; origin: string };
  /** Null when the person is not on the slate; then not_on_slate says why. */
  slate: {
    rank: number;
    size: number;
    score: number;
    readiness: string;
    reach: string;
    reach_fit: number;
    slates: number;
    holds_position: string | null;
    covers: string[];
  } | null;
  components: Array<{ name: ComponentName; weight: number; value: number; points: number; inputs: string[] }>;
  next_step: NextStep | null;
  not_on_slate: string[];
}

interface PersonRow {
  employee_id: string;
  name: string | null;
  department: string | null;
  department_id: string | null;
  grade: string | null;
  grade_rank: number | null;
  tenure_years: number | null;
  hire_date: string | null;
  status: string;
  source_file: string;
  source_line: number;
}

const origin = (file: string, line: number) => `${file}:${line}`;
const num = (x: number) => String(Math.round(x * 10000) / 10000);

export async function explainCandidate(db: Db, config: Config, positionId: string, employeeId: string): Promise<Explanation> {
  const position = (
    await db.all<{ position_id: string; title: string; department: string | null; department_id: string | null; incumbent_id: string | null; source_file: string; source_line: number }>(
      `SELECT k.position_id, k.title, COALESCE(d.name, k.department_id) AS department, k.department_id, k.incumbent_id, k.source_file, k.source_line
       FROM key_positions k LEFT JOIN departments d USING (department_id) WHERE k.position_id = ${lit(positionId)}`,
    )
  )[0];
  if (!position) {
    const ids = (await db.all<{ position_id: string }>(`SELECT position_id FROM key_positions ORDER BY 1`)).map((r) => r.position_id);
    throw new CliError(`no key position "${positionId}" in the DuckDB file (key positions: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', …' : ''}).`, EXIT.usage);
  }
  const personSql = (id: string) => `SELECT e.employee_id, e.name, COALESCE(d.name, e.department_id) AS department, e.department_id, e.grade, e.grade_rank, e.tenure_years,
      CAST(e.hire_date AS VARCHAR) AS hire_date, e.status, e.source_file, e.source_line
    FROM employees e LEFT JOIN departments d USING (department_id) WHERE e.employee_id = ${lit(id)}`;
  const person = (await db.all<PersonRow>(personSql(employeeId)))[0];
  if (!person) throw new CliError(`no employee "${employeeId}" in the DuckDB file (give the HRIS id, employees.employee_id).`, EXIT.usage);
  const incumbent = position.incumbent_id ? (await db.all<PersonRow>(personSql(position.incumbent_id)))[0] ?? null : null;

  const slateRow = (
    await db.all<{ rank: number; score: number; readiness: string; reach: string; reach_fit: number; slates: number; holds_position: string | null; grade_gap: number | null; size: number }>(
      `SELECT rank, score, readiness, reach, reach_fit, slates, holds_position, grade_gap, (SELECT count(*)::INTEGER FROM succession_candidates WHERE position_id = ${lit(positionId)}) AS size
       FROM succession_candidates WHERE position_id = ${lit(positionId)} AND employee_id = ${lit(employeeId)}`,
    )
  )[0];
  const covers = (await db.all<{ position_id: string }>(`SELECT position_id FROM emergency_covers WHERE employee_id = ${lit(employeeId)} ORDER BY 1`)).map((r) => r.position_id);
  const explanation: Explanation = {
    position: {
      position_id: position.position_id,
      title: position.title,
      department: position.department,
      incumbent: incumbent ? { employee_id: incumbent.employee_id, name: incumbent.name, grade: incumbent.grade, origin: origin(incumbent.source_file, incumbent.source_line) } : null,
      origin: origin(position.source_file, position.source_line),
    },
    candidate: { employee_id: person.employee_id, name: person.name, department: person.department, grade: person.grade, status: person.status, origin: origin(person.source_file, person.source_line) },
    slate: slateRow
      ? { rank: slateRow.rank, size: slateRow.size, score: slateRow.score, readiness: slateRow.readiness, reach: slateRow.reach, reach_fit: slateRow.reach_fit, slates: slateRow.slates, holds_position: slateRow.holds_position, covers }
      : null,
    components: [],
    next_step: null,
    not_on_slate: [],
  };
  if (!slateRow) {
    explanation.not_on_slate = await whyNotOnSlate(db, config, position, person, incumbent);
    return explanation;
  }

  const inputs = await componentInputs(db, config, positionId, person, incumbent, slateRow.grade_gap);
  const components = await db.all<{ component: ComponentName; weight: number; value: number; points: number }>(
    `SELECT component, weight, value, points FROM succession_components WHERE position_id = ${lit(positionId)} AND employee_id = ${lit(employeeId)}`,
  );
  explanation.components = components
    .sort((a, b) => COMPONENTS.indexOf(a.component) - COMPONENTS.indexOf(b.component))
    .map((c) => ({ name: c.component, weight: c.weight, value: c.value, points: c.points, inputs: inputs[c.component] }));
  explanation.next_step = (await readNextSteps(db, { positionId, employeeId })).get(candidateKey(positionId, employeeId)) ?? null;
  return explanation;
}

/** Each component's inputs, one line each, with where they came from. */
async function componentInputs(db: Db, config: Config, positionId: string, person: PersonRow, incumbent: PersonRow | null, gradeGap: number | null): Promise<Record<ComponentName, string[]>> {
  const id = lit(person.employee_id);
  const periods = config.scoring.performance_periods;
  const evaluations = await db.all<{ period: string; raw_grade: string; performance: number; raw_potential: string | null; potential: number | null; source_file: string; source_line: number }>(
    `SELECT period, raw_grade, performance, raw_potential, potential, source_file, source_line FROM evaluations WHERE employee_id = ${id} ORDER BY period DESC`,
  );
  const latest = evaluations.slice(0, periods).reverse();
  const performance = latest.length
    ? [
        ...latest.map((e) => `${e.period} ${e.raw_grade} → ${num(e.performance)} (${origin(e.source_file, e.source_line)})`),
        `the mean of the latest ${periods} period${periods === 1 ? '' : 's'} (scoring.performance_periods)`,
      ]
    : ['no evaluation: counts 0'];
  const rated = evaluations.find((e) => e.potential !== null);
  const potential = rated ? [`${rated.period} ${rated.raw_potential} → ${num(rated.potential!)} (${origin(rated.source_file, rated.source_line)}): the latest rating`] : ['no potential rating: counts 0'];

  const skills = await db.all<{ skill_id: string; name_ja: string; required: number; level: number | null; sources: Array<{ source: string; level: number | null; origin: string | null }> | null }>(`
    SELECT r.skill_id, sk.name_ja, r.level AS required, es.level,
      (SELECT list({'source': x.source, 'level': x.level, 'origin': x.origin} ORDER BY x.source, x.origin) FROM employee_skills x WHERE x.employee_id = ${id} AND x.skill_id = r.skill_id) AS sources
    FROM key_position_skills r JOIN skills sk USING (skill_id)
    LEFT JOIN (${effectiveSkillsSql(config.ai.inferred_level_cap, `employee_id = ${id}`)}) es ON es.skill_id = r.skill_id
    WHERE r.position_id = ${lit(positionId)} ORDER BY r.level DESC, r.skill_id`);
  const skillFit = skills.length
    ? [
        ...skills.map((k) => {
          const from = (k.sources ?? []).map((x) => `${x.source} ${x.level ?? '(no level given: counts 1)'}${x.origin ? ` (${x.origin})` : ''}`);
          return `${k.name_ja} (${k.skill_id}): required ${k.required}, level ${k.level ?? 0}${from.length ? ` from ${from.join('; ')}` : ' (none recorded)'}`;
        }),
        `each skill counts min(level ÷ required, 1); an assessed level wins over one inferred from text, which counts ${config.ai.inferred_level_cap} at most (ai.inferred_level_cap)`,
      ]
    : ['the position lists no required skill: neutral 0.5'];

  const experience = [
    `grade ${person.grade ?? 'unknown'}${person.grade_rank !== null ? ` (rank ${person.grade_rank} in scoring.succession.grade_order)` : ''} (${origin(person.source_file, person.source_line)})`,
    incumbent
      ? `incumbent ${incumbent.employee_id} grade ${incumbent.grade ?? 'unknown'}${incumbent.grade_rank !== null ? ` (rank ${incumbent.grade_rank})` : ''} (${origin(incumbent.source_file, incumbent.source_line)}): ${gradeGap === null ? 'grade gap unknown (counts 0.5)' : `${gradeGap} grade${gradeGap === 1 ? '' : 's'} below`}`
      : 'the position is vacant: grade gap unknown (counts 0.5)',
    person.tenure_years === null ? 'tenure unknown (counts 0.5)' : `tenure ${person.tenure_years} years${person.hire_date ? ` (hired ${person.hire_date})` : ''}`,
  ];

  const wishes = await db.all<{ target_kind: string; target_id: string; skill_name: string | null; interview_id: string; held_on: string; interview_origin: string | null }>(`
    SELECT a.target_kind, a.target_id, sk.name_ja AS skill_name, a.interview_id, CAST(a.held_on AS VARCHAR) AS held_on, i.source_file || ':' || i.source_line AS interview_origin
    FROM aspirations a LEFT JOIN interviews i USING (interview_id) LEFT JOIN skills sk ON a.target_kind = 'skill' AND sk.skill_id = a.target_id
    WHERE a.employee_id = ${id} AND ((a.target_kind = 'position' AND a.target_id = ${lit(positionId)})
      OR (a.target_kind = 'skill' AND a.target_id IN (SELECT skill_id FROM key_position_skills WHERE position_id = ${lit(positionId)})))
    ORDER BY a.target_kind, a.held_on, a.interview_id, a.target_id`);
  const where = (w: (typeof wishes)[number]) => `interview ${w.interview_id}, ${w.held_on}${w.interview_origin ? `, ${w.interview_origin}` : ''}`;
  const aspiration = wishes.length
    ? wishes.map((w) => (w.target_kind === 'position' ? `named this position as a goal (${where(w)})` : `wants to gain the required skill ${w.skill_name ?? w.target_id} (${w.target_id}) (${where(w)})`))
    : ['neither this position nor any of its required skills named in an interview'];
  return { performance, potential, skill_fit: skillFit, experience, aspiration };
}

/** Why someone is not on a slate, from the rules scoring applies (in the order it applies them). */
async function whyNotOnSlate(db: Db, config: Config, position: { position_id: string; department_id: string | null; incumbent_id: string | null }, person: PersonRow, incumbent: PersonRow | null): Promise<string[]> {
  const s = config.scoring.succession;
  if (person.status !== 'active') return [`not active (status ${person.status}): only active people are candidates`];
  if (position.incumbent_id === person.employee_id) return ['holds the position (the incumbent)'];
  if (incumbent?.grade_rank != null && person.grade_rank !== null) {
    const gap = incumbent.grade_rank - person.grade_rank;
    if (gap < 0) return [`grade ${person.grade} is above the incumbent's ${incumbent.grade}`];
    if (gap > s.max_grade_gap) return [`${gap} grades below the incumbent (${person.grade} vs ${incumbent.grade}), more than scoring.succession.max_grade_gap = ${s.max_grade_gap}`];
  }
  const capped = await db.all(`SELECT 1 FROM succession_capped WHERE position_id = ${lit(position.position_id)} AND employee_id = ${lit(person.employee_id)}`);
  if (capped.length) {
    const kept = (await db.all<{ position_id: string; rank: number }>(`SELECT position_id, rank FROM succession_candidates WHERE employee_id = ${lit(person.employee_id)} ORDER BY position_id`))
      .map((k) => `${k.position_id} (rank ${k.rank})`);
    return [`left off by scoring.succession.max_slates_per_person = ${s.max_slates_per_person}: kept on the slates where they rank best: ${kept.join(', ')}`];
  }
  const reach = await db.one<{ in_department: boolean; same_function: boolean }>(`
    WITH RECURSIVE up(department_id) AS (
      SELECT ${person.department_id === null ? 'NULL::VARCHAR' : lit(person.department_id)}
      UNION ALL SELECT d.parent_id FROM up JOIN departments d ON d.department_id = up.department_id WHERE d.parent_id IS NOT NULL
    )
    SELECT ${position.department_id === null ? 'false' : `${lit(position.department_id)} IN (SELECT department_id FROM up)`} AS in_department,
      COALESCE((SELECT f.function FROM department_functions f WHERE f.department_id = ${lit(person.department_id ?? '')})
        = (SELECT f.function FROM department_functions f WHERE f.department_id = ${lit(position.department_id ?? '')}), false) AS same_function`);
  const last = (await db.all<{ score: number; rank: number }>(`SELECT score, rank FROM succession_candidates WHERE position_id = ${lit(position.position_id)} ORDER BY rank DESC LIMIT 1`))[0];
  const cut = last ? `the slate keeps the best ${s.slate_size} (its last, rank ${last.rank}, scores ${last.score})` : 'the slate is empty';
  if (!reach.in_department && !reach.same_function) {
    return [
      `outside the position's department and function: a candidate only with a skill fit of at least ${s.reach.min_skill_fit_outside} on its function-specific required skills (scoring.succession.reach), and then a score among the best; ${cut}`,
    ];
  }
  return [`within reach (${reach.in_department ? 'in the position\'s department' : 'in its function'}), but not among the best scores: ${cut}`];
}
