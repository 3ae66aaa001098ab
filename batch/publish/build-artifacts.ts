import type { Candidate, KeyPosition, Notice, Overview, Quality, SkillMap, Succession, TalentPool } from '../../schemas/artifacts.ts';
import { ComponentName } from '../../schemas/artifacts.ts';
import type { StageContext } from '../context.ts';
import { readinessRule } from '../scoring/succession.ts';

export interface SourceStats {
  source_file: string;
  kind: string;
  rows: number;
  loaded: number;
  rejected: number;
}

export interface ArtifactSet {
  'overview.json': Overview;
  'skill_map.json': SkillMap;
  'talent_pool.json': TalentPool;
  'succession.json': Succession;
  'quality.json': Quality;
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Builds every artifact from the unified tables: aggregates, key positions and slates only — no free text. */
export async function buildArtifacts(ctx: StageContext, input: { notices: Notice[]; sources: SourceStats[]; levelMax: number; ai: Quality['ai'] }): Promise<ArtifactSet> {
  const succession = await buildSuccession(ctx);
  const skillMap = await buildSkillMap(ctx, input.levelMax);
  const talentPool = await buildTalentPool(ctx);
  const quality = await buildQuality(ctx, input.sources, input.ai);
  const overview = await buildOverview(ctx, succession, quality.rejects_total, input.notices);
  return { 'overview.json': overview, 'skill_map.json': skillMap, 'talent_pool.json': talentPool, 'succession.json': succession, 'quality.json': quality };
}

async function buildOverview(ctx: StageContext, succession: Succession, rejects: number, notices: Notice[]): Promise<Overview> {
  const c = await ctx.db.one<{ headcount: number; departments: number }>(`SELECT
    (SELECT count(*) FROM employees WHERE status = 'active')::INTEGER AS headcount,
    (SELECT count(DISTINCT department_id) FROM employees WHERE status = 'active' AND department_id IS NOT NULL)::INTEGER AS departments`);
  const positions = succession.positions;
  const withReady = positions.filter((p) => p.status === 'ready_now').length;
  return {
    company: ctx.config.company.name,
    as_of: ctx.asOf,
    headcount: c.headcount,
    departments: c.departments,
    key_positions: positions.length,
    positions_with_ready_now: withReady,
    coverage: positions.length ? round(withReady / positions.length) : null,
    positions_without_ready_now: positions.filter((p) => p.status !== 'ready_now').map((p) => ({ position_id: p.position_id, title: p.title, department: p.department })),
    rejects,
    notices,
  };
}

async function buildSkillMap(ctx: StageContext, levelMax: number): Promise<SkillMap> {
  const { db, config } = ctx;
  const k = config.privacy.min_group_size;
  const threshold = config.skill_map.level_threshold;
  // Departments as people sit in them (leaf level); a small department is listed but its numbers are not.
  const departments = await db.all<{ department_id: string; name: string; headcount: number }>(`
    SELECT e.department_id, COALESCE(d.name, e.department_id) AS name, count(*)::INTEGER AS headcount
    FROM employees e LEFT JOIN departments d USING (department_id)
    WHERE e.status = 'active' AND e.department_id IS NOT NULL GROUP BY ALL ORDER BY e.department_id`);
  const skills = await db.all<SkillMap['skills'][number]>(`
    SELECT s.skill_id, s.name_ja, s.name_en, s.category FROM skills s
    WHERE s.skill_id IN (SELECT skill_id FROM employee_skills WHERE source <> 'inferred') ORDER BY s.category, s.skill_id`);
  const cells = await db.all<{ department_id: string; skill_id: string; people: number; headcount: number }>(`
    WITH heads AS (SELECT department_id, count(*) AS headcount FROM employees WHERE status = 'active' AND department_id IS NOT NULL GROUP BY 1),
    levels AS (SELECT employee_id, skill_id, max(level) AS level FROM employee_skills WHERE source <> 'inferred' GROUP BY ALL)
    SELECT e.department_id, l.skill_id, (count(*) FILTER (WHERE l.level >= ${threshold}))::INTEGER AS people, any_value(h.headcount)::INTEGER AS headcount
    FROM levels l JOIN employees e USING (employee_id) JOIN heads h USING (department_id)
    WHERE e.status = 'active' GROUP BY ALL ORDER BY 1, 2`);
  return {
    level_threshold: threshold,
    level_max: levelMax,
    min_group_size: k,
    departments: departments.map((d) => ({ ...d, suppressed: d.headcount < k })),
    skills,
    cells: cells.map((c) => {
      const hidden = c.headcount < k;
      return { department_id: c.department_id, skill_id: c.skill_id, people_at_level: hidden ? null : c.people, share: hidden ? null : round(c.people / c.headcount) };
    }),
  };
}

async function buildTalentPool(ctx: StageContext): Promise<TalentPool> {
  const { db, config } = ctx;
  const k = config.privacy.min_group_size;
  const s = config.scoring;
  const counts = await db.all<{ box: number; n: number }>(`SELECT box, count(*)::INTEGER AS n FROM talent_pools GROUP BY box`);
  const byBox = new Map(counts.map((c) => [c.box, c.n]));
  const t = await db.one<{ rated: number; active: number }>(`SELECT (SELECT count(*) FROM talent_pools)::INTEGER AS rated, (SELECT count(*) FROM employees WHERE status = 'active')::INTEGER AS active`);
  const cells: TalentPool['cells'] = [];
  for (let potential = 1; potential <= 3; potential++) {
    for (let performance = 1; performance <= 3; performance++) {
      const box = 3 * (potential - 1) + performance;
      const n = byBox.get(box) ?? 0;
      cells.push({ box, performance_band: performance, potential_band: potential, label: s.box_labels[String(box) as keyof typeof s.box_labels] ?? `box ${box}`, count: n > 0 && n < k ? null : n });
    }
  }
  return { min_group_size: k, rated: t.rated, unrated: t.active - t.rated, bands: { performance: s.performance_bands, potential: s.potential_bands }, cells };
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
  name: string | null;
  department: string | null;
  job_title: string | null;
  grade: string | null;
  tenure_years: number | null;
  performance_reason: string | null;
  potential_reason: string | null;
  named: boolean;
  wanted_skills: number;
}

async function buildSuccession(ctx: StageContext): Promise<Succession> {
  const { db, config } = ctx;
  const s = config.scoring.succession;
  const showNames = config.privacy.show_names;
  const positions = await db.all<{ position_id: string; title: string; department: string | null; criticality: string | null; expected_vacancy: string | null; incumbent_id: string | null; incumbent_name: string | null; incumbent_grade: string | null; incumbent_title: string | null }>(`
    SELECT k.position_id, k.title, COALESCE(d.name, k.department_id) AS department, k.criticality, k.expected_vacancy, k.incumbent_id,
      i.name AS incumbent_name, i.grade AS incumbent_grade, i.job_title AS incumbent_title
    FROM key_positions k LEFT JOIN departments d USING (department_id) LEFT JOIN employees i ON i.employee_id = k.incumbent_id ORDER BY k.position_id`);
  const required = await db.all<{ position_id: string; skill_id: string; name_ja: string; level: number }>(`
    SELECT r.position_id, r.skill_id, s.name_ja, r.level FROM key_position_skills r JOIN skills s USING (skill_id) ORDER BY r.position_id, r.level DESC, r.skill_id`);
  const candidates = await db.all<CandidateRow>(`
    WITH named AS (SELECT DISTINCT employee_id, target_id AS position_id FROM aspirations WHERE target_kind = 'position'),
    wanted AS (
      SELECT r.position_id, a.employee_id, count(DISTINCT a.target_id)::INTEGER AS wanted_skills
      FROM aspirations a JOIN key_position_skills r ON r.skill_id = a.target_id WHERE a.target_kind = 'skill' GROUP BY ALL
    )
    SELECT c.*, e.name, COALESCE(d.name, e.department_id) AS department, e.job_title, e.grade, e.tenure_years,
      p.performance_reason, p.potential_reason, n.employee_id IS NOT NULL AS named, COALESCE(w.wanted_skills, 0) AS wanted_skills
    FROM succession_candidates c JOIN employees e USING (employee_id) LEFT JOIN departments d ON d.department_id = e.department_id
    LEFT JOIN person_scores p USING (employee_id) LEFT JOIN named n USING (position_id, employee_id) LEFT JOIN wanted w USING (position_id, employee_id)
    ORDER BY c.position_id, c.rank`);
  const levels = await db.all<{ position_id: string; employee_id: string; skill_id: string; level: number | null }>(`
    SELECT c.position_id, c.employee_id, r.skill_id, es.level FROM succession_candidates c JOIN key_position_skills r USING (position_id)
    LEFT JOIN effective_skills es ON es.employee_id = c.employee_id AND es.skill_id = r.skill_id ORDER BY 1, 2, 3`);
  const planRows = await db.all<{ position_id: string; employee_id: string; goals: string; actions: string; review_on: string; model: string; prompt_version: string }>(`
    SELECT position_id, employee_id, goals::VARCHAR AS goals, actions::VARCHAR AS actions, CAST(review_on AS VARCHAR) AS review_on, model, prompt_version
    FROM development_plans ORDER BY position_id, employee_id`);
  const planOf = new Map(planRows.map((p) => [`${p.position_id}\u0000${p.employee_id}`, p]));
  const levelOf = new Map(levels.map((l) => [`${l.position_id}\u0000${l.employee_id}\u0000${l.skill_id}`, l.level ?? 0]));
  const total = Object.values(s.weights).reduce((a, b) => a + b, 0) || 1;

  const out: KeyPosition[] = positions.map((p) => {
    const req = required.filter((r) => r.position_id === p.position_id);
    const slate = candidates.filter((c) => c.position_id === p.position_id).map((c): Candidate => {
      const gaps = req
        .map((r) => ({ skill_id: r.skill_id, name_ja: r.name_ja, required: r.level, actual: levelOf.get(`${p.position_id}\u0000${c.employee_id}\u0000${r.skill_id}`) ?? 0 }))
        .filter((g) => g.actual < g.required);
      const reasons: Record<ComponentName, string> = {
        performance: c.performance_reason ? `直近 ${c.performance_reason}` : '評価なし',
        potential: c.potential_reason ?? 'ポテンシャル評価なし',
        skill_fit: req.length ? `必要スキル ${req.length - gaps.length}/${req.length} を充足` : '必要スキル未設定（中立値 0.5）',
        experience: [c.grade ? `等級 ${c.grade}` : '等級不明', c.grade_gap === null ? null : c.grade_gap === 0 ? '現任者と同等級' : `現任者の${c.grade_gap}段下`, c.tenure_years === null ? null : `勤続${c.tenure_years.toFixed(1)}年`]
          .filter(Boolean)
          .join('・'),
        aspiration: c.named ? '面談で本ポジションを志望' : c.wanted_skills ? `必要スキル${c.wanted_skills}件の習得を希望` : '面談での言及なし',
      };
      return {
        rank: c.rank,
        employee_id: c.employee_id,
        name: showNames ? c.name : null,
        department: c.department,
        job_title: c.job_title,
        grade: c.grade,
        score: c.score,
        readiness: c.readiness,
        components: ComponentName.options.map((name) => ({
          name,
          weight: s.weights[name],
          value: c[name],
          points: round((s.weights[name] / total) * c[name] * 100, 1),
          reason: reasons[name],
        })),
        skill_gaps: gaps,
        development_plan: developmentPlan(planOf.get(`${p.position_id}\u0000${c.employee_id}`)),
      };
    });
    const status = slate.some((c) => c.readiness === 'ready_now') ? 'ready_now' : slate.some((c) => c.readiness === '1_2_years') ? '1_2_years' : 'none';
    return {
      position_id: p.position_id,
      title: p.title,
      department: p.department,
      criticality: p.criticality,
      expected_vacancy: p.expected_vacancy,
      incumbent: p.incumbent_id ? { employee_id: p.incumbent_id, name: showNames ? p.incumbent_name : null, grade: p.incumbent_grade, job_title: p.incumbent_title } : null,
      required_skills: req.map((r) => ({ skill_id: r.skill_id, name_ja: r.name_ja, level: r.level })),
      status,
      candidates: slate,
    };
  });
  return { weights: s.weights, readiness_rule: readinessRule(s), positions: out };
}

function developmentPlan(p: { goals: string; actions: string; review_on: string; model: string; prompt_version: string } | undefined): Candidate['development_plan'] {
  if (!p) return null;
  return { goals: JSON.parse(p.goals), actions: JSON.parse(p.actions), review_on: p.review_on, model: p.model, prompt_version: p.prompt_version };
}

async function buildQuality(ctx: StageContext, sources: SourceStats[], ai: Quality['ai']): Promise<Quality> {
  const { db, config } = ctx;
  const k = config.privacy.min_group_size;
  const quality = await db.all<{ department_id: string; name: string; comments: number; mean_score: number; s: number; e: number; f: number }>(`
    SELECT e.department_id, COALESCE(d.name, e.department_id) AS name, count(*)::INTEGER AS comments, round(avg(q.score), 1) AS mean_score,
      round(avg(q.specific::INTEGER), 4) AS s, round(avg(q.evidence_based::INTEGER), 4) AS e, round(avg(q.forward_looking::INTEGER), 4) AS f
    FROM comment_quality q JOIN employees e USING (employee_id) LEFT JOIN departments d ON d.department_id = e.department_id
    WHERE e.department_id IS NOT NULL GROUP BY ALL ORDER BY e.department_id`);
  const commentQuality = quality.map((q) => {
    const hidden = q.comments < k;
    return {
      department_id: q.department_id,
      name: q.name,
      comments: q.comments,
      mean_score: hidden ? null : q.mean_score,
      share_specific: hidden ? null : q.s,
      share_evidence_based: hidden ? null : q.e,
      share_forward_looking: hidden ? null : q.f,
    };
  });
  const byFile = await db.all<Quality['by_file_reason'][number]>(`
    SELECT source_file, regexp_replace(reason, '\\(first at line \\d+\\)', '(…)') AS reason, count(*)::INTEGER AS count FROM rejects GROUP BY ALL ORDER BY source_file, count DESC, reason`);
  const examples = await db.all<Quality['examples'][number]>(`SELECT source_file, line, "column", reason FROM rejects ORDER BY source_file, line, "column" NULLS FIRST, reason LIMIT 200`);
  const total = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM rejects`);
  return {
    rejects_total: total.n,
    by_file_reason: byFile,
    examples,
    sources: [...sources].sort((a, b) => a.source_file.localeCompare(b.source_file) || a.kind.localeCompare(b.kind)),
    comment_quality: commentQuality,
    ai,
  };
}
