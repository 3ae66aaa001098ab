import type { z } from 'zod';
import type { KeyPositionsSource } from '../../schemas/config.ts';
import { lit } from '../db.ts';
import type { StageContext } from '../context.ts';
import type { RawTable } from '../ingest/load-source.ts';
import { rejecterFor, type RejectSink } from '../rejects.ts';
import { levelMaxOf } from './skill-matrix.ts';
import type { SkillVocabulary } from './skill-vocabulary.ts';
import { recordUnmatchedSkills, unmatchedReason, type UnmatchedName } from './unmatched-skills.ts';
import { mapValues, optionalText, vacancyDateMacroSql } from './sql-expressions.ts';

type Source = z.infer<typeof KeyPositionsSource>;

export interface RequiredSkill {
  skill_id: string;
  level: number;
}

type RequirementFormat = { item_separator: string; level_separator: string };

/** The items of `PLC制御:3;品質管理:2`: each with its skill label and level as written. */
function requirementItems(text: string, format: RequirementFormat): Array<{ item: string; label: string; levelText: string }> {
  return text.split(format.item_separator).map((s) => s.trim()).filter(Boolean).map((item) => {
    const at = item.lastIndexOf(format.level_separator);
    return {
      item,
      label: (at >= 0 ? item.slice(0, at) : item).trim(),
      levelText: at >= 0 ? item.slice(at + format.level_separator.length).normalize('NFKC').trim() : '',
    };
  });
}

/**
 * Parses `PLC制御:3;品質管理:2` into skills and levels; each unreadable item is returned as a problem.
 * `lookup` gives a label's skill id, or null to reject it with the reason `unknown` gives.
 */
export function parseRequiredSkills(
  text: string,
  format: RequirementFormat,
  lookup: (label: string) => string | null,
  levelMax = Number.POSITIVE_INFINITY,
  unknown: (label: string) => string = (label) => `"${label}" is not a skill of the taxonomy`,
): { skills: RequiredSkill[]; problems: Array<{ item: string; reason: string }> } {
  const skills = new Map<string, number>();
  const problems: Array<{ item: string; reason: string }> = [];
  for (const { item, label, levelText } of requirementItems(text, format)) {
    const level = Number(levelText);
    const id = lookup(label);
    if (!id) problems.push({ item, reason: unknown(label) });
    else if (!/^\d+$/.test(levelText) || level < 1) problems.push({ item, reason: `required level "${levelText}" is not a whole number ≥ 1 (write skill${format.level_separator}level)` });
    else if (level > levelMax) problems.push({ item, reason: `required level ${level} is above the highest skill level (${levelMax})` });
    else skills.set(id, Math.max(level, skills.get(id) ?? 0));
  }
  return { skills: [...skills].map(([skill_id, level]) => ({ skill_id, level })).sort((a, b) => a.skill_id.localeCompare(b.skill_id)), problems };
}

/** key_positions + key_position_skills. An unknown incumbent or department clears that value only. */
export async function normalizeKeyPositions(ctx: StageContext, raw: RawTable, source: Source, vocabulary: SkillVocabulary, sink: RejectSink): Promise<number> {
  const { db, runId } = ctx;
  const c = source.columns;
  await db.run(`CREATE TEMP TABLE kp_stage AS
    SELECT *, row_number() OVER (PARTITION BY position_id ORDER BY line) AS occurrence, min(line) OVER (PARTITION BY position_id) AS first_line
    FROM (SELECT __line AS line, ${optionalText(c.position_id)} AS position_id, ${optionalText(c.title)} AS title, ${optionalText(c.title_en)} AS title_en, ${optionalText(c.department)} AS department,
      ${optionalText(c.incumbent_id)} AS incumbent_id, ${mapValues(optionalText(c.criticality), source.values.criticality)} AS criticality,
      ${optionalText(c.required_skills)} AS required_skills, ${optionalText(c.expected_vacancy)} AS expected_vacancy FROM "${raw.table}")`);
  const reject = rejecterFor(db, runId, raw.sourceFile);
  await reject(c.position_id, 'row_rejected', `SELECT line, position_id AS value, CASE WHEN position_id IS NULL THEN 'position id is empty' ELSE 'duplicate position id (first at line ' || first_line || ')' END AS reason FROM kp_stage WHERE position_id IS NULL OR occurrence > 1`);
  await reject(c.title, 'row_rejected', `SELECT line, NULL AS value, 'title is empty' AS reason FROM kp_stage WHERE position_id IS NOT NULL AND occurrence = 1 AND title IS NULL`);
  await db.run(`DELETE FROM kp_stage WHERE position_id IS NULL OR occurrence > 1 OR title IS NULL`);
  await reject(c.incumbent_id, 'value_cleared', `SELECT line, incumbent_id AS value, 'incumbent is not in the employee list' AS reason FROM kp_stage WHERE incumbent_id IS NOT NULL AND incumbent_id NOT IN (SELECT employee_id FROM employees)`);
  await reject(c.department, 'value_cleared', `SELECT line, department AS value, 'department is not in the employee list''s departments' AS reason FROM kp_stage WHERE department IS NOT NULL AND department NOT IN (SELECT department_id FROM departments)`);
  await reject(c.incumbent_id, 'value_flagged', `SELECT k.line, k.incumbent_id AS value, 'incumbent ' || k.incumbent_id || ' has left (status left): the position is vacant' AS reason
    FROM kp_stage k JOIN employees e ON e.employee_id = k.incumbent_id WHERE e.status = 'left'`);
  if (c.expected_vacancy) {
    await db.run(vacancyDateMacroSql());
    await reject(c.expected_vacancy, 'value_cleared', `SELECT line, expected_vacancy AS value, 'expected vacancy is not a date or a month (write 2027/9, 2027-09-30, 2027年9月 or 令和9年9月)' AS reason
      FROM kp_stage WHERE expected_vacancy IS NOT NULL AND vacancy_date(expected_vacancy) IS NULL`);
    await db.run(`UPDATE kp_stage SET expected_vacancy = NULL WHERE expected_vacancy IS NOT NULL AND vacancy_date(expected_vacancy) IS NULL`);
  }
  const n = await db.run(`INSERT INTO key_positions
    SELECT position_id, title, CASE WHEN department IN (SELECT department_id FROM departments) THEN department END,
      CASE WHEN incumbent_id IN (SELECT employee_id FROM employees) THEN incumbent_id END, criticality, expected_vacancy,
      ${c.expected_vacancy ? 'vacancy_date(expected_vacancy)' : 'NULL::DATE'}, line, ${lit(raw.sourceFile)},
      COALESCE(title_en, ${englishTitles(ctx.config.names_en.positions)})
    FROM kp_stage ORDER BY position_id`);

  if (c.required_skills) {
    // Key positions are about 1% of headcount: reading them into JavaScript is cheap and lets the label
    // matching share the text matcher's folding.
    const rows = await db.all<{ line: number; position_id: string; required_skills: string | null }>(`SELECT line, position_id, required_skills FROM kp_stage ORDER BY line`);
    const unmatched = await recordUnmatchedSkills(db, raw.sourceFile, vocabulary, unmatchedRequirements(rows, source, vocabulary));
    const lookup = (label: string) => vocabulary.lookup(label) ?? unmatched.get(label) ?? null;
    const values: string[] = [];
    const levelMax = levelMaxOf(ctx.config);
    for (const r of rows) {
      if (!r.required_skills) continue;
      const { skills, problems } = parseRequiredSkills(r.required_skills, source.required_skills_format, lookup, levelMax, (label) => unmatchedReason(label, vocabulary));
      for (const p of problems) sink.add({ source_file: raw.sourceFile, line: r.line, column: c.required_skills, value: p.item, reason: p.reason, action: 'value_cleared' });
      for (const s of skills) values.push(`(${lit(r.position_id)}, ${lit(s.skill_id)}, ${s.level})`);
    }
    sink.flush();
    if (values.length > 0) await db.run(`INSERT INTO key_position_skills SELECT * FROM (VALUES ${values.join(', ')}) ORDER BY 1, 2`);
  }
  await db.run('DROP TABLE kp_stage');
  return n;
}

/** The required-skill names the vocabulary does not know, each with its first line and count. */
function unmatchedRequirements(rows: Array<{ line: number; required_skills: string | null }>, source: Source, vocabulary: SkillVocabulary): UnmatchedName[] {
  const found = new Map<string, UnmatchedName>();
  for (const r of rows) {
    for (const { label } of requirementItems(r.required_skills ?? '', source.required_skills_format)) {
      if (!label || vocabulary.lookup(label) !== null) continue;
      const seen = found.get(label);
      if (seen) seen.occurrences++;
      else found.set(label, { name: label, column: source.columns.required_skills!, firstLine: r.line, occurrences: 1, category: null });
    }
  }
  return [...found.values()];
}

/** The config's English titles by position_id, as a SQL expression over kp_stage.position_id. */
function englishTitles(titles: Record<string, string>): string {
  const entries = Object.entries(titles);
  if (entries.length === 0) return 'NULL::VARCHAR';
  return `CASE position_id ${entries.map(([id, en]) => `WHEN ${lit(id)} THEN ${lit(en)}`).join(' ')} END`;
}
