import { describe, expect, it } from 'vitest';
import { addDays, addMonths, endOfMonth, isValidYmd, parseIso } from '../../../../batch/ai/offline/dates.ts';

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
