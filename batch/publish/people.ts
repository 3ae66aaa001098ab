import type { People, Person, RetentionRisk, TalentPool } from '../../schemas/artifacts.ts';
import type { StageContext } from '../context.ts';
import { boxLabelText } from '../scoring/talent-pools.ts';
import { compareText } from './compare.ts';
import { listedMembersSql } from './talent-pool.ts';

interface PersonRow {
  employee_id: string;
  name: string | null;
  department: string | null;
  job_title: string | null;
  grade: string | null;
  tenure_years: number | null;
  box: number | null;
  retention_risk: RetentionRisk;
  retention_assessed_on: string | null;
}

const byPerson = <T extends { employee_id: string }>(rows: T[]): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.employee_id);
    if (list) list.push(r);
    else out.set(r.employee_id, [r]);
  }
  return out;
};

/**
 * people.json: the talent card of each person the site names (slate candidates, incumbents, the listed 9-box
 * members of the cells `pool` publishes) — a few per key position, so every query is cut to `card_people` in
 * DuckDB first. Shaped in JavaScript like succession.json, sorted by the published id so the bytes do not
 * depend on the HRIS ids behind pseudonyms.
 */
export async function buildPeople(ctx: StageContext, publicId: (id: string) => string, pool: TalentPool): Promise<People> {
  const { db, config } = ctx;
  const boxLabels = config.scoring.box_labels;
  await db.run(`CREATE OR REPLACE TEMP TABLE card_positions AS
    SELECT position_id, employee_id FROM succession_candidates
    UNION SELECT position_id, incumbent_id FROM key_positions WHERE incumbent_id IS NOT NULL`);
  await db.run(`CREATE OR REPLACE TEMP TABLE card_people AS
    SELECT employee_id FROM card_positions UNION SELECT employee_id FROM (${listedMembersSql(ctx, pool.cells.filter((c) => c.count !== null).map((c) => c.box))})`);
  const people = await db.all<PersonRow>(`
    SELECT e.employee_id, e.name, COALESCE(d.name, e.department_id) AS department, e.job_title, e.grade, round(e.tenure_years, 1) AS tenure_years,
      t.box, COALESCE(r.risk, 'unknown') AS retention_risk, CAST(i.held_on AS VARCHAR) AS retention_assessed_on
    FROM card_people c JOIN employees e USING (employee_id) LEFT JOIN departments d ON d.department_id = e.department_id
    LEFT JOIN talent_pools t USING (employee_id) LEFT JOIN person_retention r USING (employee_id) LEFT JOIN interviews i ON i.interview_id = r.interview_id`);
  const evaluations = await db.all<{ employee_id: string; period: string; grade: string | null; potential: string | null }>(`
    SELECT v.employee_id, v.period, v.raw_grade AS grade, v.raw_potential AS potential FROM evaluations v JOIN card_people USING (employee_id)
    ORDER BY v.employee_id, v.period`);
  const holds = await db.all<{ employee_id: string; position_id: string; title: string }>(`
    SELECT incumbent_id AS employee_id, position_id, title FROM key_positions WHERE incumbent_id IS NOT NULL ORDER BY position_id`);
  const skills = await db.all<{ employee_id: string; skill_id: string; name_ja: string; name_en: string; level: number }>(`
    SELECT DISTINCT c.employee_id, r.skill_id, s.name_ja, s.name_en, COALESCE(es.level, 0) AS level
    FROM card_positions c JOIN key_position_skills r USING (position_id) JOIN skills s USING (skill_id)
    LEFT JOIN effective_skills es ON es.employee_id = c.employee_id AND es.skill_id = r.skill_id
    ORDER BY c.employee_id, r.skill_id`);
  const aspirations = await db.all<{ employee_id: string; kind: 'position' | 'skill'; target_id: string; ja: string; en: string; held_on: string | null }>(`
    SELECT a.employee_id, a.target_kind AS kind, a.target_id,
      COALESCE(s.name_ja, k.title, a.target_id) AS ja, COALESCE(s.name_en, k.title_en, k.title, a.target_id) AS en, CAST(max(a.held_on) AS VARCHAR) AS held_on
    FROM aspirations a JOIN card_people USING (employee_id)
    LEFT JOIN skills s ON a.target_kind = 'skill' AND s.skill_id = a.target_id
    LEFT JOIN key_positions k ON a.target_kind = 'position' AND k.position_id = a.target_id
    WHERE a.target_kind IN ('position', 'skill')
    GROUP BY ALL ORDER BY a.employee_id, held_on DESC NULLS LAST, kind, a.target_id`);
  await db.run(`DROP TABLE card_people`);
  await db.run(`DROP TABLE card_positions`);

  const evaluationsOf = byPerson(evaluations);
  const holdsOf = byPerson(holds);
  const skillsOf = byPerson(skills);
  const aspirationsOf = byPerson(aspirations);
  const showNames = config.privacy.show_names;
  const out: Person[] = people.map((p) => ({
    employee_id: publicId(p.employee_id),
    name: showNames ? p.name : null,
    department: p.department,
    job_title: p.job_title,
    grade: p.grade,
    tenure_years: p.tenure_years,
    evaluations: (evaluationsOf.get(p.employee_id) ?? []).map((v) => ({ period: v.period, grade: v.grade, potential: v.potential })),
    talent_pool: p.box === null ? null : { box: p.box, label: boxLabelText(boxLabels[String(p.box) as keyof typeof boxLabels], p.box) },
    retention_risk: p.retention_risk,
    retention_assessed_on: p.retention_assessed_on,
    holds: (holdsOf.get(p.employee_id) ?? []).map((h) => ({ position_id: h.position_id, title: h.title })),
    skills: (skillsOf.get(p.employee_id) ?? []).map((s) => ({ skill_id: s.skill_id, name_ja: s.name_ja, name_en: s.name_en, level: s.level })),
    aspirations: (aspirationsOf.get(p.employee_id) ?? []).map((a) => ({ kind: a.kind, target_id: a.target_id, name: { ja: a.ja, en: a.en }, held_on: a.held_on })),
  }));
  out.sort((a, b) => compareText(a.employee_id, b.employee_id));
  return { people: out };
}
