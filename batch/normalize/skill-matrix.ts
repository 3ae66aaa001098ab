import type { z } from 'zod';
import type { Config, SkillMatrixSource } from '../../schemas/config.ts';
import { ident, lit } from '../db.ts';
import type { StageContext } from '../context.ts';
import type { RawTable } from '../ingest/load-source.ts';
import { rejecterFor, type RejectSink } from '../rejects.ts';
import { CliError, EXIT } from '../errors.ts';
import { companySkillId, type SkillVocabulary } from './skill-vocabulary.ts';
import { recordUnmatchedSkills, unmatchedReason } from './unmatched-skills.ts';
import { cleanText, sameLine, scaleExpr, trimBlanks } from './sql-expressions.ts';

type Source = z.infer<typeof SkillMatrixSource>;

/** The highest skill level of the company: the largest level_max of its skill sources, at least 4. */
export function levelMaxOf(config: Config): number {
  return Math.max(4, ...config.sources.map((s) => (s.kind === 'skill_matrix' || s.kind === 'skill_list' ? s.level_max : 0)));
}

/** The symbols customary on a 0–4 skill map, used when a matrix with level_max 4 gives no scale. */
const CUSTOMARY_SYMBOLS: Record<string, number | null> = { '◎': 4, '○': 3, '〇': 3, '△': 2, '×': 0 };

/** The scale in force for a source reading skill levels, and how to say it in a message. */
export function levelScale(source: { scale?: Record<string, number | null> | undefined; level_max: number }): { map: Record<string, number | null>; text: string } {
  const map = source.scale ?? { ...(source.level_max === 4 ? CUSTOMARY_SYMBOLS : {}), '-': null, '': null };
  const levels = Object.entries(map).filter(([k, v]) => k.trim() && v !== null).map(([k, v]) => `${k}=${v}`);
  const blanks = Object.entries(map).filter(([k, v]) => k.trim() && v === null).map(([k]) => k);
  const text = `the scale is ${levels.length ? `${levels.join(' ')} and ` : ''}the whole numbers 0–${source.level_max}${blanks.length ? ` (${blanks.join(' ')} and blank: not assessed)` : ''}`;
  return { map, text };
}

/** Which header is which taxonomy skill; the others (neither the id nor ignored) are returned as unknown. */
export function mapMatrixHeaders(headers: string[], source: Source, vocabulary: SkillVocabulary): { mapped: Array<[header: string, skillId: string]>; unknown: string[] } {
  const skip = new Set([source.employee_id_column, ...source.ignore_columns]);
  const mapped: Array<[string, string]> = [];
  const unknown: string[] = [];
  for (const h of headers) {
    if (skip.has(h)) continue;
    const id = vocabulary.lookup(h, source.skill_columns);
    if (id) mapped.push([h, id]);
    else unknown.push(h);
  }
  return { mapped, unknown };
}

/** A long skill list has a column naming the skill and one giving its level. */
function looksLikeSkillList(headers: string[]): boolean {
  const has = (words: string[]) => headers.some((h) => words.some((w) => h.toLowerCase().includes(w)));
  return has(['スキル名', 'スキル', 'skill', '資格']) && has(['レベル', 'level', '習熟', '評価']);
}

/**
 * A wide skill map (one column per skill, ◎○△× or digits) unpivoted into employee_skills in SQL.
 * Unknown people reject their row; an unknown symbol clears that one cell. A header the vocabulary does not
 * know is, with `unknown_skills: add`, a company skill when most of its filled cells are levels of the
 * scale; otherwise (a name, a remark, a grade column) it is reported once and its cells are not loaded.
 */
export async function normalizeSkillMatrix(ctx: StageContext, raw: RawTable, source: Source, vocabulary: SkillVocabulary, sink: RejectSink): Promise<{ rows: number; skills: number }> {
  const { db, runId, asOf } = ctx;
  const { mapped, unknown } = mapMatrixHeaders(raw.headers, source, vocabulary);
  if (mapped.length === 0 && (vocabulary.unknownSkills === 'reject' || looksLikeSkillList(raw.headers))) {
    throw new CliError(
      `${raw.sourceFile}: none of the ${unknown.length} headers is a skill of the taxonomy (${unknown.slice(0, 6).join(', ')}${unknown.length > 6 ? ', …' : ''}), so nothing would load.` +
        (looksLikeSkillList(raw.headers) ? ' It looks like a long skill list (a row per person and skill): map it as kind: skill_list with columns employee_id, skill and level.' : ' Map the headers in skill_aliases or skill_columns, or list the non-skill ones in ignore_columns.'),
      EXIT.input,
    );
  }
  const candidates = vocabulary.unknownSkills === 'add' ? unknown : [];
  if (vocabulary.unknownSkills === 'reject' && unknown.length) {
    for (const h of unknown) sink.add({ source_file: raw.sourceFile, line: source.header_line, column: h, value: h, reason: `${unmatchedReason(h, vocabulary)}: the column's cells were not loaded (map it in skill_aliases, or list it in ignore_columns)`, action: 'value_cleared' });
    sink.flush();
    const filled = await db.one<Record<string, number>>(`SELECT ${unknown.map((h, i) => `count(NULLIF(${trimBlanks(ident(h))}, ''))::INTEGER AS c${i}`).join(', ')} FROM ${ident(raw.table)}`);
    await recordUnmatchedSkills(db, raw.sourceFile, vocabulary, unknown.map((h, i) => ({ name: h, column: h, firstLine: source.header_line, occurrences: filled[`c${i}`]!, category: null })));
  }
  const columns: Array<[header: string, skillId: string]> = [...mapped, ...candidates.map((h) => [h, companySkillId(h)] as [string, string])];
  const id = cleanText(source.employee_id_column);
  const scale = levelScale(source);
  const cell = scaleExpr('cell', scale.map, { normalize: false, numeric: { min: 0, max: source.level_max, integer: true } });
  await db.run(`CREATE TEMP TABLE matrix_columns (header VARCHAR, skill_id VARCHAR, company BOOLEAN)`);
  await db.run(`INSERT INTO matrix_columns VALUES ${columns.map(([h, s], i) => `(${lit(h)}, ${lit(s)}, ${i >= mapped.length})`).join(', ')}`);
  await db.run(`CREATE TEMP TABLE matrix_rows AS
    SELECT *, employee_id IS NOT NULL AND line = first_line AND employee_id IN (SELECT employee_id FROM employees) AS keep
    FROM (SELECT __line AS line, ${id} AS employee_id, min(__line) OVER (PARTITION BY ${id}) AS first_line FROM ${ident(raw.table)})
    ORDER BY line`);
  const reject = rejecterFor(db, runId, raw.sourceFile);
  await reject(source.employee_id_column, 'row_rejected', `SELECT line, employee_id AS value,
      CASE WHEN employee_id IS NULL THEN 'employee id is empty' WHEN line > first_line THEN 'second row for this employee (first at line ' || first_line || ')' ELSE 'employee is not in the employee list' END AS reason
    FROM matrix_rows WHERE NOT keep`);
  // Only the kept people's cells are unpivoted: their rows are read beside the raw ones (both in file order).
  await db.run(`CREATE TEMP TABLE matrix_cells AS
    SELECT u.line, u.employee_id, u.header, m.skill_id, u.cell, ${cell.value} AS level, ${cell.known} AS known
    FROM (SELECT line, employee_id, header, NULLIF(${trimBlanks('cell')}, '') AS cell
          FROM (UNPIVOT (SELECT ${sameLine('r', 'w')} AS line, r.employee_id, ${columns.map(([h]) => `w.${ident(h)}`).join(', ')}
                         FROM matrix_rows r POSITIONAL JOIN ${ident(raw.table)} w WHERE r.keep)
                ON ${columns.map(([h]) => ident(h)).join(', ')} INTO NAME header VALUE cell)) u
    JOIN matrix_columns m ON m.header = u.header
    WHERE u.cell IS NOT NULL`);
  const companyColumns = candidates.length ? await judgeCompanyColumns(ctx, raw, source, vocabulary, sink) : [];
  if (mapped.length + companyColumns.length === 0) {
    throw new CliError(
      `${raw.sourceFile}: none of the ${unknown.length} headers is a skill: they are not in the taxonomy (${unknown.slice(0, 6).join(', ')}${unknown.length > 6 ? ', …' : ''}) and their cells are not levels (${scale.text}), so nothing would load. Map the headers in skill_aliases or skill_columns, or check level_max and scale.`,
      EXIT.input,
    );
  }
  await db.run(`INSERT INTO rejects SELECT ${lit(runId)}, ${lit(raw.sourceFile)}, line, header, cell,
      ${lit(`not a level: ${scale.text}`)}, 'value_cleared'
    FROM matrix_cells WHERE NOT known ORDER BY line, header`);
  const assessedOn = source.assessed_on ? `DATE ${lit(source.assessed_on)}` : `DATE ${lit(asOf)}`;
  // A skill named by two headers keeps its higher level; when every skill has one header, each cell is already one row.
  const skills = new Set([...mapped.map(([, s]) => s), ...companyColumns]);
  const oneHeaderEach = skills.size === mapped.length + companyColumns.length;
  const rows = await db.run(`INSERT INTO employee_skills
    SELECT employee_id, skill_id, ${oneHeaderEach ? 'level' : 'max(level)'}::INTEGER, ${lit(source.source)}, NULL, 1.0, ${assessedOn}, ${lit(raw.sourceFile + ':')} || ${oneHeaderEach ? 'line' : 'min(line)'}, NULL, NULL
    FROM matrix_cells WHERE known AND level IS NOT NULL${oneHeaderEach ? '' : ' GROUP BY employee_id, skill_id'}`);
  await db.run('DROP TABLE matrix_cells; DROP TABLE matrix_rows; DROP TABLE matrix_columns');
  return { rows, skills: skills.size };
}

/**
 * The unknown headers (unknown_skills: add) whose filled cells are mostly levels become company skills; the
 * others are reported once each and their cells dropped. Returns the company skill ids kept.
 */
async function judgeCompanyColumns(ctx: StageContext, raw: RawTable, source: Source, vocabulary: SkillVocabulary, sink: RejectSink): Promise<string[]> {
  const { db } = ctx;
  const judged = await db.all<{ header: string; filled: number; levels: number }>(
    `SELECT m.header, count(c.cell)::INTEGER AS filled, count(*) FILTER (WHERE c.known)::INTEGER AS levels
     FROM matrix_columns m LEFT JOIN matrix_cells c ON c.header = m.header WHERE m.company GROUP BY m.header ORDER BY m.header`,
  );
  const skills = judged.filter((j) => j.levels * 2 > j.filled);
  for (const j of judged.filter((x) => !skills.includes(x))) {
    sink.add({
      source_file: raw.sourceFile, line: source.header_line, column: j.header, value: j.header,
      reason: j.filled === 0
        ? 'column is not a skill of the taxonomy and has no values: not loaded (map it in skill_aliases, or list it in ignore_columns)'
        : `column is not a skill of the taxonomy and only ${j.levels} of its ${j.filled} filled cells are levels: not read as a skill, its cells were not loaded (map it in skill_aliases if it is one, or list it in ignore_columns)`,
      action: 'value_cleared',
    });
  }
  sink.flush();
  const dropped = judged.filter((x) => !skills.includes(x)).map((j) => lit(j.header));
  if (dropped.length) await db.run(`DELETE FROM matrix_cells WHERE header IN (${dropped.join(', ')})`);
  const ids = await recordUnmatchedSkills(db, raw.sourceFile, vocabulary, skills.map((j) => ({ name: j.header, column: j.header, firstLine: source.header_line, occurrences: j.levels, category: null })));
  return [...ids.values()].filter((v): v is string => v !== null);
}
