import { ERAS } from '../ai/offline/japanese-dates.ts';
import { ident, lit } from '../db.ts';

/**
 * Pure builders of SQL expressions for the mappings of the config. They are unit-tested by running them
 * in an in-memory DuckDB, and used set-based over whole tables (no per-row round trips).
 */

const BLANKS = ` \t\r\n\u3000`;

/**
 * Text trimmed of ASCII and ideographic blanks. The trim only runs on values that start or end with one:
 * DuckDB's trim with a character set decodes every character, which costs a second on a million
 * interview notes, while the byte tests of starts_with / ends_with cost nothing.
 */
export function trimBlanks(expr: string): string {
  const edges = [...BLANKS].map((c) => `starts_with(${expr}, ${lit(c)}) OR ends_with(${expr}, ${lit(c)})`).join(' OR ');
  return `(CASE WHEN ${edges} THEN trim(${expr}, ${lit(BLANKS)}) ELSE ${expr} END)`;
}

/** A column as clean text: trimmed (ASCII and ideographic spaces), empty → NULL. */
export function cleanText(column: string): string {
  return `NULLIF(${trimBlanks(ident(column))}, '')`;
}

/** A mapped column as clean text, or a typed NULL when the mapping leaves the field out. */
export function optionalText(column: string | undefined): string {
  return column ? cleanText(column) : 'NULL::VARCHAR';
}

/**
 * Full-width digits and separators (令和３年４月１日, ２０２４／４／１) folded to ASCII before parsing. Only
 * values with a multi-byte character (more bytes than characters) go through translate, which costs
 * about a second per half a million values even when there is nothing to fold.
 */
export function foldDigits(expr: string): string {
  return `(CASE WHEN strlen(${expr}) = length(${expr}) THEN ${expr} ELSE translate(${expr}, '０１２３４５６７８９／－．：　', '0123456789/-.: ') END)`;
}

/** raw → unified through a value map; values not in the map pass through unchanged. */
export function mapValues(expr: string, map: Record<string, string> | undefined): string {
  const entries = Object.entries(map ?? {});
  if (entries.length === 0) return expr;
  const whens = entries.map(([k, v]) => `WHEN ${lit(k.trim())} THEN ${lit(v)}`).join(' ');
  return `(CASE ${expr} ${whens} ELSE ${expr} END)`;
}

/**
 * A grade or symbol through a scale, normalized to 0–1 by the scale's smallest and largest numbers.
 * `known` is true when the raw value is in the scale, or with `numeric` a number the scale does not name:
 * `true` takes any number between the scale's smallest and largest, a range takes the numbers in it (whole
 * numbers only with `integer`: a skill level of 3.5 is not a level unless the scale names it).
 */
export function scaleExpr(
  expr: string,
  scale: Record<string, number | null>,
  opts: { normalize: boolean; numeric: boolean | { min: number; max: number; integer: boolean } },
): { value: string; known: string } {
  const numbers = Object.values(scale).filter((v): v is number => v !== null);
  const range = typeof opts.numeric === 'object' ? opts.numeric : null;
  const min = Math.min(...numbers, ...(range ? [range.min] : []));
  const max = Math.max(...numbers, ...(range ? [range.max] : []));
  const entries = Object.entries(scale).filter(([k]) => k.trim() !== '');
  const whens = entries.map(([k, v]) => `WHEN ${lit(k.trim())} THEN ${v === null ? 'NULL' : v}`).join(' ');
  const keys = entries.map(([k]) => lit(k.trim())).join(', ');
  const asNumber = `TRY_CAST(${foldDigits(expr)} AS DOUBLE)`;
  const inRange = range
    ? `${asNumber} BETWEEN ${range.min} AND ${range.max}${range.integer ? ` AND ${asNumber} = floor(${asNumber})` : ''}`
    : `${asNumber} BETWEEN ${min} AND ${max}`;
  const raw = opts.numeric ? `(CASE ${expr} ${whens || 'WHEN NULL THEN NULL'} ELSE CASE WHEN ${inRange} THEN ${asNumber} END END)` : `(CASE ${expr} ${whens} END)`;
  const value = opts.normalize && max > min ? `((${raw} - ${min}) / ${max - min})` : raw;
  const inScale = keys ? `${expr} IN (${keys})` : 'false';
  // CASE, not OR: the number parse only runs on values outside the scale (an OR evaluates both sides for
  // every row, and parsing a million ◎ as numbers costs seconds).
  const known = opts.numeric ? `(CASE WHEN ${inScale} THEN true ELSE COALESCE(${inRange}, false) END)` : `COALESCE(${inScale}, false)`;
  return { value, known };
}

/**
 * A date in any of the configured styles: strptime patterns (%Y/%m/%d accepts 2019/4/1 too) and
 * `wareki` (令和6年4月1日, R6.4.1, 平成31年4月30日, 令和元年5月1日). NULL when no style reads it or the date
 * does not exist (2023/2/30, 令和0年, 平成32年). A four-digit-year style (%Y) never reads a two-digit year
 * (24/4/1 is not the year 24): two-digit years are read only by a `%y` style, as 2000–2068 / 1969–1999.
 */
export function dateExpr(expr: string, formats: string[]): string {
  const folded = foldDigits(expr);
  const patterns = formats.filter((f) => f !== 'wareki');
  const parts: string[] = [];
  const parse = (list: string[]) => `CAST(try_strptime(${folded}, [${list.map(lit).join(', ')}]) AS DATE)`;
  const fullYear = (e: string) => `(CASE WHEN ${e} >= DATE '1000-01-01' THEN ${e} END)`;
  if (patterns.some((p) => p.includes('%y'))) {
    // In order, one at a time: a %Y style must not take a value that a later %y style reads right.
    for (const p of patterns) parts.push(p.includes('%Y') ? fullYear(parse([p])) : parse([p]));
  } else if (patterns.length > 0) parts.push(fullYear(parse(patterns)));
  if (formats.includes('wareki')) parts.push(`wareki_date(${folded})`);
  return parts.length === 1 ? parts[0]! : `COALESCE(${parts.join(', ')})`;
}

/**
 * A query that finds a date two strptime styles read differently (01/02/2024 under %m/%d/%Y and
 * %d/%m/%Y): every day of a leap year written in style `a`, read back in style `b`. One row, or none.
 */
export function conflictingStylesSql(a: string, b: string): string {
  const read = `CAST(try_strptime(strftime(d, ${lit(a)}), ${lit(b)}) AS DATE)`;
  return `SELECT strftime(d, ${lit(a)}) AS written, CAST(d AS VARCHAR) AS meant, CAST(other AS VARCHAR) AS read
    FROM (SELECT CAST(t.d AS DATE) AS d, ${read} AS other FROM range(DATE '2024-01-01', DATE '2025-01-01', INTERVAL 1 DAY) t(d))
    WHERE other IS NOT NULL AND other <> d${b.includes('%Y') ? ` AND other >= DATE '1000-01-01'` : ''}
    ORDER BY d LIMIT 1`;
}

const WAREKI = String.raw`^(令和|平成|昭和|大正|R|H|S|T)\s*(\d{1,2}|元)\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?$`;


/**
 * The DuckDB macro behind `wareki`: created once per database. The pattern runs once per value (one
 * regexp_extract into a struct, bound by a one-element lambda): a macro that names its captures one by one
 * repeats the regex a dozen times per value and makes every query that uses it slow to plan.
 */
export function warekiMacroSql(): string {
  const byEra = (pick: (e: (typeof ERAS)[number]) => string) => `CASE p.era ${ERAS.flatMap((e) => e.names.map((n) => `WHEN ${lit(n)} THEN ${pick(e)}`)).join(' ')} END`;
  const year = `(CASE WHEN p.y = '元' THEN 1 ELSE TRY_CAST(p.y AS INTEGER) END)`;
  const date = `try(make_date(${byEra((e) => String(e.base))} + ${year}, TRY_CAST(p.m AS INTEGER), TRY_CAST(p.d AS INTEGER)))`;
  const from = byEra((e) => `DATE ${lit(e.from)}`);
  const to = byEra((e) => `DATE ${lit(e.to)}`);
  return `CREATE OR REPLACE MACRO wareki_date(s) AS (
    list_transform([regexp_extract(s, ${lit(WAREKI)}, ['era', 'y', 'm', 'd'])], p ->
      CASE WHEN p.era <> '' AND ${year} >= 1 AND ${date} BETWEEN ${from} AND ${to} THEN ${date} END)[1]
  )`;
}

const FULL_DATE = String.raw`^\d{4}[/-]\d{1,2}[/-]\d{1,2}$`;
const YEAR_MONTH = String.raw`^\d{4}[/-]\d{1,2}$`;
const KANJI_DATE = String.raw`^\d{4}年\d{1,2}月(\d{1,2}日)?$`;
const WAREKI_MONTH = String.raw`^(令和|平成|R|H)\s*(\d{1,2}|元)\s*年\s*\d{1,2}\s*月$`;

/**
 * The DuckDB macro `vacancy_date(text)`: key_positions.expected_vacancy as a DATE, the first day of the month
 * when only a month is given — 2027-09-30, 2027/9/30, 2027-09, 2027/9, 2027年9月, 令和9年9月, 令和9年9月30日,
 * full-width digits too; NULL when unreadable or not a real date. Needs the `wareki_date` macro
 * (normalize/sql-expressions.ts) in the same database; a TEMP macro, so analysts' files do not keep it.
 */
export function vacancyDateMacroSql(): string {
  const s = foldDigits('trim(s)');
  const strptime = (text: string, pattern: string) => `CAST(try_strptime(${text}, ${lit(pattern)}) AS DATE)`;
  return `CREATE OR REPLACE TEMP MACRO vacancy_date(s) AS (CASE
    WHEN regexp_matches(${s}, ${lit(FULL_DATE)}) THEN ${strptime(`replace(${s}, '-', '/')`, '%Y/%m/%d')}
    WHEN regexp_matches(${s}, ${lit(YEAR_MONTH)}) THEN ${strptime(`replace(${s}, '-', '/') || '/1'`, '%Y/%m/%d')}
    WHEN regexp_matches(${s}, ${lit(KANJI_DATE)}) THEN ${strptime(`CASE WHEN ${s} LIKE '%日' THEN ${s} ELSE ${s} || '1日' END`, '%Y年%m月%d日')}
    WHEN regexp_matches(${s}, ${lit(WAREKI_MONTH)}) THEN wareki_date(${s} || '1日')
    ELSE wareki_date(${s}) END)`;
}

/**
 * The rows of a stage (columns `line` and the key) that repeat an earlier row's key, with `first_line`, the
 * line of the first. A grouped count, not a window over the whole stage: a window sorts every row, while
 * exports rarely repeat a key at all.
 */
export function duplicatesOf(stage: string, key: string[]): string {
  const keys = key.map(ident).join(', ');
  const notNull = key.map((k) => `${ident(k)} IS NOT NULL`).join(' AND ');
  return `SELECT s.*, d.first_line FROM ${ident(stage)} s
    JOIN (SELECT ${keys}, min(line) AS first_line FROM ${ident(stage)} WHERE ${notNull} GROUP BY ${keys} HAVING count(*) > 1) d USING (${keys})
    WHERE s.line > d.first_line`;
}

/**
 * A raw table's mapped columns, each cleaned once (cleanText) under its config key (every key of the
 * source's `columns` schema), a typed NULL when the mapping leaves it out, with the line as `line` and any `extra` expressions over the raw columns. Expressions on top of it name short columns: nested
 * expressions repeating a whole cleanText at every use take DuckDB seconds just to plan.
 */
export function cleanedColumns(table: string, keys: readonly string[], columns: Record<string, string | undefined>, extra: string[] = []): string {
  const cols = keys.map((key) => `${optionalText(columns[key])} AS ${ident(key)}`);
  return `(SELECT __line AS line, ${[...cols, ...extra].join(', ')} FROM ${ident(table)})`;
}

/**
 * Takes rows out of a stage that marks them with `keep` (a stage read beside its raw table must keep every
 * row, in file order). Each row is reported once, for its first fault: `where` only sees rows still kept.
 */
export function dropWhere(stage: string, where: string): string {
  return `UPDATE ${ident(stage)} SET keep = false WHERE keep AND (${where})`;
}

/**
 * The line of a stage row read beside its raw row (POSITIONAL JOIN), failing the statement if the two are
 * not the same record. The stage must be in file order (ORDER BY line: DuckDB keeps the order of a scan,
 * but not across the joins it may plan for an IN list), and this guard makes sure it is.
 */
export function sameLine(stage: string, raw: string): string {
  return `CASE WHEN ${stage}.line = ${raw}.__line THEN ${stage}.line ELSE error('internal error: a stage row is not beside its raw row (line ' || ${stage}.line || ' vs ' || ${raw}.__line || ')') END`;
}
