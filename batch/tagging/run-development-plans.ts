import type { TaskOutput } from '../../schemas/ai-tasks.ts';
import type { StageContext } from '../context.ts';
import { PROMPT_VERSIONS } from '../ai/prompts.ts';
import { aiJob, type AiJob } from '../ai/scheduler.ts';
import { planHorizon } from '../ai/offline/development-plan.ts';
import { readyFromSql, vacancyBeforeReadinessSql } from '../scoring/succession-status.ts';
import { row, type TextTaskDeps } from './run-tagging.ts';

/**
 * Plans are drafted from the start of the fiscal half-year (4/1 or 10/1) that holds the run date, not from
 * the run date itself: the draft, and its cache key, then stay the same for six months unless the gaps or
 * aspirations change — an external model is not asked again every night.
 */
export function planBaseDate(asOf: string): string {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  if (m >= 4 && m <= 9) return `${y}-04-01`;
  return m >= 10 ? `${y}-10-01` : `${y - 1}-10-01`;
}

/** Whatever a provider answered, no action is due after the plan's horizon (the month before the vacancy, when sooner). */
export function holdToHorizon<A extends { by: string | null }>(actions: A[], dueBy: string): A[] {
  return actions.map((a) => (a.by !== null && a.by > dueBy ? { ...a, by: dueBy } : a));
}

/**
 * A development-plan draft for every successor on a slate who is not ready now: the position, the skill
 * gaps against its required levels and what the person said they want. Runs after scoring. A skill to
 * strengthen whose id is not in the skills table (taxonomy and company skills) is dropped and counted, as the
 * text tasks drop such tags: a model's answer never puts an unknown skill id into a published table.
 */
export async function runDevelopmentPlans(ctx: StageContext, deps: Pick<TextTaskDeps, 'provider' | 'scheduler'>): Promise<{ plans: number; leftOver: number; outOfTaxonomy: number }> {
  const { db, asOf, config, log } = ctx;
  if (!config.ai.tasks.includes('development_plan')) return { plans: 0, leftOver: 0, outOfTaxonomy: 0 };
  const model = `${deps.provider.name}/${deps.provider.model}`;
  const rows = await db.all<{ position_id: string; employee_id: string; title: string; readiness: '1_2_years' | '3_plus_years'; expected_vacancy: string | null; vacancy_before_readiness: boolean; gaps: string; aspirations: string }>(`
    WITH gaps AS (
      SELECT c.position_id, c.employee_id,
        to_json(list({'skill_id': r.skill_id, 'name_ja': s.name_ja, 'required': r.level, 'actual': COALESCE(es.level, 0)} ORDER BY r.level DESC, r.skill_id)
          FILTER (WHERE COALESCE(es.level, 0) < r.level))::VARCHAR AS gaps
      FROM succession_candidates c JOIN key_position_skills r USING (position_id) JOIN skills s USING (skill_id)
      LEFT JOIN effective_skills es ON es.employee_id = c.employee_id AND es.skill_id = r.skill_id
      GROUP BY ALL
    ),
    wants AS (
      SELECT a.employee_id, to_json(list(DISTINCT COALESCE(k.title, s.name_ja) ORDER BY COALESCE(k.title, s.name_ja)))::VARCHAR AS aspirations
      FROM aspirations a LEFT JOIN key_positions k ON a.target_kind = 'position' AND k.position_id = a.target_id
      LEFT JOIN skills s ON a.target_kind = 'skill' AND s.skill_id = a.target_id GROUP BY ALL
    )
    SELECT c.position_id, c.employee_id, k.title, c.readiness, CAST(k.expected_vacancy_on AS VARCHAR) AS expected_vacancy,
      ${vacancyBeforeReadinessSql('k.expected_vacancy_on', readyFromSql('c.readiness', asOf), asOf)} AS vacancy_before_readiness,
      COALESCE(g.gaps, '[]') AS gaps, COALESCE(w.aspirations, '[]') AS aspirations
    FROM succession_candidates c JOIN key_positions k USING (position_id)
    LEFT JOIN gaps g USING (position_id, employee_id) LEFT JOIN wants w USING (employee_id)
    WHERE c.readiness <> 'ready_now' ORDER BY c.position_id, c.rank`);
  const planInput = (r: (typeof rows)[number]) => ({
    position_title: r.title, as_of: planBaseDate(asOf), readiness: r.readiness, expected_vacancy: r.expected_vacancy,
    vacancy_before_readiness: r.vacancy_before_readiness, gaps: JSON.parse(r.gaps), aspirations: JSON.parse(r.aspirations),
  });
  const jobs: Array<AiJob<'development_plan'>> = rows.map((r) => {
    return aiJob('development_plan', model, planInput(r));
  });
  const results = await deps.scheduler.run(jobs);
  const known = new Set((await db.all<{ skill_id: string }>(`SELECT skill_id FROM skills`)).map((s) => s.skill_id));
  const plans = await db.connection.createAppender('development_plans');
  const backlog = await db.connection.createAppender('ai_backlog');
  let n = 0;
  let leftOver = 0;
  let outOfTaxonomy = 0;
  results.forEach((res, i) => {
    const r = rows[i]!;
    if (res.status === 'left_over') {
      row(backlog, ['development_plan', `plan:${r.position_id}:${r.employee_id}`, res.reason]);
      leftOver++;
      return;
    }
    const o = res.output as TaskOutput<'development_plan'>;
    const { due_by } = planHorizon(planInput(r));
    const actions = holdToHorizon(o.actions, due_by);
    const skills = o.skills.filter((s) => known.has(s.skill_id));
    outOfTaxonomy += o.skills.length - skills.length;
    row(plans, [r.position_id, r.employee_id, JSON.stringify(o.goals), JSON.stringify(skills), JSON.stringify(actions), o.review_on, due_by, r.vacancy_before_readiness, model, PROMPT_VERSIONS.development_plan]);
    n++;
  });
  plans.closeSync();
  backlog.closeSync();
  if (outOfTaxonomy) log.warn(`${outOfTaxonomy} skills of development-plan drafts named ids outside the taxonomy and were dropped`);
  return { plans: n, leftOver, outOfTaxonomy };
}
