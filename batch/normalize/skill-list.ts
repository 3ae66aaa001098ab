import type { z } from 'zod';
import type { SkillListSource } from '../../schemas/config.ts';
import { lit } from '../db.ts';
import type { StageContext } from '../context.ts';
import type { RawTable } from '../ingest/load-source.ts';
import { rejecterFor } from '../rejects.ts';
import { levelScale } from './skill-matrix.ts';
import type { SkillVocabulary } from './skill-vocabulary.ts';
import { recordUnmatchedSkills, unmatchedReason } from './unmatched-skills.ts';
import { cleanedColumns, dateExpr, dropWhere, mapValues, scaleExpr } from './sql-expressions.ts';

type Source = z.infer<typeof SkillListSource>;

const COLUMN_KEYS = ['employee_id', 'skill', 'level', 'category', 'assessor_id', 'assessed_on', 'source'] as const;
const SOURCES = ['self', 'manager', 'certified'];

/**
 * A long skill list (a row per person and skill) into skill_assessments, every row kept with its date and
 * assessor, and employee_skills, the newest of each person, skill and source. A row that cannot be an
 * assessment (unknown person, a level outside the scale) is rejected; an unreadable date or source is cleared
 * and the source's default used. A skill name the vocabulary does not know becomes a company skill, or with
 * `unknown_skills: reject` rejects its rows.
 */
export async function normalizeSkillList(ctx: StageContext, raw: RawTable, source: Source, vocabulary: SkillVocabulary): Promise<number> {
  const { db, runId } = ctx;
  const c = source.columns;
  const scale = levelScale(source);
  const level = scaleExpr('level_raw', scale.map, { normalize: false, numeric: { min: 0, max: source.level_max, integer: true } });
  // Skill names are few: resolved in JavaScript with the matcher's folding, joined back as a table.
  const names = await db.all<{ skill: string; first_line: number; occurrences: number; category: string | null }>(
    `SELECT skill, min(line)::INTEGER AS first_line, count(*)::INTEGER AS occurrences, mode(category ORDER BY line) AS category
     FROM ${cleanedColumns(raw.table, COLUMN_KEYS, c)} WHERE skill IS NOT NULL GROUP BY skill ORDER BY skill`,
  );
  const known = names.map((n) => [n.skill, vocabulary.lookup(n.skill)] as const);
  const unmatched = await recordUnmatchedSkills(db, raw.sourceFile, vocabulary,
    names.filter((n, i) => known[i]![1] === null).map((n) => ({ name: n.skill, column: c.skill, firstLine: n.first_line, occurrences: n.occurrences, category: c.category ? n.category : null })));
  await db.run(`CREATE TEMP TABLE list_skills (skill VARCHAR, skill_id VARCHAR)`);
  const resolved = known.map(([s, id]) => [s, id ?? unmatched.get(s) ?? null] as const).filter(([, id]) => id !== null);
  if (resolved.length) await db.run(`INSERT INTO list_skills VALUES ${resolved.map(([s, id]) => `(${lit(s)}, ${lit(id!)})`).join(', ')}`);
  const defaultOn = source.assessed_on ? `DATE ${lit(source.assessed_on)}` : 'NULL::DATE';
  await db.run(`CREATE TEMP TABLE list_stage AS
    SELECT l.*, k.skill_id, ${level.value}::INTEGER AS level, ${level.known} AS level_known, true AS keep
    FROM (SELECT line, employee_id, skill, level AS level_raw, category, assessor_id, assessed_on AS assessed_on_raw,
            ${dateExpr('assessed_on', source.date_formats)} AS assessed_on, ${mapValues('source', source.values.source)} AS source_raw
          FROM ${cleanedColumns(raw.table, COLUMN_KEYS, c)}) l
    LEFT JOIN list_skills k USING (skill)
    ORDER BY line`);
  const reject = rejecterFor(db, runId, raw.sourceFile);
  await reject(c.employee_id, 'row_rejected', `SELECT line, employee_id AS value, CASE WHEN employee_id IS NULL THEN 'employee id is empty' ELSE 'employee is not in the employee list' END AS reason
    FROM list_stage WHERE employee_id IS NULL OR employee_id NOT IN (SELECT employee_id FROM employees)`);
  await db.run(dropWhere('list_stage', `employee_id IS NULL OR employee_id NOT IN (SELECT employee_id FROM employees)`));
  await reject(c.skill, 'row_rejected', `SELECT line, skill AS value, CASE WHEN skill IS NULL THEN 'skill is empty' ELSE reason END AS reason
    FROM list_stage LEFT JOIN (VALUES ${[...unmatched.keys(), ''].map((n) => `(${lit(n)}, ${lit(unmatchedReason(n, vocabulary))})`).join(', ')}) r(name, reason) ON r.name = skill
    WHERE keep AND skill_id IS NULL`);
  await db.run(dropWhere('list_stage', 'skill_id IS NULL'));
  await reject(c.level, 'row_rejected', `SELECT line, level_raw AS value, ${lit(`not a level: ${scale.text}`)} AS reason FROM list_stage WHERE keep AND (NOT level_known OR level IS NULL)`);
  await db.run(dropWhere('list_stage', 'NOT level_known OR level IS NULL'));
  if (c.assessed_on) {
    await reject(c.assessed_on, 'value_cleared', `SELECT line, assessed_on_raw AS value, 'not a valid date in the styles ${source.date_formats.join(', ').replaceAll("'", "''")}' AS reason
      FROM list_stage WHERE keep AND assessed_on_raw IS NOT NULL AND assessed_on IS NULL`);
  }
  if (c.source) {
    await reject(c.source, 'value_cleared', `SELECT line, source_raw AS value, 'source is not one of ${SOURCES.join('/')} after mapping (values.source); read as ${source.source}' AS reason
      FROM list_stage WHERE keep AND source_raw IS NOT NULL AND source_raw NOT IN (${SOURCES.map(lit).join(', ')})`);
  }
  // The newest assessment of a person, skill and source is current; a later line breaks a tie of dates.
  await db.run(`INSERT INTO skill_assessments
    SELECT employee_id, skill_id, level, src, category, assessor_id, on_date,
      row_number() OVER (PARTITION BY employee_id, skill_id, src ORDER BY on_date DESC NULLS LAST, line DESC) = 1,
      ${lit(`${raw.sourceFile}:`)} || line
    FROM (SELECT *, CASE WHEN source_raw IN (${SOURCES.map(lit).join(', ')}) THEN source_raw ELSE ${lit(source.source)} END AS src,
            COALESCE(assessed_on, ${defaultOn}) AS on_date
          FROM list_stage WHERE keep)
    ORDER BY employee_id, skill_id, src, on_date, line`);
  const n = await db.run(`INSERT INTO employee_skills
    SELECT employee_id, skill_id, level, source, NULL, 1.0, assessed_on, origin, NULL, NULL
    FROM skill_assessments WHERE current AND starts_with(origin, ${lit(`${raw.sourceFile}:`)})`);
  await db.run(`DROP TABLE list_stage; DROP TABLE list_skills`);
  return n;
}

