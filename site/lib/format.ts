/**
 * Formatting of numbers, dates and enum values for display. Pure functions of their input: no clock, no
 * locale from the environment (always ja-JP), so the same artifacts give the same HTML.
 */
import type { ComponentName, Readiness, KeyPosition } from '../../schemas/artifacts.ts';
import { t } from './labels.ts';

const LOCALE = 'ja-JP';
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const upToTwoDecimals = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const percent0 = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 0 });
const percent1 = new Intl.NumberFormat(LOCALE, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 1234 → "1,234". */
export function formatInt(n: number): string {
  return integer.format(n);
}

/** A 0–100 score or points: 78.456 → "78.5". */
export function formatScore(n: number): string {
  return oneDecimal.format(n);
}

/** A weight, band limit or level: 0.25 → "0.25", 3 → "3". */
export function formatDecimal(n: number): string {
  return upToTwoDecimals.format(n);
}

/** A share 0–1 → "33%" (or "33.3%" with `digits: 1`); null (suppressed) → "非表示". */
export function formatPercent(share: number | null, digits: 0 | 1 = 0): string {
  if (share === null) return t.common.suppressed;
  return (digits === 1 ? percent1 : percent0).format(share);
}

/** A head count, or "非表示" when suppressed (null). */
export function formatCount(n: number | null): string {
  return n === null ? t.common.suppressed : t.common.people(formatInt(n));
}

/** "2026-10-01" → "2026年10月1日". Parsed by hand: no Date, no time zone. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return t.format.date(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Free-form expected vacancy: an ISO date or month is written the Japanese way, anything else as given. */
export function formatVacancy(value: string | null): string {
  if (value === null || value.trim() === '') return t.common.none;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  const month = /^(\d{4})-(\d{1,2})$/.exec(value);
  if (month) return t.format.month(Number(month[1]), Number(month[2]));
  return value;
}

export function readinessLabel(r: Readiness): string {
  return t.readiness[r];
}

export function statusLabel(s: KeyPosition['status']): string {
  return t.status[s];
}

export function componentLabel(c: ComponentName): string {
  return t.components[c];
}

/** high / medium / low → 高 / 中 / 低; any other value as given; null → "—". */
export function criticalityLabel(c: string | null): string {
  if (c === null) return t.common.none;
  return t.criticality[c] ?? c;
}

export function sourceKindLabel(kind: string): string {
  return t.sourceKinds[kind] ?? kind;
}

/** A person's display name, or their employee id when names are hidden (`privacy.show_names: false`). */
export function personLabel(p: { name: string | null; employee_id: string }): string {
  return p.name ?? t.succession.employeeId(p.employee_id);
}

/** Text or "—" for null / empty values. */
export function orDash(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? t.common.none : value;
}
