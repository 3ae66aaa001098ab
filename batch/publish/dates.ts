import { lit } from '../db.ts';

/**
 * Dates the publisher compares: the "last N months" windows of the interview cycle, retention and data quality
 * (expected vacancies are read by normalize's vacancy_date macro, in sql-expressions.ts).
 */

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
export { addMonths } from '../ai/offline/japanese-dates.ts';

/** Whole days from one ISO date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
