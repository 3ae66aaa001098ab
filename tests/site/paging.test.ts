import { describe, expect, it } from 'vitest';
import { pagesOf } from '../../site/lib/paging.ts';
import { gapPageOf, gapPages, largestGaps } from '../../site/lib/skill-pages.ts';

describe('lists cut into pages', () => {
  it('cuts 5 items into pages of 2, 2 and 1, and no items into no pages', () => {
    expect(pagesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pagesOf([], 2)).toEqual([]);
    expect(pagesOf([1, 2], 2)).toEqual([[1, 2]]);
  });

  it('finds the page of a department’s gaps', () => {
    const gaps = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ department_id: id, name: id, headcount: 10, division_id: null, suppressed: false, skills: [] }));
    expect(gapPages(gaps, 2).map((p) => p.map((d) => d.department_id))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(['a', 'b', 'c', 'e', 'zz'].map((id) => gapPageOf(gaps, id, 2))).toEqual([1, 1, 2, 3, 1]);
  });
});

describe('the largest gaps', () => {
  it('sorts by shortfall, ties by department name in code-unit order, then skill, and leaves out suppressed and met ones', () => {
    const skill = (skill_id: string, shortfall: number | null) => ({ skill_id, required_level: 3, position_ids: [], holders: shortfall === null ? null : 2 - shortfall, target: 2, shortfall });
    const dept = (department_id: string, name: string, skills: ReturnType<typeof skill>[]) => ({ department_id, name, headcount: 10, division_id: null, suppressed: skills.some((s) => s.shortfall === null), skills });
    const gaps = [
      dept('d1', '製造部', [skill('b', 1), skill('a', 1), skill('c', 0)]),
      dept('d2', '営業部', [skill('x', 1)]),
      dept('d3', '品質保証部', [skill('q', 2)]),
      dept('d4', '経営企画部', [skill('z', null)]),
    ];
    // 営業部 (U+55B6) sorts before 製造部 (U+88FD).
    expect(largestGaps(gaps).map((g) => `${g.department.name}:${g.skill.skill_id}`)).toEqual(['品質保証部:q', '営業部:x', '製造部:a', '製造部:b']);
    expect(largestGaps(gaps, 2)).toHaveLength(2);
  });
});
