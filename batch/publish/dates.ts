import { lit } from '../db.ts';
import { foldDigits } from '../normalize/sql-expressions.ts';

/**
 * Dates the publisher reads or compares: expected vacancies written by hand, and the "last N months" windows
 * of the interview cycle, retention and data quality.
 */

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
 * The first day of the window "the last N months before as_of": a date d is in it when
 * windowStart ≤ d ≤ as_of (as_of 2026-10-01, 6 months → from 2026-04-01, both ends included).
 */
export function windowStartSql(asOf: string, months: number): string {
  return `CAST(DATE ${lit(asOf)} - INTERVAL ${Math.trunc(months)} MONTH AS DATE)`;
}

/** `d` within the last N months before as_of, both ends included. */
export function inWindowSql(column: string, asOf: string, months: number): string {
  return `(${column} BETWEEN ${windowStartSql(asOf, months)} AND DATE ${lit(asOf)})`;
}

/** An ISO date plus N months, the day clamped to the month's end (2026-08-31 + 6 → 2027-02-28), as DuckDB does. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole days from one ISO date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
