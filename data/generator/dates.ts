/**
 * Calendar helpers on plain day numbers (days since 1970-01-01, UTC). Day numbers keep comparisons and
 * arithmetic trivial and avoid any dependence on the machine's time zone or clock.
 */
import { type Rng, weighted } from './random.ts';

export type Day = number;
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function toDay(y: number, m: number, d: number): Day {
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function fromDay(day: Day): Ymd {
  const dt = new Date(day * 86_400_000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function parseIso(iso: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`expected YYYY-MM-DD, got "${iso}"`);
  return toDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function addMonths(day: Day, months: number): Day {
  const { y, m, d } = fromDay(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = fromDay(toDay(ny, nm + 1, 1) - 1).d;
  return toDay(ny, nm, Math.min(d, last));
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `2025/6/12`: how Excel shows a date in a Japanese locale by default. */
export function slashShort(day: Day): string {
  const { y, m, d } = fromDay(day);
  return `${y}/${m}/${d}`;
}

export function slashPadded(day: Day): string {
  const { y, m, d } = fromDay(day);
  return `${y}/${pad2(m)}/${pad2(d)}`;
}

export function iso(day: Day): string {
  const { y, m, d } = fromDay(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

const REIWA_START = toDay(2019, 5, 1);
const HEISEI_START = toDay(1989, 1, 8);

/** `令和3年10月1日`, `平成28年4月1日`, with 元年 for the first year of an era as HR systems print it. */
export function wareki(day: Day): string | null {
  const { y, m, d } = fromDay(day);
  let era: string;
  let year: number;
  if (day >= REIWA_START) [era, year] = ['令和', y - 2018];
  else if (day >= HEISEI_START) [era, year] = ['平成', y - 1988];
  else return null;
  return `${era}${year === 1 ? '元' : year}年${m}月${d}日`;
}

export type DateStyle = 'slash' | 'slash_padded' | 'iso' | 'wareki';

/**
 * HRIS exports mix date styles because rows were keyed in by different people over decades; the batch must
 * accept all of them, so the sample mixes them too. Dates before Heisei fall back to a slash style.
 */
export function hireDateText(rng: Rng, day: Day): string {
  const style = weighted<DateStyle>(rng, [
    ['slash', 40],
    ['slash_padded', 25],
    ['iso', 15],
    ['wareki', 20],
  ]);
  return formatDate(day, style);
}

export function formatDate(day: Day, style: DateStyle): string {
  switch (style) {
    case 'slash':
      return slashShort(day);
    case 'slash_padded':
      return slashPadded(day);
    case 'iso':
      return iso(day);
    case 'wareki':
      return wareki(day) ?? slashShort(day);
  }
}
