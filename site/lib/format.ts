/**
 * Formatting of numbers, dates and enum values for display, per language. Pure functions of their input:
 * no clock, no locale or time zone from the environment (ja-JP or en-US from the dictionary), so the same
 * artifacts give the same HTML.
 */
import type { ComponentName, KeyPosition, Manifest, Readiness, RetentionRisk } from '../../schemas/artifacts.ts';
import { labels, type Lang } from './i18n/index.ts';

export interface Format {
  /** 1234 → "1,234". */
  int(n: number): string;
  /** A 0–100 score or points: 78.456 → "78.5". */
  score(n: number): string;
  /** A weight, band limit or level: 0.25 → "0.25", 3 → "3". */
  decimal(n: number): string;
  /** A share 0–1 → "33%" (or "33.3%" with `digits: 1`); null (suppressed) → "非表示" / "Suppressed". */
  percent(share: number | null, digits?: 0 | 1): string;
  /** A head count ("14人" / "14 people"), or "非表示" when suppressed (null). */
  count(n: number | null): string;
  /** A count, "非表示（n<k）" / "Suppressed (n<k)" when null. */
  suppressible(n: number | null, k: number): string;
  /** A share, "非表示（n<k）" / "Suppressed (n<k)" when null. */
  suppressibleShare(share: number | null, k: number): string;
  /** A department's headcount, or "非表示（n<k）" when it is under k: its size under k is an aggregate too. */
  headcount(d: { headcount: number; suppressed: boolean }, k: number): string;
  /** "2026-10-01" → "2026年10月1日" / "Oct 1, 2026". Parsed by hand: no Date, no time zone. */
  date(iso: string): string;
  /** A date or "—". */
  dateOrDash(iso: string | null): string;
  /** A UTC timestamp of the batch ("2026-11-22T00:56:32Z" or "2026-11-22 00:56:32"), with its time zone. */
  timestamp(value: string): string;
  /**
   * Expected vacancy: from the date the batch read (`on`: the first of the month when only a month was
   * given), written as a month or a date the language's way; else the raw value as given ("2028年度").
   */
  vacancy(value: string | null, on?: string | null): string;
  /** Seconds of a run: 12.345 → "12.3". */
  seconds(n: number): string;
  readiness(r: Readiness): string;
  status(s: KeyPosition['status']): string;
  component(c: ComponentName): string;
  risk(r: RetentionRisk | null): string;
  /** high / medium / low → 高 / 中 / 低; any other value as given; null → "—". */
  criticality(c: string | null): string;
  sourceKind(kind: string): string;
  concern(category: string): string;
  owner(owner: string): string;
  /** A quality check in words, with its month window. */
  check(code: string, months: number | null): string;
  /** A person's display name, or their (possibly pseudonymous) id when names are hidden. */
  person(p: { name: string | null; employee_id: string }): string;
  /** Text or "—" for null / empty values. */
  orDash(value: string | null | undefined): string;
  /** Items joined the language's way: "A、B" / "A, B". */
  list(items: readonly string[]): string;
}

const cache = new Map<string, Format>();

/** The formatter of a language; `ids` says how to label a person shown by id (manifest.ids). */
export function formatter(lang: Lang, ids: Manifest['ids'] = 'employee_id'): Format {
  const key = `${lang}:${ids}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = createFormatter(lang, ids)));
  return f;
}

function createFormatter(lang: Lang, ids: Manifest['ids']): Format {
  const t = labels(lang);
  const integer = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(t.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const upToTwoDecimals = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 2 });
  const percent0 = new Intl.NumberFormat(t.locale, { style: 'percent', maximumFractionDigits: 0 });
  const percent1 = new Intl.NumberFormat(t.locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const int = (n: number) => integer.format(n);

  const date = (iso: string): string => {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    return m ? t.format.date(Number(m[1]), Number(m[2]), Number(m[3])) : iso;
  };
  const orDash = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? t.common.none : value);

  return {
    int,
    score: (n) => oneDecimal.format(n),
    decimal: (n) => upToTwoDecimals.format(n),
    percent: (share, digits = 0) => (share === null ? t.common.suppressed : (digits === 1 ? percent1 : percent0).format(share)),
    count: (n) => (n === null ? t.common.suppressed : t.common.people(int(n))),
    suppressible: (n, k) => (n === null ? t.common.suppressedFor(k) : int(n)),
    suppressibleShare: (share, k) => (share === null ? t.common.suppressedFor(k) : percent0.format(share)),
    // A unit hidden by complementary suppression has k people or more: its size is safe to say.
    headcount: (d, k) => (d.suppressed && d.headcount < k ? t.common.suppressedFor(k) : int(d.headcount)),
    date,
    dateOrDash: (iso) => (iso === null ? t.common.none : date(iso)),
    timestamp: (value) => {
      const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/.exec(value);
      return m ? t.format.timestamp(date(m[1]!), m[2]!, m[3]!) : value;
    },
    vacancy: (value, on = null) => {
      if (on !== null) {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(on);
        // A raw value with three numbers (2027/9/30, 2027年9月30日) named a day; otherwise it named a month.
        const day = /\d+\D+\d+\D+\d+/.test(value ?? '');
        if (m) return day ? date(on) : t.format.month(Number(m[1]), Number(m[2]));
      }
      if (value === null || value.trim() === '') return t.common.none;
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return date(value);
      const month = /^(\d{4})-(\d{1,2})$/.exec(value);
      if (month) return t.format.month(Number(month[1]), Number(month[2]));
      return value;
    },
    seconds: (n) => oneDecimal.format(n),
    readiness: (r) => t.readiness[r],
    status: (s) => t.status[s],
    component: (c) => t.components[c],
    risk: (r) => (r === null ? t.common.none : t.risk[r]),
    criticality: (c) => (c === null ? t.common.none : (t.criticality[c] ?? c)),
    sourceKind: (kind) => t.sourceKinds[kind] ?? kind,
    concern: (category) => t.concerns[category] ?? category,
    owner: (owner) => t.owners[owner] ?? owner,
    check: (code, months) => {
      const word = t.checks[code];
      return word ? word(months === null ? '' : t.format.months(months)) : code;
    },
    person: (p) => p.name ?? (ids === 'pseudonym' ? t.succession.pseudonym : t.succession.employeeId)(p.employee_id),
    orDash,
    list: (items) => items.join(t.format.listSeparator),
  };
}
