/**
 * Japanese calendar arithmetic on `YYYY-MM-DD` strings: eras (令和, 平成 …), fiscal years and halves (年度,
 * 上期, 下期, 来期), weeks that end on Friday, and the relative dates of follow-ups (来週中, 今週金曜, 次回面談,
 * 四半期ごと). The one place that knows them: normalize reads dates of exports with ERAS (its wareki_date macro),
 * the offline insight resolves due dates with resolveDue and cadenceOf. Pure: no clock, no time zone (every
 * computation is on UTC midnights), so the same input gives the same date on any machine and any night.
 */

export interface Ymd {
  y: number;
  m: number; // 1–12
  d: number; // 1–31
}

/** Each era: its names (kanji, letter), first year minus one, and the dates it covers. */
export const ERAS: ReadonlyArray<{ names: readonly string[]; base: number; from: string; to: string }> = [
  { names: ['令和', 'R'], base: 2018, from: '2019-05-01', to: '9999-12-31' },
  { names: ['平成', 'H'], base: 1988, from: '1989-01-08', to: '2019-04-30' },
  { names: ['昭和', 'S'], base: 1925, from: '1926-12-25', to: '1989-01-07' },
  { names: ['大正', 'T'], base: 1911, from: '1912-07-30', to: '1926-12-25' },
];

/** The western date of an era date (令和7年12月15日 → 2025-12-15); null when it does not exist in that era. */
export function eraDate(era: string, year: number, m: number, d: number): string | null {
  const e = ERAS.find((x) => x.names.includes(era));
  if (e === undefined || year < 1) return null;
  const y = e.base + year;
  if (!isValidYmd(y, m, d)) return null;
  const iso = formatIso({ y, m, d });
  return iso >= e.from && iso <= e.to ? iso : null;
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

/** 0 Monday … 6 Sunday. */
export function weekday(iso: string): number {
  const { y, m, d } = parseIso(iso);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** The given weekday (0 Monday … 6 Sunday) of the week `weeks` after the week of `iso` (weeks run Monday–Sunday). */
export function dayOfWeek(iso: string, weeks: number, day: number): string {
  return addDays(iso, 7 * weeks - weekday(iso) + day);
}

/** The fiscal year holding `iso`: its first and last days and the first day of its second half. */
export function fiscalYear(iso: string, startMonth: number): { start: string; secondHalf: string; end: string } {
  const { y, m } = parseIso(iso);
  const start = formatIso({ y: m >= startMonth ? y : y - 1, m: startMonth, d: 1 });
  return { start, secondHalf: addMonths(start, 6), end: addDays(addMonths(start, 12), -1) };
}

export type Cadence = 'weekly' | 'biweekly' | 'monthly' | 'quarterly' | 'half_yearly';

/** What relative dates are read against. */
export interface DueContext {
  heldOn: string;
  /** The month the fiscal year starts (4: April). */
  fiscalYearStartMonth: number;
  /** The next interview of the cycle: what 次回面談 means. */
  nextInterviewOn: string;
}

const WEEKDAYS = '月火水木金土日';
const EN_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const EN_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const FRIDAY = 4;

/** Every text resolveDue reads a date from holds one of these: a cheap test before the full one. */
export const DUE_CUE =
  /\d|本日|今日|明日|明後日|今週|来週|再来週|週明け|[月火水木金土日]曜|今月|来月|再来月|月末|月内|年内|年末|今年中|年度|期末|今期|来期|上期|下期|上半期|下半期|半期|次回|次の面談|next|this week|end of|within|tomorrow|today|monday|tuesday|wednesday|thursday|friday|january|february|march|april|may|june|july|august|september|october|november|december|quarter/i;

/**
 * The due date a follow-up names, resolved against the interview (rules, the first that applies): null when it
 * names none, or only a vague time (近いうちに, いずれ, soon).
 *  1. a date with a year: 2025/12/15, 2025-12-15, 2025年12月15日, 令和7年12月15日, R7.12.15;
 *  2. a date without a year (12月15日, 12/15, March 15): its next occurrence on or after held_on;
 *  3. 12月末 / 12月中 / 12月まで → the last day of that month (next occurrence); 12月上旬 → the 10th, 中旬 → the 20th,
 *     下旬 → the last day;
 *  4. N日以内/後 → + N days; N週間以内 → + 7N days; Nか月以内 → + N months (clamped); "within two weeks" too;
 *  5. 本日中/今日中 → held_on; 明日 → + 1; 明後日 → + 2;
 *  6. a weekday: 今週金曜 / 来週月曜 / 再来週水曜 → that day of that week; a weekday alone (金曜までに, by Friday)
 *     → its next occurrence after held_on;
 *  7. weeks end on Friday: 今週中 → Friday of held_on's week (held_on when that Friday is past); 来週 / 来週中 /
 *     来週末 / next week → Friday of next week; 再来週 → Friday of the week after; 週明け → Monday of next week;
 *  8. 再来月 → the last day of the month after next; 来月上旬 → the 10th of next month, 来月中旬 → the 20th,
 *     any other 来月 → its last day; 今月中 / 今月末 / 月末 / 月内 → the last day of held_on's month;
 *  9. 年内 / 年末 → December 31;
 * 10. the fiscal year (its first month configured): 来期中 / 来年度中 → the last day of the next fiscal year;
 *     来期 / 来年度 → its first day; 下期から / 下期に → the first day of the second half (the next one);
 *     上期中 / 上期末 → the last day of the first half (the next one); 下期中 / 下期末 / 今期中 / 期末 / 年度内 /
 *     年度末 → the last day of the fiscal year;
 * 11. 次回面談 / 次回 / 次の面談 / next 1on1 → the next interview of the cycle.
 */
export function resolveDue(text: string, ctx: DueContext): string | null {
  const t = text.normalize('NFKC');
  if (!DUE_CUE.test(t)) return null;
  // The date a deadline marker closes comes first: 「申請が9月末までなので、書類を来週月曜までにお送りします」 is due
  // next Monday; "by the end of the first half, and from next fiscal year" is due at the end of the half.
  const marked = DEADLINE_MARK.exec(t);
  if (marked !== null) {
    const window = (marked[1] ?? marked[2] ?? '').trim();
    const due = window.length > 0 && window.length < t.length ? dueOf(window, ctx) : null;
    if (due !== null) return due;
  }
  return dueOf(t, ctx);
}

/** 「…を来週月曜までに」: the words before までに back to a particle or comma; "by …" up to a comma or a clause. */
const DEADLINE_MARK = /(?:^|[、,。をはがにで→\s])([^、,。をはが→]{1,16}?)(?:までに|迄に|までには)|\b(?:by|before|until)\s+((?:the\s+)?[^,.;]{2,40}?)(?=[,.;]|\s+(?:and|so|to|with|for)\b|$)/i;

function dueOf(t: string, ctx: DueContext): string | null {
  if (!DUE_CUE.test(t)) return null;
  const { heldOn } = ctx;
  const held = parseIso(heldOn);
  const lower = t.toLowerCase();

  // 1. With a year.
  const western = /(?<!\d)(\d{4})\s*[/\-.年]\s*(\d{1,2})\s*[/\-.月]\s*(\d{1,2})(?!\d)/.exec(t);
  if (western !== null && isValidYmd(Number(western[1]), Number(western[2]), Number(western[3]))) {
    return formatIso({ y: Number(western[1]), m: Number(western[2]), d: Number(western[3]) });
  }
  const era = /(令和|平成|R|H)\s*(\d{1,2}|元)\s*[年.]\s*(\d{1,2})\s*[月.]\s*(\d{1,2})/.exec(t);
  if (era !== null) {
    const iso = eraDate(era[1]!, era[2] === '元' ? 1 : Number(era[2]), Number(era[3]), Number(era[4]));
    if (iso !== null) return iso;
  }
  // 2. Without a year.
  const md = /(?<![\d/年])(\d{1,2})\s*月\s*(\d{1,2})\s*日|(?<![\d/.\-:])(\d{1,2})\/(\d{1,2})(?![\d/])/.exec(t);
  if (md !== null) {
    const next = nextOccurrence(held.y, Number(md[1] ?? md[3]), Number(md[2] ?? md[4]), heldOn);
    if (next !== null) return next;
  }
  const enDate = new RegExp(`\\b(${EN_MONTHS.join('|')})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${EN_MONTHS.join('|')})\\b`).exec(lower);
  if (enDate !== null) {
    const next = nextOccurrence(held.y, EN_MONTHS.indexOf((enDate[1] ?? enDate[4])!) + 1, Number(enDate[2] ?? enDate[3]), heldOn);
    if (next !== null) return next;
  }
  // 3. A month without a day.
  const month = /(?<![\d/年来再今])(\d{1,2})\s*月\s*(末|中旬|上旬|下旬|中|まで|内|いっぱい)/.exec(t);
  if (month !== null) {
    const m = Number(month[1]);
    if (m >= 1 && m <= 12) {
      for (let y = held.y; y <= held.y + 1; y++) {
        const d = month[2] === '上旬' ? 10 : month[2] === '中旬' ? 20 : daysInMonth(y, m);
        const iso = formatIso({ y, m, d });
        if (iso >= heldOn) return iso;
      }
    }
  }
  const enMonthEnd = new RegExp(`\\b(?:end of|by|in|during)\\s+(${EN_MONTHS.join('|')})\\b`).exec(lower);
  if (enMonthEnd !== null) {
    const m = EN_MONTHS.indexOf(enMonthEnd[1]!) + 1;
    const iso = formatIso({ y: held.y, m, d: daysInMonth(held.y, m) });
    return iso >= heldOn ? iso : formatIso({ y: held.y + 1, m, d: daysInMonth(held.y + 1, m) });
  }
  // 4. Within / after N days, weeks, months.
  const span = /(\d+)\s*(日|週間|週|か月|ヶ月|カ月|ケ月|ヵ月|箇月|ヶ月間)(?:間)?\s*(?:以内|後|のうちに|を目途|めど|目処)/.exec(t);
  if (span !== null) return afterSpan(heldOn, Number(span[1]), span[2]!.startsWith('日') ? 'day' : span[2]!.startsWith('週') ? 'week' : 'month');
  const enSpan = /\b(?:within|in)\s+(?:the\s+next\s+)?(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(day|week|month)s?\b/.exec(lower);
  if (enSpan !== null) return afterSpan(heldOn, /^\d+$/.test(enSpan[1]!) ? Number(enSpan[1]) : EN_NUMBERS[enSpan[1]!]!, enSpan[2] as 'day' | 'week' | 'month');
  // 5. Days.
  if (/本日中|今日中|\btoday\b|end of (?:the )?day/.test(lower)) return heldOn;
  if (/明後日/.test(t)) return addDays(heldOn, 2);
  if (/明日|\btomorrow\b/.test(lower)) return addDays(heldOn, 1);
  // 6. A weekday.
  const day = /(今週|来週|再来週)?\s*の?\s*([月火水木金土日])曜/.exec(t);
  if (day !== null) {
    const d = WEEKDAYS.indexOf(day[2]!);
    if (day[1] === undefined) return nextWeekday(heldOn, d);
    return dayOfWeek(heldOn, day[1] === '今週' ? 0 : day[1] === '来週' ? 1 : 2, d);
  }
  const enDay = new RegExp(`\\b(this|next|by|on|until|before)?\\s*(?:next\\s+)?(${EN_WEEKDAYS.join('|')})\\b`).exec(lower);
  if (enDay !== null) {
    const d = EN_WEEKDAYS.indexOf(enDay[2]!);
    if (enDay[1] === 'next' || /next\s+\w+day/.test(enDay[0])) return dayOfWeek(heldOn, 1, d);
    if (enDay[1] === 'this') return dayOfWeek(heldOn, 0, d);
    return nextWeekday(heldOn, d);
  }
  // 7. Weeks, which end on Friday.
  if (/今週中|今週末|今週まで|今週いっぱい|this week|end of the week/.test(lower)) {
    const friday = dayOfWeek(heldOn, 0, FRIDAY);
    return friday >= heldOn ? friday : heldOn;
  }
  if (/週明け/.test(t)) return dayOfWeek(heldOn, 1, 0);
  if (/再来週/.test(t)) return dayOfWeek(heldOn, 2, FRIDAY);
  if (/来週|next week/.test(lower)) return dayOfWeek(heldOn, 1, FRIDAY);
  // 8. Months.
  if (/再来月/.test(t)) return endOfMonth(heldOn, 2);
  if (/来月上旬/.test(t)) return addDays(endOfMonth(heldOn, 0), 10);
  if (/来月中旬/.test(t)) return addDays(endOfMonth(heldOn, 0), 20);
  if (/来月|next month/.test(lower)) return endOfMonth(heldOn, 1);
  if (/今月中|今月末|今月まで|今月いっぱい|月末|月内|end of (?:the |this )?month/.test(lower)) return endOfMonth(heldOn, 0);
  // 9. The calendar year.
  if (/年内|年末|今年中|(?:by )?the end of (?:the|this) year/.test(lower)) return formatIso({ y: held.y, m: 12, d: 31 });
  // 10. The fiscal year.
  const fy = fiscalYear(heldOn, ctx.fiscalYearStartMonth);
  const next = fiscalYear(addMonths(fy.start, 12), ctx.fiscalYearStartMonth);
  if (/(?:来期|来年度|次年度|翌年度)(?:中|内|末)/.test(t)) return next.end;
  if (/来期|来年度|次年度|翌年度|next (?:fiscal )?year|next term/.test(lower)) return next.start;
  if (/下(?:半)?期(?:から|に|より|以降|の(?:始め|初め|頭))|(?:start|beginning) of the second half|from the second half/.test(lower)) return heldOn < fy.secondHalf ? fy.secondHalf : next.secondHalf;
  if (/上(?:半)?期(?:中|末|内|いっぱい|まで)|(?:end of )?the first half/.test(lower)) {
    const end = addDays(fy.secondHalf, -1);
    return end >= heldOn ? end : addDays(next.secondHalf, -1);
  }
  if (/下(?:半)?期(?:中|末|内|いっぱい|まで)|今期(?:中|末|内|いっぱい|まで)|期末|年度内|年度末|今年度(?:中|内|末)|半期内|end of (?:the )?fiscal year|by the end of this fiscal|(?:end of )?the second half/.test(lower)) return fy.end;
  if (/次半期|次の半期|来半期/.test(t)) return heldOn < fy.secondHalf ? fy.secondHalf : next.start;
  // 11. The next interview.
  if (/次回|次の面談|次の1on1|next (?:1on1|one-on-one|meeting|interview|check-in)/.test(lower)) return ctx.nextInterviewOn;
  return null;
}

/**
 * A recurring follow-up: its cadence and first due date — the date the text names for it, else one period after
 * held_on. null when the text names no cadence. 毎週 / 週1回 → weekly; 隔週 / 2週間ごと → biweekly; 毎月 / 月1回 /
 * 月次 → monthly; 四半期ごと / 3か月ごと / 四半期に1回 → quarterly; 半年ごと / 半期ごと / 6か月ごと → half_yearly;
 * English every week, biweekly, every other week, monthly, every month, quarterly, every quarter, every six months.
 */
export function cadenceOf(text: string, ctx: DueContext): { cadence: Cadence; first: string } | null {
  const t = text.normalize('NFKC');
  let cadence: Cadence | null = null;
  let rest = t;
  const rules: Array<[Cadence, RegExp]> = [
    ['biweekly', /隔週|2週間?(?:ごと|毎|おき|に1回|に一度|に1度)|biweekly|bi-weekly|every (?:other|two|2) weeks?|fortnightly/i],
    ['weekly', /毎週|週1回|週一回|週に1回|週に一度|週に1度|週次|weekly|every week/i],
    ['half_yearly', /半年(?:ごと|毎|おき|に1回|に一度|に1度)|(?<!四)半期(?:ごと|毎|に1回|に一度)|6(?:か|ヶ|カ|ケ|ヵ)月(?:ごと|毎|おき|に1回|に一度)|every (?:six|6) months|semi-?annual(?:ly)?|half-?yearly|twice a year/i],
    ['quarterly', /四半期(?:ごと|毎|に1回|に一度|に1度)|3(?:か|ヶ|カ|ケ|ヵ)月(?:ごと|毎|おき|に1回|に一度|に1度)|quarterly|every quarter|every (?:three|3) months/i],
    ['monthly', /毎月|月1回|月一回|月に1回|月に一度|月に1度|月次|月例|monthly|every month|once a month/i],
  ];
  for (const [c, pattern] of rules) {
    const hit = pattern.exec(t);
    if (hit === null) continue;
    cadence = c;
    rest = t.slice(0, hit.index) + ' ' + t.slice(hit.index + hit[0].length);
    break;
  }
  if (cadence === null) return null;
  const named = resolveDue(rest.replace(/\d+\s*回/g, ''), ctx);
  const period = { weekly: [7, 0], biweekly: [14, 0], monthly: [0, 1], quarterly: [0, 3], half_yearly: [0, 6] }[cadence] as [number, number];
  const first = named ?? (period[0] > 0 ? addDays(ctx.heldOn, period[0]) : addMonths(ctx.heldOn, period[1]));
  return { cadence, first };
}

function afterSpan(heldOn: string, n: number, unit: 'day' | 'week' | 'month'): string {
  if (unit === 'day') return addDays(heldOn, n);
  if (unit === 'week') return addDays(heldOn, 7 * n);
  return addMonths(heldOn, n);
}

/** The next such weekday strictly after `iso`. */
function nextWeekday(iso: string, day: number): string {
  const ahead = (day - weekday(iso) + 7) % 7 || 7;
  return addDays(iso, ahead);
}

function nextOccurrence(year: number, m: number, d: number, heldOn: string): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  for (let y = year; y <= year + 8; y++) {
    if (!isValidYmd(y, m, d)) continue;
    const iso = formatIso({ y, m, d });
    if (iso >= heldOn) return iso;
  }
  return null;
}
