import type { Candidate, KeyPosition, RetentionRisk, Succession } from '../../schemas/artifacts.ts';
import { ComponentName } from '../../schemas/artifacts.ts';
import type { StageContext } from '../context.ts';
import { compareText } from './compare.ts';
import { candidateKey, readNextSteps } from './next-steps.ts';
import { componentReasons } from './reasons.ts';

/** How many skills plan_summary.top_gaps names. */
const TOP_GAPS = 3;

interface PositionRow {
  position_id: string;
  title: string;
  department: string | null;
  department_id: string | null;
  criticality: string | null;
  expected_vacancy: string | null;
  expected_vacancy_on: string | null;
  months_to_vacancy: number | null;
  incumbent_id: string | null;
  incumbent_name: string | null;
  incumbent_grade: string | null;
  incumbent_title: string | null;
  incumbent_risk: RetentionRisk | null;
}

interface RequiredRow {
  position_id: string;
  skill_id: string;
  name_ja: string;
  name_en: string;
  level: number;
}

interface CandidateRow {
  position_id: string;
  employee_id: string;
  rank: number;
  score: number;
  readiness: Candidate['readiness'];
  performance: number;
  potential: number;
  skill_fit: number;
  experience: number;
  aspiration: number;
  grade_gap: number | null;
  slates: number;
  holds_position: string | null;
  reach: Candidate['reach']['basis'];
  reach_fit: number;
  name: string | null;
  department: string | null;
  job_title: string | null;
  grade: string | null;
  tenure_years: number | null;
  performance_grades: string[] | null;
  potential_reason: string | null;
  named: boolean;
  wanted_skills: number;
  retention_risk: RetentionRisk;
}

interface PlanRow {
  position_id: string;
  employee_id: string;
  goals: string;
  actions: string;
  review_on: string;
  due_by: string;
  vacancy_before_readiness: boolean;
  model: string;
  prompt_version: string;
}

const key = (...parts: string[]) => parts.join('\u0000');

function groupBy<T>(rows: T[], by: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = by(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * succession.json: every key position with its incumbent, required skills, status, emergency cover, the
 * slate's development plans in brief, and the ranked slate with the reasons behind each score. Key positions
 * and slates are about 1% of headcount, so they are shaped here rather than in SQL.
 */
export async function buildSuccession(ctx: StageContext, publicId: (id: string) => string): Promise<Succession> {
  const { db, config } = ctx;
  const s = config.scoring.succession;
  const showNames = config.privacy.show_names;
  const positions = await db.all<PositionRow>(`
    SELECT k.position_id, k.title, COALESCE(d.name, k.department_id) AS department, k.department_id, k.criticality, k.expected_vacancy,
      CAST(k.expected_vacancy_on AS VARCHAR) AS expected_vacancy_on,
      date_diff('month', DATE '${ctx.asOf}', k.expected_vacancy_on)::INTEGER AS months_to_vacancy, k.incumbent_id,
      i.name AS incumbent_name, i.grade AS incumbent_grade, i.job_title AS incumbent_title, r.risk AS incumbent_risk
    FROM key_positions k LEFT JOIN departments d USING (department_id) LEFT JOIN employees i ON i.employee_id = k.incumbent_id
    LEFT JOIN person_retention r ON r.employee_id = k.incumbent_id
    ORDER BY k.position_id`);
  const required = await db.all<RequiredRow>(`
    SELECT r.position_id, r.skill_id, s.name_ja, s.name_en, r.level FROM key_position_skills r JOIN skills s USING (skill_id)
    ORDER BY r.position_id, r.level DESC, r.skill_id`);
  const candidates = await db.all<CandidateRow>(`
    WITH named AS (SELECT DISTINCT employee_id, target_id AS position_id FROM aspirations WHERE target_kind = 'position'),
    wanted AS (
      SELECT c.position_id, c.employee_id, count(DISTINCT a.target_id)::INTEGER AS wanted_skills
      FROM succession_candidates c JOIN aspirations a ON a.employee_id = c.employee_id AND a.target_kind = 'skill'
      JOIN key_position_skills r ON r.position_id = c.position_id AND r.skill_id = a.target_id GROUP BY ALL
    )
    SELECT c.*, e.name, COALESCE(d.name, e.department_id) AS department, e.job_title, e.grade, e.tenure_years,
      p.performance_grades, p.potential_reason, n.employee_id IS NOT NULL AS named, COALESCE(w.wanted_skills, 0) AS wanted_skills,
      COALESCE(pr.risk, 'unknown') AS retention_risk
    FROM succession_candidates c JOIN employees e USING (employee_id) LEFT JOIN departments d ON d.department_id = e.department_id
    LEFT JOIN person_scores p USING (employee_id) LEFT JOIN named n USING (position_id, employee_id) LEFT JOIN wanted w USING (position_id, employee_id)
    LEFT JOIN person_retention pr USING (employee_id)
    ORDER BY c.position_id, c.rank`);
  const levels = await db.all<{ position_id: string; employee_id: string; skill_id: string; level: number | null }>(`
    SELECT c.position_id, c.employee_id, r.skill_id, es.level FROM succession_candidates c JOIN key_position_skills r USING (position_id)
    LEFT JOIN effective_skills es ON es.employee_id = c.employee_id AND es.skill_id = r.skill_id ORDER BY 1, 2, 3`);
  const points = await db.all<{ position_id: string; employee_id: string; component: string; points: number }>(
    `SELECT position_id, employee_id, component, points FROM succession_components`,
  );
  const statuses = await db.all<{ position_id: string; status: KeyPosition['status']; rests_on: string | null; rests_on_rank: number | null; ready_from: string | null; vacancy_before_readiness: boolean }>(
    `SELECT position_id, status, rests_on, rests_on_rank, CAST(ready_from AS VARCHAR) AS ready_from, vacancy_before_readiness FROM succession_status`,
  );
  const capped = await db.all<{ position_id: string; employee_id: string; name: string | null }>(
    `SELECT c.position_id, c.employee_id, e.name FROM succession_capped c JOIN employees e USING (employee_id) ORDER BY 1, 2`,
  );
  const covers = await db.all<{ position_id: string; employee_id: string; rank: number; basis: 'ready_now' | 'acting'; holds_position: string | null }>(
    `SELECT position_id, employee_id, rank, basis, holds_position FROM emergency_covers ORDER BY position_id`,
  );
  const plans = await db.all<PlanRow>(`
    SELECT position_id, employee_id, goals::VARCHAR AS goals, actions::VARCHAR AS actions, CAST(review_on AS VARCHAR) AS review_on, CAST(due_by AS VARCHAR) AS due_by, vacancy_before_readiness, model, prompt_version
    FROM development_plans ORDER BY position_id, employee_id`);

  const tree = await db.all<Succession['departments'][number]>(`
    WITH RECURSIVE up(department_id) AS (
      SELECT DISTINCT department_id FROM key_positions WHERE department_id IS NOT NULL
      UNION SELECT d.parent_id FROM up JOIN departments d USING (department_id) WHERE d.parent_id IS NOT NULL
    )
    SELECT d.department_id, d.name, d.parent_id FROM departments d WHERE d.department_id IN (SELECT department_id FROM up)`);
  const nextSteps = await readNextSteps(db);
  const statusOf = new Map(statuses.map((x) => [x.position_id, x]));
  const cappedOf = groupBy(capped, (c) => c.position_id);
  const planOf = new Map(plans.map((p) => [key(p.position_id, p.employee_id), p]));
  const levelOf = new Map(levels.map((l) => [key(l.position_id, l.employee_id, l.skill_id), l.level ?? 0]));
  const requiredOf = groupBy(required, (r) => r.position_id);
  const slateOf = groupBy(candidates, (c) => c.position_id);
  const pointsOf = new Map(points.map((p) => [key(p.position_id, p.employee_id, p.component), p.points]));
  // The vacancy chain: a candidate who holds a key position leaves it to its own best successor.
  const titleOf = new Map(positions.map((p) => [p.position_id, p.title]));
  const firstOf = new Map(candidates.filter((c) => c.rank === 1).map((c) => [c.position_id, c]));
  const coverOf = new Map(covers.map((c) => [c.position_id, c]));
  const coveredBy = groupBy(covers, (c) => c.employee_id);
  const holdsOf = (positionId: string | null): Candidate['holds_position'] => {
    if (positionId === null) return null;
    const next = firstOf.get(positionId);
    return { position_id: positionId, title: titleOf.get(positionId)!, successor: next ? { employee_id: publicId(next.employee_id), name: showNames ? next.name : null } : null };
  };

  const out: KeyPosition[] = positions.map((p) => {
    const req = requiredOf.get(p.position_id) ?? [];
    const rows = slateOf.get(p.position_id) ?? [];
    const slate = rows.map((c): Candidate => {
      const gaps = req
        .map((r) => ({ skill_id: r.skill_id, name_ja: r.name_ja, name_en: r.name_en, required: r.level, actual: levelOf.get(key(p.position_id, c.employee_id, r.skill_id)) ?? 0 }))
        .filter((g) => g.actual < g.required);
      const reasons = componentReasons({
        performanceGrades: c.performance_grades,
        potential: c.potential_reason,
        requiredSkills: req.length,
        requiredMet: req.length - gaps.length,
        grade: c.grade,
        gradeGap: c.grade_gap,
        tenureYears: c.tenure_years,
        namedPosition: c.named,
        wantedSkills: c.wanted_skills,
      });
      return {
        rank: c.rank,
        employee_id: publicId(c.employee_id),
        name: showNames ? c.name : null,
        department: c.department,
        job_title: c.job_title,
        grade: c.grade,
        score: c.score,
        retention_risk: c.retention_risk,
        readiness: c.readiness,
        slates: c.slates,
        covers: (coveredBy.get(c.employee_id) ?? []).map((x) => x.position_id),
        holds_position: holdsOf(c.holds_position),
        reach: { basis: c.reach, fit: c.reach_fit },
        components: ComponentName.options.map((name) => ({
          name,
          weight: s.weights[name],
          value: c[name],
          points: pointsOf.get(key(p.position_id, c.employee_id, name))!,
          reason: reasons[name],
        })),
        skill_gaps: gaps,
        next_step: nextSteps.get(candidateKey(p.position_id, c.employee_id))!,
        development_plan: developmentPlan(planOf.get(key(p.position_id, c.employee_id))),
      };
    });
    const st = statusOf.get(p.position_id)!;
    const restsOn = st.rests_on_rank === null ? null : slate.find((c) => c.rank === st.rests_on_rank)!;
    return {
      position_id: p.position_id,
      title: p.title,
      department: p.department,
      department_id: p.department_id,
      criticality: p.criticality,
      expected_vacancy: p.expected_vacancy,
      expected_vacancy_on: p.expected_vacancy_on,
      months_to_vacancy: p.months_to_vacancy,
      incumbent: p.incumbent_id
        ? {
            employee_id: publicId(p.incumbent_id),
            name: showNames ? p.incumbent_name : null,
            grade: p.incumbent_grade,
            job_title: p.incumbent_title,
            retention_risk: p.incumbent_risk ?? 'unknown',
          }
        : null,
      required_skills: req.map((r) => ({ skill_id: r.skill_id, name_ja: r.name_ja, name_en: r.name_en, level: r.level })),
      status: st.status,
      status_rests_on: restsOn ? { employee_id: restsOn.employee_id, name: restsOn.name, rank: restsOn.rank } : null,
      ready_from: st.ready_from,
      vacancy_before_readiness: st.vacancy_before_readiness,
      emergency_cover: emergencyCover(coverOf.get(p.position_id), slate, titleOf),
      capped: (cappedOf.get(p.position_id) ?? []).map((c) => ({ employee_id: publicId(c.employee_id), name: showNames ? c.name : null })),
      plan_summary: planSummary(slate),
      candidates: slate,
    };
  });
  return {
    weights: s.weights,
    flag_slates_from: s.flag_slates_from,
    max_slates_per_person: s.max_slates_per_person,
    reach: { min_skill_fit_outside: s.reach.min_skill_fit_outside, generic_skill_categories: s.reach.generic_skill_categories },
    readiness: {
      ready_now: { ...s.readiness.ready_now },
      one_to_two_years: { ...s.readiness.one_to_two_years },
    },
    departments: treeOrder(tree),
    positions: out,
  };
}

/** Parents before children, depth first, siblings by department_id: the order the chart draws them in. */
export function treeOrder<T extends { department_id: string; parent_id: string | null }>(units: T[]): T[] {
  const ids = new Set(units.map((u) => u.department_id));
  const children = groupBy(units, (u) => (u.parent_id !== null && ids.has(u.parent_id) ? u.parent_id : ''));
  const out: T[] = [];
  const visit = (parent: string) => {
    for (const u of [...(children.get(parent) ?? [])].sort((a, b) => compareText(a.department_id, b.department_id))) {
      out.push(u);
      visit(u.department_id);
    }
  };
  visit('');
  return out;
}

/** The stored emergency cover (emergency_covers) as published: the slate's candidate, and the seat they hold when they hold one. */
function emergencyCover(
  cover: { employee_id: string; rank: number; basis: 'ready_now' | 'acting'; holds_position: string | null } | undefined,
  slate: Candidate[],
  titleOf: Map<string, string>,
): KeyPosition['emergency_cover'] {
  if (!cover) return null;
  const published = slate.find((c) => c.rank === cover.rank)!;
  const held = cover.holds_position;
  return { employee_id: published.employee_id, name: published.name, rank: cover.rank, basis: cover.basis, holds_position: held ? { position_id: held, title: titleOf.get(held)! } : null };
}

/** The slate's development plans in brief: how many, the earliest review, and the skills most often short on the slate. */
export function planSummary(slate: Candidate[]): KeyPosition['plan_summary'] {
  const withPlan = slate.filter((c) => c.development_plan !== null);
  const reviews = withPlan.map((c) => c.development_plan!.review_on).sort();
  const short = new Map<string, { skill_id: string; name_ja: string; name_en: string; candidates: number }>();
  for (const c of slate) {
    for (const g of c.skill_gaps) {
      const entry = short.get(g.skill_id) ?? { skill_id: g.skill_id, name_ja: g.name_ja, name_en: g.name_en, candidates: 0 };
      entry.candidates++;
      short.set(g.skill_id, entry);
    }
  }
  const top = [...short.values()].sort((a, b) => b.candidates - a.candidates || compareText(a.skill_id, b.skill_id)).slice(0, TOP_GAPS);
  return { plans: withPlan.length, next_review_on: reviews[0] ?? null, top_gaps: top };
}

function developmentPlan(p: PlanRow | undefined): Candidate['development_plan'] {
  if (!p) return null;
  return {
    goals: JSON.parse(p.goals), actions: JSON.parse(p.actions), review_on: p.review_on, due_by: p.due_by, vacancy_before_readiness: p.vacancy_before_readiness,
    model: p.model, prompt_version: p.prompt_version,
  };
}
