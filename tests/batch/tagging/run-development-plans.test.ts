import { describe, expect, it } from 'vitest';
import { holdToHorizon, planBaseDate } from '../../../batch/tagging/run-development-plans.ts';

describe('development-plan base date', () => {
  it('is the start of the fiscal half-year holding the run date, so a draft holds for six months', () => {
    expect(['2026-04-01', '2026-09-30', '2026-10-01', '2027-01-15', '2027-03-31'].map(planBaseDate)).toEqual(['2026-04-01', '2026-04-01', '2026-10-01', '2026-10-01', '2026-10-01']);
  });
});

describe('a provider\'s plan held to the horizon', () => {
  it('moves an action due after the horizon to it, and leaves earlier and undated ones', () => {
    const actions = [{ text: 'a', by: '2027-01-01' }, { text: 'b', by: '2027-10-01' }, { text: 'c', by: null }, { text: 'd', by: '2027-08-01' }];
    expect(holdToHorizon(actions, '2027-08-01')).toEqual([{ text: 'a', by: '2027-01-01' }, { text: 'b', by: '2027-08-01' }, { text: 'c', by: null }, { text: 'd', by: '2027-08-01' }]);
  });
});
