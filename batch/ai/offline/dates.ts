/**
 * Calendar arithmetic on `YYYY-MM-DD` strings for the offline AI tasks. Pure: no clock, no time zone (every
 * computation is on UTC midnights), so the same input gives the same date on any machine and any night.
 */

export interface Ymd {
  y: number;
  m: number; // 1–12
  d: number; // 1–31
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True when y-m-d is a real calendar date (2026-02-29 is not). */
export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `2026-10-01` → {y, m, d}; throws on anything that is not a real date (inputs are schema-checked). */
export function parseIso(iso: string): Ymd {
  const hit = ISO.exec(iso);
  if (hit === null) throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  const ymd = { y: Number(hit[1]), m: Number(hit[2]), d: Number(hit[3]) };
  if (!isValidYmd(ymd.y, ymd.m, ymd.d)) throw new Error(`not a calendar date: ${iso}`);
  return ymd;
}

export function formatIso({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(iso: string, days: number): string {
  const { y, m, d } = parseIso(iso);
  const t = new Date(Date.UTC(y, m - 1, d) + days * DAY_MS);
  return formatIso({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

/** Calendar months later; a day the target month lacks is clamped to its last day (08-31 + 6 → 02-28/29). */
export function addMonths(iso: string, months: number): string {
  const { y, m, d } = parseIso(iso);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return formatIso({ y: ty, m: tm, d: Math.min(d, daysInMonth(ty, tm)) });
}

/** The last day of the month `months` after the month of `iso` (0: its own month). */
export function endOfMonth(iso: string, months = 0): string {
  const { y, m } = parseIso(iso);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return formatIso({ y: ty, m: tm, d: daysInMonth(ty, tm) });
}

/** ISO strings compare correctly as strings; this just names the intent. */
export function isBefore(a: string, b: string): boolean {
  return a < b;
}
