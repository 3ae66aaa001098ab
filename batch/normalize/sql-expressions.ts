import { ident, lit } from '../db.ts';

/**
 * Pure builders of SQL expressions for the mappings of the config. They are unit-tested by running them
 * in an in-memory DuckDB, and used set-based over whole tables (no per-row round trips).
 */

const BLANKS = ` \t\r\n\u3000`;

/** A column as clean text: trimmed (ASCII and ideographic spaces), empty → NULL. */
export function cleanText(column: string): string {
  return `NULLIF(trim(${ident(column)}, ${lit(BLANKS)}), '')`;
}

/** A mapped column as clean text, or a typed NULL when the mapping leaves the field out. */
export function optionalText(column: string | undefined): string {
  return column ? cleanText(column) : 'NULL::VARCHAR';
}

/** Full-width digits and separators (令和３年４月１日, ２０２４／４／１) folded to ASCII before parsing. */
export function foldDigits(expr: string): string {
  return `translate(${expr}, '０１２３４５６７８９／－．：　', '0123456789/-.: ')`;
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
 * `known` is true when the raw value is in the scale (or, with `numeric`, a number within it).
 */
export function scaleExpr(expr: string, scale: Record<string, number | null>, opts: { normalize: boolean; numeric: boolean }): { value: string; known: string } {
  const numbers = Object.values(scale).filter((v): v is number => v !== null);
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const entries = Object.entries(scale).filter(([k]) => k.trim() !== '');
  const whens = entries.map(([k, v]) => `WHEN ${lit(k.trim())} THEN ${v === null ? 'NULL' : v}`).join(' ');
  const keys = entries.map(([k]) => lit(k.trim())).join(', ');
  const asNumber = `TRY_CAST(${foldDigits(expr)} AS DOUBLE)`;
  const raw = opts.numeric
    ? `(CASE ${expr} ${whens} ELSE CASE WHEN ${asNumber} BETWEEN ${min} AND ${max} THEN ${asNumber} END END)`
    : `(CASE ${expr} ${whens} END)`;
  const value = opts.normalize && max > min ? `((${raw} - ${min}) / ${max - min})` : raw;
  const inScale = keys ? `${expr} IN (${keys})` : 'false';
  // CASE, not OR: the number parse only runs on values outside the scale (an OR evaluates both sides for
  // every row, and parsing a million ◎ as numbers costs seconds).
  const known = opts.numeric ? `(CASE WHEN ${inScale} THEN true ELSE COALESCE(${asNumber} BETWEEN ${min} AND ${max}, false) END)` : `COALESCE(${inScale}, false)`;
  return { value, known };
}

/**
 * A date in any of the configured styles: strptime patterns (%Y/%m/%d accepts 2019/4/1 too) and
 * `wareki` (令和6年4月1日, R6.4.1, 平成31年4月30日, 令和元年5月1日). NULL when no style reads it or the date
 * does not exist (2023/2/30, 令和0年, 平成32年).
 */
export function dateExpr(expr: string, formats: string[]): string {
  const folded = foldDigits(expr);
  const patterns = formats.filter((f) => f !== 'wareki');
  const parts: string[] = [];
  if (patterns.length > 0) parts.push(`CAST(try_strptime(${folded}, [${patterns.map(lit).join(', ')}]) AS DATE)`);
  if (formats.includes('wareki')) parts.push(`wareki_date(${folded})`);
  return parts.length === 1 ? parts[0]! : `COALESCE(${parts.join(', ')})`;
}

const WAREKI = String.raw`^(令和|平成|昭和|大正|R|H|S|T)\s*(\d{1,2}|元)\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?$`;

/** Each era: first year minus one, and the dates it covers (a date outside its era does not exist). */
const ERAS: Array<{ names: string[]; base: number; from: string; to: string }> = [
  { names: ['令和', 'R'], base: 2018, from: '2019-05-01', to: '9999-12-31' },
  { names: ['平成', 'H'], base: 1988, from: '1989-01-08', to: '2019-04-30' },
  { names: ['昭和', 'S'], base: 1925, from: '1926-12-25', to: '1989-01-07' },
  { names: ['大正', 'T'], base: 1911, from: '1912-07-30', to: '1926-12-25' },
];

/** The DuckDB macro behind `wareki`: created once per database. */
export function warekiMacroSql(): string {
  const era = `regexp_extract(s, ${lit(WAREKI)}, 1)`;
  const yearText = `regexp_extract(s, ${lit(WAREKI)}, 2)`;
  const year = `(CASE WHEN ${yearText} = '元' THEN 1 ELSE TRY_CAST(${yearText} AS INTEGER) END)`;
  const base = `(CASE ${ERAS.flatMap((e) => e.names.map((n) => `WHEN ${era} = ${lit(n)} THEN ${e.base}`)).join(' ')} END)`;
  const date = `try(make_date(${base} + ${year}, TRY_CAST(regexp_extract(s, ${lit(WAREKI)}, 3) AS INTEGER), TRY_CAST(regexp_extract(s, ${lit(WAREKI)}, 4) AS INTEGER)))`;
  const inEra = ERAS.map((e) => `(${e.names.map((n) => `${era} = ${lit(n)}`).join(' OR ')}) AND ${date} BETWEEN DATE ${lit(e.from)} AND DATE ${lit(e.to)}`).join(' OR ');
  return `CREATE OR REPLACE MACRO wareki_date(s) AS (
    CASE WHEN regexp_matches(s, ${lit(WAREKI)}) AND ${year} >= 1 AND (${inEra}) THEN ${date} END
  )`;
}
