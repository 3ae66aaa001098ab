import { describe, expect, it } from 'vitest';
import { pagesOf } from '../../site/lib/paging.ts';
import { gapPageOf, gapPages } from '../../site/lib/skill-pages.ts';

describe('lists cut into pages', () => {
  it('cuts 5 items into pages of 2, 2 and 1, and no items into no pages', () => {
    expect(pagesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pagesOf([], 2)).toEqual([]);
    expect(pagesOf([1, 2], 2)).toEqual([[1, 2]]);
  });

  it('finds the page of a department’s gaps', () => {
    const gaps = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ department_id: id, name: id, headcount: 10, suppressed: false, skills: [] }));
    expect(gapPages(gaps, 2).map((p) => p.map((d) => d.department_id))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(['a', 'b', 'c', 'e', 'zz'].map((id) => gapPageOf(gaps, id, 2))).toEqual([1, 1, 2, 3, 1]);
  });
});
