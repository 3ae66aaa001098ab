import { describe, expect, it } from 'vitest';
import { addDays, addMonths, cadenceOf, endOfMonth, isValidYmd, parseIso, resolveDue } from '../../../../batch/ai/offline/japanese-dates.ts';

describe('offline date arithmetic on YYYY-MM-DD', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2025-12-28', 7)).toBe('2026-01-04');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('adds months and clamps a day the target month lacks to its end', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-10-01', 24)).toBe('2028-10-01');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
  });

  it('finds the last day of this or a later month', () => {
    expect(endOfMonth('2025-10-27')).toBe('2025-10-31');
    expect(endOfMonth('2025-12-05', 1)).toBe('2026-01-31');
    expect(endOfMonth('2028-01-15', 1)).toBe('2028-02-29');
  });

  it('refuses a date that is not on the calendar', () => {
    expect(isValidYmd(2026, 2, 29)).toBe(false);
    expect(() => parseIso('2026-02-30')).toThrow(/calendar/);
    expect(() => parseIso('2026/02/01')).toThrow(/YYYY-MM-DD/);
  });
});

describe('resolveDue against the interview date (weeks end on Friday, the fiscal year starts in April)', () => {
  const held = '2025-10-27'; // a Monday, in the second half of fiscal 2025
  const ctx = { heldOn: held, fiscalYearStartMonth: 4, nextInterviewOn: '2026-04-27' };
  const cases: Array<[string, string | null]> = [
    ['2025/12/15までに回答する', '2025-12-15'],
    ['２０２５／１２／１５までに回答する', '2025-12-15'],
    ['令和7年12月15日までに回答する', '2025-12-15'],
    ['12月15日までに回答する', '2025-12-15'],
    ['12/15までに回答する', '2025-12-15'],
    ['10/1までに回答する', '2026-10-01'],
    ['2月29日までに回答する', '2028-02-29'],
    ['12月末までに回答する', '2025-12-31'],
    ['3月中に回答する', '2026-03-31'],
    ['11月上旬に回答する', '2025-11-10'],
    ['2週間以内に回答する', '2025-11-10'],
    ['3か月後に再度面談する', '2026-01-27'],
    ['明日回答する', '2025-10-28'],
    ['今週中に回答する', '2025-10-31'],
    ['今週金曜までに回答する', '2025-10-31'],
    ['来週月曜に回答する', '2025-11-03'],
    ['来週水曜日に回答する', '2025-11-05'],
    ['金曜までに回答する', '2025-10-31'],
    ['来週中に回答する', '2025-11-07'],
    ['来週までに回答する', '2025-11-07'],
    ['再来週に回答する', '2025-11-14'],
    ['週明けに回答する', '2025-11-03'],
    ['来月までに回答する', '2025-11-30'],
    ['来月中に回答する', '2025-11-30'],
    ['来月上旬に回答する', '2025-11-10'],
    ['再来月に回答する', '2025-12-31'],
    ['今月中に回答する', '2025-10-31'],
    ['月末までに回答する', '2025-10-31'],
    ['年内に回答する', '2025-12-31'],
    ['年度内に回答する', '2026-03-31'],
    ['年度末までに回答する', '2026-03-31'],
    ['期末までに回答する', '2026-03-31'],
    ['下期中に回答する', '2026-03-31'],
    ['上期中に回答する', '2026-09-30'],
    ['来期から担当を替える', '2026-04-01'],
    ['来期中に異動を検討する', '2027-03-31'],
    ['来年度から研修に参加する', '2026-04-01'],
    ['次回面談で確認する', '2026-04-27'],
    ['次回までに考えてくる', '2026-04-27'],
    ['継続してフォローする', null],
    ['近いうちに連絡する', null],
    ['I will reply next week', '2025-11-07'],
    ['I will reply by Friday', '2025-10-31'],
    ['I will reply by next Monday', '2025-11-03'],
    ['I will reply by the end of the month', '2025-10-31'],
    ['I will reply by the end of the year', '2025-12-31'],
    ['I will reply within two weeks', '2025-11-10'],
    ['I will reply by December 15', '2025-12-15'],
    ['We will review it at the next 1on1', '2026-04-27'],
  ];
  it.each(cases)('%s → %s', (text, due) => {
    expect(resolveDue(text, ctx)).toBe(due);
  });

  it('reads the halves against the configured fiscal year: first half, second half, a January start', () => {
    const may = { heldOn: '2025-05-12', fiscalYearStartMonth: 4, nextInterviewOn: '2025-11-12' };
    expect(resolveDue('上期中に', may)).toBe('2025-09-30');
    expect(resolveDue('下期から', may)).toBe('2025-10-01');
    expect(resolveDue('下期中に', may)).toBe('2026-03-31');
    expect(resolveDue('期末までに', may)).toBe('2026-03-31');
    const calendarYear = { ...may, fiscalYearStartMonth: 1 };
    expect(resolveDue('上期中に', calendarYear)).toBe('2025-06-30');
    expect(resolveDue('来期から', calendarYear)).toBe('2026-01-01');
    expect(resolveDue('年度末までに', calendarYear)).toBe('2025-12-31');
  });

  it('a week ends on its Friday; on a Saturday 今週中 is the day itself', () => {
    expect(resolveDue('今週中に', { ...ctx, heldOn: '2025-11-01' })).toBe('2025-11-01');
    expect(resolveDue('来週中に', { ...ctx, heldOn: '2025-11-02' })).toBe('2025-11-07');
  });

  it('clamps 来月 from a month end to the last day of the next month', () => {
    expect(resolveDue('来月までに', { ...ctx, heldOn: '2026-01-31' })).toBe('2026-02-28');
  });
});

describe('cadenceOf: recurring follow-ups', () => {
  const ctx = { heldOn: '2025-10-27', fiscalYearStartMonth: 4, nextInterviewOn: '2026-04-27' };
  const cases: Array<[string, string | null, string | null]> = [
    ['毎月1on1で進捗を確認する', 'monthly', '2025-11-27'],
    ['月1回、面談を行う', 'monthly', '2025-11-27'],
    ['四半期ごとに振り返る', 'quarterly', '2026-01-27'],
    ['3か月ごとに見直す', 'quarterly', '2026-01-27'],
    ['半年ごとに計画を見直す', 'half_yearly', '2026-04-27'],
    ['隔週で面談する', 'biweekly', '2025-11-10'],
    ['毎週金曜に進捗を共有する', 'weekly', '2025-10-31'],
    ['12月15日から毎月フォローする', 'monthly', '2025-12-15'],
    ['We will meet every other week', 'biweekly', '2025-11-10'],
    ['quarterly check-ins with HR', 'quarterly', '2026-01-27'],
    ['来週までに回答する', null, null],
  ];
  it.each(cases)('%s → %s from %s', (text, cadence, first) => {
    const got = cadenceOf(text, ctx);
    expect(got === null ? [null, null] : [got.cadence, got.first]).toEqual([cadence, first]);
  });
});
