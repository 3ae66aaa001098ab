import { describe, expect, it } from 'vitest';
import { capExclusions } from '../../../batch/scoring/slate-cap.ts';

describe('the slate cap', () => {
  it('leaves people off the slates where they rank worst, round by round, until nobody is over the cap', () => {
    // Slates of 2, a cap of 1. Positions 1, 2, 3; people 1 (a), 2 (b), 3 (c), 4 (d).
    const pairs = [
      { pid: 1, eid: 1, score: 90 }, { pid: 1, eid: 2, score: 80 }, { pid: 1, eid: 3, score: 70 },
      { pid: 2, eid: 1, score: 85 }, { pid: 2, eid: 2, score: 84 }, { pid: 2, eid: 4, score: 60 },
      { pid: 3, eid: 2, score: 95 }, { pid: 3, eid: 3, score: 50 },
    ];
    // Round 1: slates 1 [a, b], 2 [a, b], 3 [b, c]. a ranks 1st on 1 and 2: keeps 1 (90 > 85), leaves 2.
    // b ranks 1st on 3, 2nd on 1 and 2: keeps 3, leaves 1 and 2.
    // Round 2: slates 1 [a, c], 2 [d], 3 [b, c]. c ranks 2nd on both: keeps 1 (70 > 50), leaves 3.
    // Round 3: slates 1 [a, c], 2 [d], 3 [b]: nobody is over the cap.
    const key = (x: { pid: number; eid: number }) => `${x.pid}:${x.eid}`;
    expect(capExclusions(pairs, 2, 1).map(key).sort()).toEqual(['1:2', '2:1', '2:2', '3:3']);
    // A cap nobody reaches leaves everyone on.
    expect(capExclusions(pairs, 2, 3)).toEqual([]);
    // Ties in score are broken by the person's number, as the slates are.
    expect(capExclusions([{ pid: 1, eid: 2, score: 50 }, { pid: 1, eid: 1, score: 50 }, { pid: 2, eid: 1, score: 50 }], 1, 1)).toEqual([{ pid: 2, eid: 1 }]);
  });
});
