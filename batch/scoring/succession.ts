import type { ScoringConfig } from '../../schemas/config.ts';
import type { StageContext } from '../context.ts';
import { lit } from '../db.ts';
import { storeDepartmentFunctions } from './department-functions.ts';
import { storeNextSteps } from './next-steps.ts';
import { capExclusions, type PoolPair } from './slate-cap.ts';
import { storeSuccessionStatus } from './succession-status.ts';
import { COMPONENTS, successionFormula } from './succession-formula.ts';

type Succession = ScoringConfig['succession'];

/** Strongest people per grade whose pairs set each position's sure score (see scoreSuccession). */
const SURE_SEED_PER_GRADE = 300;

/** Readiness as SQL over the candidate's score, skill_fit and grade_gap. */
export function readinessSql(s: Succession): string {
  const r = s.readiness;
  return `(CASE
    WHEN score >= ${r.ready_now.min_score} AND skill_fit >= ${r.ready_now.min_skill_fit} AND COALESCE(grade_gap, 0) <= ${r.ready_now.max_grade_gap} THEN 'ready_now'
    WHEN score >= ${r.one_to_two_years.min_score} AND skill_fit >= ${r.one_to_two_years.min_skill_fit} THEN '1_2_years'
    ELSE '3_plus_years' END)`;
}

/**
 * The temp tables scoring shares with the development plans and the publisher: dept_ancestors (every
 * department with itself and each department above it) and effective_skills (the assessed level of each
 * person's skill, else the level hint of text it was inferred from, 1 when none, and at most
 * ai.inferred_level_cap: text alone never makes an expert).
 */
export async function createScoringTables(ctx: StageContext): Promise<void> {
  await ctx.db.run(`CREATE OR REPLACE TEMP TABLE dept_ancestors AS
    WITH RECURSIVE up(department_id, ancestor_id) AS (
      SELECT department_id, department_id FROM departments
      UNION ALL
      SELECT up.department_id, d.parent_id FROM up JOIN departments d ON d.department_id = up.ancestor_id WHERE d.parent_id IS NOT NULL
    ) SELECT * FROM up`);
  await ctx.db.run(`CREATE OR REPLACE TEMP TABLE effective_skills AS ${effectiveSkillsSql(ctx.config.ai.inferred_level_cap)}`);
}

/** The level scoring uses of each person's skill (see createScoringTables), optionally of some rows only (`explain`). */
export function effectiveSkillsSql(inferredCap: number, where = 'true'): string {
  return `SELECT employee_id, skill_id,
      COALESCE(max(level) FILTER (WHERE source <> 'inferred'), least(max(COALESCE(level, 1)) FILTER (WHERE source = 'inferred'), ${inferredCap})) AS level
    FROM employee_skills WHERE ${where} GROUP BY employee_id, skill_id`;
}

/**
 * succession_candidates: for every key position, the active people within max_grade_gap grades below the
 * incumbent whom the reach rule lets in, scored by named components and cut to the slate size (under
 * max_slates_per_person, after the cap; succession_capped says who it left off where). Set-based: the pool
 * is pruned by joins before anything is scored, and pairs that provably cannot reach a slate (their best
 * possible score is below a score the slate reaches for sure) are dropped before the expensive parts; the
 * slates are those of scoring every pair.
 */
export async function scoreSuccession(ctx: StageContext, opts: { /** false: score every pair (the reference the pruning is tested against). */ prune?: boolean } = {}): Promise<number> {
  const prune = opts.prune !== false;
  const { db, config } = ctx;
  const s = config.scoring.succession;
  const f = successionFormula(s);
  await createScoringTables(ctx);
  await storeDepartmentFunctions(ctx);
  const g = s.max_grade_gap;
  const generic = s.reach.generic_skill_categories.length ? `sk.category IN (${s.reach.generic_skill_categories.map(lit).join(', ')})` : 'false';
  // Each required skill classified once: generic (a category every function needs) or function-specific.
  await db.run(`CREATE OR REPLACE TEMP TABLE required_kinds AS
    SELECT r.position_id, r.skill_id, r.level, COALESCE(${generic}, false) AS generic FROM key_position_skills r LEFT JOIN skills sk USING (skill_id)`);
  // At 100,000 people the pool is tens of millions of (position, person) pairs: they are formed and scored
  // on integer ids, and only each position's slate keeps its names. People and positions are numbered in
  // id order, so ordering by number is ordering by id.
  await db.run(`CREATE OR REPLACE TEMP TABLE pool_people AS
    SELECT row_number() OVER (ORDER BY e.employee_id)::INTEGER AS eid, e.employee_id, e.department_id, e.grade_rank, e.tenure_years, e.status = 'active' AS active,
      ps.performance, ps.potential, f.function AS fn
    FROM employees e LEFT JOIN person_scores ps USING (employee_id) LEFT JOIN department_functions f USING (department_id)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE pool_wishes AS
    SELECT DISTINCT e.eid, a.target_id AS skill_id FROM aspirations a JOIN pool_people e USING (employee_id) WHERE a.target_kind = 'skill'`);
  // The most the aspiration component can give a person for any position: 1 when they name some position,
  // else a quarter per wished skill (a position can require at most all of them), capped as the score caps it.
  await db.run(`CREATE OR REPLACE TEMP TABLE pool_aspiration_bound AS
    SELECT e.eid, ${f.aspiration('n.eid IS NOT NULL', 'w.skills')} AS bound
    FROM pool_people e
    LEFT JOIN (SELECT DISTINCT e.eid FROM aspirations a JOIN pool_people e USING (employee_id) WHERE a.target_kind = 'position') n USING (eid)
    LEFT JOIN (SELECT eid, count(*) AS skills FROM pool_wishes GROUP BY eid) w USING (eid)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE pool_positions AS
    WITH required AS (
      SELECT position_id, count(*) AS required_count, count(*) FILTER (WHERE NOT generic) AS specific_count FROM required_kinds GROUP BY position_id
    )
    SELECT row_number() OVER (ORDER BY k.position_id)::INTEGER AS pid, k.position_id, k.department_id, i.eid AS incumbent_eid, i.grade_rank AS incumbent_rank,
      COALESCE(q.required_count, 0) AS required_count,
      -- A position that requires only generic skills: all of them are its function-specific ones.
      CASE WHEN COALESCE(q.specific_count, 0) = 0 THEN COALESCE(q.required_count, 0) ELSE q.specific_count END AS specific_count,
      f.function AS fn
    FROM key_positions k LEFT JOIN pool_people i ON i.employee_id = k.incumbent_id LEFT JOIN required q USING (position_id)
    LEFT JOIN department_functions f ON f.department_id = k.department_id`);
  await db.run(`CREATE OR REPLACE TEMP TABLE pool_skills AS
    SELECT e.eid, e.grade_rank, es.skill_id, es.level FROM effective_skills es JOIN pool_people e USING (employee_id) WHERE es.level >= 1 AND e.active`);
  await db.run(`CREATE OR REPLACE TEMP TABLE pool_required AS
    SELECT p.pid, p.incumbent_eid, p.incumbent_rank, r.skill_id, r.level, p.specific_count = p.required_count OR NOT r.generic AS specific
    FROM required_kinds r JOIN pool_positions p USING (position_id)`);
  const inWindow = `e.active AND e.eid IS DISTINCT FROM p.incumbent_eid
      AND (p.incumbent_rank IS NULL OR e.grade_rank IS NULL OR e.grade_rank BETWEEN p.incumbent_rank - ${g} AND p.incumbent_rank)`;
  // The departments under each position's, then the people in them: in two steps, because one join of
  // positions, departments and people makes DuckDB match every person to every position first.
  await db.run(`CREATE OR REPLACE TEMP TABLE pool_in_department AS
    WITH d AS (SELECT p.pid, a.department_id FROM pool_positions p JOIN dept_ancestors a ON a.ancestor_id = p.department_id)
    SELECT d.pid, e.eid FROM d JOIN pool_people e ON e.department_id = d.department_id`);
  const named = `SELECT DISTINCT e.eid, p.pid FROM aspirations a JOIN pool_people e USING (employee_id) JOIN pool_positions p ON p.position_id = a.target_id WHERE a.target_kind = 'position'`;
  const components = (pool: string) => `
    wanted AS (
      -- From the pool's pairs, not from every wish × every position requiring the skill: a common skill
      -- (leadership) is required by most positions, and that product grows with headcount × positions.
      SELECT c.pid, c.eid, count(DISTINCT a.skill_id) AS skills
      FROM ${pool} c JOIN pool_wishes a USING (eid) JOIN pool_required r ON r.pid = c.pid AND r.skill_id = a.skill_id
      GROUP BY ALL
    ),
    components AS (
      SELECT c.pid, c.eid, c.grade_gap, c.reach, c.reach_fit,
        ${f.performance('e.performance')} AS performance,
        ${f.potential('e.potential')} AS potential,
        c.skill_fit,
        ${f.experience('c.grade_gap', 'c.tenure_years')} AS experience,
        ${f.aspiration('n.eid IS NOT NULL', 'w.skills')} AS aspiration
      FROM ${pool} c
      JOIN pool_people e USING (eid)
      LEFT JOIN (${named}) n USING (pid, eid)
      LEFT JOIN wanted w USING (pid, eid)
    ),
    scored AS (
      SELECT *, ${f.score(f.weighted({ performance: 'performance', potential: 'potential', skill_fit: 'skill_fit', experience: 'experience', aspiration: 'aspiration' }))} AS score
      FROM components
    )`;
  // Who works under each position within its grade window (fit 0 unless they also hold its skills). In two
  // steps, so DuckDB never pairs every person with every position to test the window.
  await db.run(`CREATE OR REPLACE TEMP TABLE pool_department_people AS
    SELECT d.pid, e.* FROM pool_in_department d JOIN pool_people e USING (eid)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE pool_department_pairs AS
    SELECT e.pid, e.eid FROM pool_department_people e JOIN pool_positions p USING (pid) WHERE ${inWindow}`);
  // The positions being scored: all of them, or under a cap those whose pools go deeper (pool_todo).
  let some = false;
  const todo = (pid: string) => (some ? `${pid} IN (SELECT pid FROM pool_todo)` : 'true');
  // Who holds a required skill within the grade window: the window spelled out as one row per allowed grade,
  // so the join is on skill and grade and never forms every holder of a skill × every position.
  const holders = (extra = '', join = '') => `
      SELECT r.pid, s.eid, least(s.level / r.level, 1) AS fit, r.specific, false AS in_department ${extra}
      FROM (SELECT *, unnest(range(incumbent_rank - ${g}, incumbent_rank + 1)) AS rank FROM pool_required WHERE incumbent_rank IS NOT NULL AND ${todo('pid')}) r
      JOIN pool_holders s ON s.skill_id = r.skill_id AND s.grade_rank = r.rank ${join}
      WHERE s.eid IS DISTINCT FROM r.incumbent_eid`;
  const nullRanks = () => `
      SELECT r.pid, s.eid, least(s.level / r.level, 1) AS fit, r.specific, false AS in_department FROM pool_required r JOIN pool_holders s ON s.skill_id = r.skill_id
      WHERE (r.incumbent_rank IS NULL OR s.grade_rank IS NULL) AND s.eid IS DISTINCT FROM r.incumbent_eid AND ${todo('r.pid')}`;
  // A position's pairs from their rows (one per pair and required skill held, one per person in its
  // department), and the reach rule over them, for a query that joins them to pool_positions p and
  // pool_people e: people in the department, people of its function, and people elsewhere whose fit on the
  // position's function-specific skills reaches the minimum. Exact per pair, because a pair's rows are either
  // all kept or all pruned (the pruning bound does not depend on the skill).
  const cap = s.max_slates_per_person;
  const pairsOf = (held: string) => `
    pairs AS (
      SELECT pid, eid, sum(fit) AS fit_sum, COALESCE(sum(fit) FILTER (WHERE specific), 0) AS specific_sum, bool_or(in_department) AS in_department
      FROM ${held} GROUP BY pid, eid
    )`;
  const reachFit = f.skillFit('x.specific_sum', 'p.specific_count');
  const reach = `CASE WHEN x.in_department THEN 'department' WHEN e.fn = p.fn THEN 'function' ELSE 'skill_fit' END`;
  const inReach = `(x.in_department OR e.fn = p.fn OR ${reachFit} >= ${s.reach.min_skill_fit_outside})`;
  // The performance and potential part of a person's score: the same for every position.
  const bare = (e: string) => f.weighted({ performance: f.performance(`${e}performance`), potential: f.potential(`${e}potential`) });
  await db.run(`CREATE OR REPLACE TEMP TABLE pool_holders AS
    SELECT s.eid, s.grade_rank, s.skill_id, s.level, e.tenure_years, ${bare('e.')} AS bare, b.bound
    FROM pool_skills s JOIN pool_people e USING (eid) JOIN pool_aspiration_bound b USING (eid)`);
  // The pool of each position scored in full down to its pool_depth (the slate size, or deeper under a cap;
  // `depth` is the deepest): scored_pool, and under a cap pool_bounds, a score every pair pruned away stays
  // below (NULL when none was).
  const depthOf = (d: number) => db.run(`CREATE OR REPLACE TEMP TABLE pool_depth AS SELECT pid, ${d} AS depth FROM pool_positions`);
  const scorePool = async (depth: number) => {
    // A score each slate reaches for sure, found on a few pairs: the depth-th best score without the
    // aspiration component (which only adds) among the position's pairs with the strongest people of each
    // grade and the people under it. A holder whose score could not reach it even with every required skill
    // fully fit and the best aspiration cannot be on the slate: such pairs are never formed.
    await db.run(`CREATE OR REPLACE TEMP TABLE pool_sure AS
      WITH strong AS (
        SELECT eid FROM pool_people WHERE active QUALIFY row_number() OVER (PARTITION BY grade_rank ORDER BY ${bare('')} DESC, eid) <= ${SURE_SEED_PER_GRADE}
      ),
      seed AS (
        ${holders('')} AND s.eid IN (SELECT eid FROM strong)
        UNION ALL
        SELECT pid, eid, 0, false, true FROM pool_department_pairs WHERE ${todo('pid')}
      ),
      ${pairsOf('seed')},
      lower AS (
        SELECT x.pid, ${f.score(`${bare('e.')} + ${f.weighted({ skill_fit: f.skillFit('x.fit_sum', 'p.required_count'), experience: f.experience('(p.incumbent_rank - e.grade_rank)', 'e.tenure_years') })}`)} AS score
        FROM pairs x JOIN pool_positions p USING (pid) JOIN pool_people e USING (eid) WHERE ${inReach}
      )
      SELECT l.pid, max(l.score, ${depth})[any_value(d.depth)] AS sure FROM lower l JOIN pool_depth d USING (pid)
      GROUP BY l.pid HAVING count(*) >= any_value(d.depth)${prune ? '' : ' AND false'}`);
    // Every pair that could be on a slate, with its exact components except the aspiration (which needs the
    // wishes of both sides): base is the weighted sum so far.
    await db.run(`CREATE OR REPLACE TEMP TABLE pool_pairs AS
      WITH held AS (
        SELECT pid, eid, fit, specific, in_department FROM (
          ${holders(', r.incumbent_rank - s.grade_rank AS grade_gap, s.tenure_years, s.bare, s.bound, ps.sure', 'LEFT JOIN pool_sure ps ON ps.pid = r.pid')}
        ) WHERE sure IS NULL OR ${f.score(`bare + ${f.weighted({ skill_fit: '1', experience: f.experience('grade_gap', 'tenure_years'), aspiration: 'bound' })}`)} >= sure
        UNION ALL
        ${nullRanks()}
        UNION ALL
        SELECT pid, eid, 0, false, true FROM pool_department_pairs WHERE ${todo('pid')}
      ),
      ${pairsOf('held')},
      pool AS (
        SELECT x.pid, x.eid, ${reach} AS reach, ${reachFit} AS reach_fit, e.tenure_years, e.performance, e.potential,
          CASE WHEN p.incumbent_rank IS NOT NULL AND e.grade_rank IS NOT NULL THEN p.incumbent_rank - e.grade_rank END AS grade_gap,
          ${f.skillFit('x.fit_sum', 'p.required_count')} AS skill_fit
        FROM pairs x JOIN pool_positions p USING (pid) JOIN pool_people e USING (eid) WHERE ${inReach}
      )
      SELECT pid, eid, reach, reach_fit, tenure_years, grade_gap, skill_fit,
        ${bare('')} + ${f.weighted({ skill_fit: 'skill_fit', experience: f.experience('grade_gap', 'tenure_years') })} AS base
      FROM pool`);
    // base alone is a lower bound of a pair's score and base plus the person's best possible aspiration an
    // upper bound: the depth-th best lower bound of a position is a score its slate reaches for sure, and
    // a pair whose upper bound stays below it cannot be on the slate. Only the rest is scored in full.
    await db.run(`CREATE OR REPLACE TEMP TABLE pool_top AS SELECT pid, max(${f.score('base')}, ${depth}) AS top FROM pool_pairs GROUP BY pid`);
    await db.run(`CREATE OR REPLACE TEMP TABLE position_pool AS
      SELECT c.pid, c.eid, c.reach, c.reach_fit, c.tenure_years, c.grade_gap, c.skill_fit
      FROM pool_pairs c JOIN pool_top t USING (pid) JOIN pool_depth d USING (pid) JOIN pool_aspiration_bound b USING (eid)
      WHERE ${prune ? '' : 'true OR '}len(t.top) < d.depth OR ${f.score(`c.base + ${f.weighted({ aspiration: 'b.bound' })}`)} >= t.top[d.depth]`);
    const scored = `WITH ${components('position_pool')} SELECT * FROM scored`;
    if (!some) await db.run(`CREATE OR REPLACE TEMP TABLE scored_pool AS ${scored}`);
    else {
      await db.run(`DELETE FROM scored_pool WHERE ${todo('pid')}`);
      await db.run(`INSERT INTO scored_pool ${scored}`);
    }
    if (cap === null) return;
    // What the cap's exactness test needs: a score every pruned pair of the position stays below, the greater
    // of the thresholds of the two steps that prune (NULL when neither pruned).
    const bounds = `
      SELECT p.pid, ${prune ? `NULLIF(greatest(COALESCE(s.sure, -1), COALESCE(CASE WHEN len(t.top) >= d.depth THEN t.top[d.depth] END, -1)), -1)` : 'NULL::DOUBLE'} AS bound
      FROM pool_positions p JOIN pool_depth d USING (pid) LEFT JOIN pool_sure s USING (pid) LEFT JOIN pool_top t USING (pid)
      WHERE ${todo('p.pid')}`;
    if (!some) await db.run(`CREATE OR REPLACE TEMP TABLE pool_bounds AS ${bounds}`);
    else {
      await db.run(`DELETE FROM pool_bounds WHERE ${todo('pid')}`);
      await db.run(`INSERT INTO pool_bounds ${bounds}`);
    }
  };
  const rankSlates = (excluding: boolean) => db.run(`CREATE OR REPLACE TEMP TABLE slate AS
    SELECT *, ${readinessSql(s)} AS readiness FROM (
      SELECT *, row_number() OVER (PARTITION BY pid ORDER BY score DESC, eid) AS rank FROM scored_pool ${excluding ? 'ANTI JOIN slate_exclusions USING (pid, eid)' : ''}
    ) WHERE rank <= ${s.slate_size}`);
  if (cap === null) {
    await depthOf(s.slate_size);
    await scorePool(s.slate_size);
    await rankSlates(false);
  } else {
    // The cap: everyone over it keeps the slates where they rank best (then score, then position) and is left
    // off the others, which are ranked again without them, until nobody is over it. The pool is scored
    // deeper than the slates so that those left off are replaced from it. The result is exact when every
    // position keeps a full slate of pairs at or above the score its pruned pairs stay below; otherwise the
    // pools of the positions short of one are scored twice as deep and the cap applied again from the start.
    await db.run(`CREATE OR REPLACE TEMP TABLE slate_exclusions (pid INTEGER, eid INTEGER)`);
    await depthOf(2 * s.slate_size);
    for (let depth = 2 * s.slate_size; ; ) {
      await scorePool(depth);
      await db.run(`DELETE FROM slate_exclusions`);
      const left = capExclusions(await db.all<PoolPair>(`SELECT pid, eid, score FROM scored_pool`), s.slate_size, cap);
      for (let i = 0; i < left.length; i += 10_000) {
        await db.run(`INSERT INTO slate_exclusions VALUES ${left.slice(i, i + 10_000).map((x) => `(${x.pid}, ${x.eid})`).join(', ')}`);
      }
      await rankSlates(true);
      // Only the positions short of a full exact slate are scored again, deeper.
      await db.run(`CREATE OR REPLACE TEMP TABLE pool_todo AS
        SELECT b.pid FROM pool_bounds b
        WHERE b.bound IS NOT NULL AND (SELECT count(*) FROM scored_pool c ANTI JOIN slate_exclusions x USING (pid, eid) WHERE c.pid = b.pid AND c.score >= b.bound) < ${s.slate_size}`);
      const short = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM pool_todo`)).n;
      if (short === 0) break;
      await db.run(`UPDATE pool_depth SET depth = depth * 2 WHERE pid IN (SELECT pid FROM pool_todo)`);
      depth = (await db.one<{ d: number }>(`SELECT max(depth)::INTEGER AS d FROM pool_depth`)).d;
      some = true;
    }
  }
  if (cap !== null) {
    await db.run(`INSERT INTO succession_capped
      SELECT p.position_id, e.employee_id FROM slate_exclusions x JOIN pool_positions p USING (pid) JOIN pool_people e USING (eid) ORDER BY 1, 2`);
  }
  const n = await db.run(`INSERT INTO succession_candidates
    WITH named_slate AS (
      SELECT p.position_id, e.employee_id, rank, score, readiness, performance, potential, skill_fit, experience, aspiration, grade_gap, reach, reach_fit
      FROM slate r JOIN (SELECT pid, position_id FROM pool_positions) p USING (pid) JOIN (SELECT eid, employee_id FROM pool_people) e USING (eid)
    )
    SELECT * EXCLUDE (reach, reach_fit), count(*) OVER (PARTITION BY employee_id)::INTEGER AS slates,
      (SELECT min(k.position_id) FROM key_positions k WHERE k.incumbent_id = named_slate.employee_id) AS holds_position, reach, reach_fit
    FROM named_slate ORDER BY position_id, rank`);
  await storeSlateFacts(ctx);
  return n;
}

/** What scoring derives from the stored slates: each component's points, each position's status and emergency cover, each candidate's next step. */
export async function storeSlateFacts(ctx: StageContext): Promise<void> {
  await storeComponents(ctx);
  await storeSuccessionStatus(ctx);
  await storeEmergencyCovers(ctx);
  await storeNextSteps(ctx);
}

/**
 * emergency_covers: per position, the best ready-now candidate, else the best acting one (at most one grade
 * below the incumbent; an unknown gap does not qualify), preferring people who hold no key position: moving
 * someone out of another key seat covers one vacancy by opening another.
 */
export async function storeEmergencyCovers(ctx: StageContext): Promise<void> {
  await ctx.db.run(`INSERT INTO emergency_covers
    SELECT position_id, employee_id, rank, basis, holds_position FROM (
      SELECT *, CASE WHEN readiness = 'ready_now' THEN 'ready_now' WHEN grade_gap IS NOT NULL AND grade_gap <= 1 THEN 'acting' END AS basis
      FROM succession_candidates)
    WHERE basis IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY position_id ORDER BY holds_position IS NOT NULL, basis = 'acting', rank) = 1
    ORDER BY position_id`);
}

/** succession_components from succession_candidates: each component's weight, value and points, once. */
async function storeComponents(ctx: StageContext): Promise<void> {
  const s = ctx.config.scoring.succession;
  const f = successionFormula(s);
  await ctx.db.run(`INSERT INTO succession_components
    SELECT position_id, employee_id, component, weight, value, points FROM (
      ${COMPONENTS.map((c, i) => `SELECT position_id, employee_id, rank, ${i} AS k, ${lit(c)} AS component, ${s.weights[c]}::DOUBLE AS weight, ${c} AS value, ${f.points(c, c)} AS points FROM succession_candidates`).join('\n      UNION ALL ')}
    ) ORDER BY position_id, rank, k`);
}
