import type { Quality } from '../../schemas/artifacts.ts';
import type { StageContext } from '../context.ts';
import { compareText } from './compare.ts';
import { inWindowSql, windowStartSql } from './dates.ts';
import { isSuppressed, treeSuppression } from './privacy.ts';
import { publishedUnits, unitTree } from './units.ts';
import { rejectReasonText } from './reject-reasons.ts';

export interface SourceStats {
  source_file: string;
  kind: string;
  rows: number;
  loaded: number;
  rejected: number;
}

/** quality.json: rejects, per-source counts, evaluation-comment quality by department, the AI stage and the stale-data checks. */
export async function buildQuality(ctx: StageContext, sources: SourceStats[], ai: Quality['ai']): Promise<Quality> {
  const { db, config } = ctx;
  const k = config.privacy.min_group_size;
  const quality = await db.all<{ department_id: string; comments: number; people: number; mean_score: number; s: number; e: number; f: number }>(`
    SELECT u.department_id, count(*)::INTEGER AS comments, count(DISTINCT q.employee_id)::INTEGER AS people,
      round(avg(q.score), 1) AS mean_score, round(avg(q.specific::INTEGER), 4) AS s, round(avg(q.evidence_based::INTEGER), 4) AS e, round(avg(q.forward_looking::INTEGER), 4) AS f
    FROM comment_quality q JOIN pub_unit_people u USING (employee_id) GROUP BY u.department_id`);
  const byUnit = new Map(quality.map((q) => [q.department_id, q]));
  const units = (await publishedUnits(ctx)).filter((u) => byUnit.has(u.department_id));
  // Several periods of the same few people are still those few people: both counts must reach k. The
  // company's own figures are not published, so only the units' parents constrain each other.
  const hidden = treeSuppression(
    unitTree(units, (u) => byUnit.get(u.department_id)!.people),
    k,
    quality.filter((q) => isSuppressed(q.comments, k) || isSuppressed(q.people, k)).map((q) => q.department_id),
    { size: 0, shown: false },
  );
  const commentQuality = units.map((u) => {
    const q = byUnit.get(u.department_id)!;
    const shown = !hidden.has(u.department_id);
    return {
      department_id: u.department_id,
      name: u.name,
      parent_id: u.parent_id,
      depth: u.depth,
      division_id: u.division_id,
      comments: shown ? q.comments : null,
      mean_score: shown ? q.mean_score : null,
      share_specific: shown ? q.s : null,
      share_evidence_based: shown ? q.e : null,
      share_forward_looking: shown ? q.f : null,
    };
  });
  const byFile = await db.all<{ source_file: string; reason: string; count: number }>(`
    SELECT source_file, regexp_replace(reason, '\\(first at line \\d+\\)', '(…)') AS reason, count(*)::INTEGER AS count FROM rejects GROUP BY ALL ORDER BY source_file, count DESC, reason`);
  const examples = await db.all<{ source_file: string; line: number; column: string | null; reason: string }>(`SELECT source_file, line, "column", reason FROM rejects ORDER BY source_file, line, "column" NULLS FIRST, reason LIMIT 200`);
  const total = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM rejects`);
  return {
    rejects_total: total.n,
    by_file_reason: byFile.map((r) => ({ ...r, reason: rejectReasonText(r.reason) })),
    examples: examples.map((e) => ({ ...e, reason: rejectReasonText(e.reason) })),
    sources: [...sources].sort((a, b) => compareText(a.source_file, b.source_file) || compareText(a.kind, b.kind)),
    comment_quality: commentQuality,
    ai,
    checks: await qualityChecks(ctx),
  };
}

/**
 * Stale or missing records, each a count out of a total: active people for the person checks, key
 * positions for the position checks. Windows are "the last N months before as_of", both ends included.
 */
export async function qualityChecks(ctx: StageContext): Promise<Quality['checks']> {
  const { db, config, asOf } = ctx;
  const stale = config.quality.stale_skill_months;
  const window = config.retention.window_months;
  const r = await db.one<Record<string, number>>(`
    WITH people AS (SELECT e.* FROM employees e JOIN pub_people USING (employee_id)),
    latest_period AS (SELECT max(period) AS period FROM evaluations),
    evaluated AS (SELECT DISTINCT employee_id FROM evaluations WHERE period = (SELECT period FROM latest_period)),
    assessed AS (SELECT employee_id, max(assessed_on) AS assessed_on FROM assessed_levels GROUP BY employee_id),
    interviewed AS (SELECT DISTINCT employee_id FROM interviews WHERE ${inWindowSql('held_on', asOf, window)})
    SELECT
      (SELECT count(*) FROM people)::INTEGER AS people,
      (SELECT count(*) FROM people WHERE employee_id NOT IN (SELECT employee_id FROM evaluated))::INTEGER AS no_evaluation_latest_period,
      (SELECT count(*) FROM people WHERE employee_id NOT IN (SELECT employee_id FROM assessed))::INTEGER AS no_skill_assessment,
      (SELECT count(*) FROM people JOIN assessed USING (employee_id) WHERE assessed.assessed_on < ${windowStartSql(asOf, stale)})::INTEGER AS skill_assessment_stale,
      (SELECT count(*) FROM people WHERE employee_id NOT IN (SELECT employee_id FROM interviewed))::INTEGER AS no_interview_in_window,
      (SELECT count(*) FROM people WHERE manager_id IS NULL)::INTEGER AS no_manager,
      (SELECT count(*) FROM people WHERE hire_date IS NULL)::INTEGER AS no_hire_date,
      (SELECT count(*) FROM key_positions)::INTEGER AS positions,
      (SELECT count(*) FROM key_positions WHERE incumbent_id IS NULL)::INTEGER AS position_vacant_or_unknown,
      (SELECT count(*) FROM key_positions WHERE position_id NOT IN (SELECT position_id FROM key_position_skills))::INTEGER AS position_without_required_skills`);
  const people = r.people!;
  const positions = r.positions!;
  const check = (name: string, total: number, months: number | null = null) => ({ check: name, count: r[name]!, total, months });
  return [
    check('no_evaluation_latest_period', people),
    check('no_skill_assessment', people),
    check('skill_assessment_stale', people, stale),
    check('no_interview_in_window', people, window),
    check('no_manager', people),
    check('no_hire_date', people),
    check('position_vacant_or_unknown', positions),
    check('position_without_required_skills', positions),
  ];
}
