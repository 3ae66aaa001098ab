import { describe, expect, it } from 'vitest';
import { planBaseDate } from '../../../batch/tagging/run-development-plans.ts';

describe('development-plan base date', () => {
  it('is the start of the fiscal half-year holding the run date, so a draft holds for six months', () => {
    expect(['2026-04-01', '2026-09-30', '2026-10-01', '2027-01-15', '2027-03-31'].map(planBaseDate)).toEqual(['2026-04-01', '2026-04-01', '2026-10-01', '2026-10-01', '2026-10-01']);
  });
});
