import { describe, expect, it } from 'vitest';
import type { KeyPosition, Succession } from '../../schemas/artifacts.ts';
import { ancestorsOf, chartTree, chipsByReadiness, unitPages, UNPLACED } from '../../site/lib/org-chart.ts';
import type { PageContext } from '../../site/lib/page.ts';
import { linkNames } from '../../site/lib/person-links.ts';

const position = (id: string, department_id: string | null, status: KeyPosition['status'] = 'none', candidates: Partial<KeyPosition['candidates'][number]>[] = []) =>
  ({ position_id: id, title: id, department_id, status, candidates }) as unknown as KeyPosition;

// A (p1) ─ B (p2) ─ C (p3, p4)
//        └ D (p5)
// E (p6);  p7 names a department outside the tree, p8 none.
const succession: Pick<Succession, 'departments' | 'positions'> = {
  departments: [
    { department_id: 'A', name: 'A本部', parent_id: null },
    { department_id: 'A/B', name: 'B部', parent_id: 'A' },
    { department_id: 'A/B/C', name: 'C課', parent_id: 'A/B' },
    { department_id: 'A/D', name: 'D部', parent_id: 'A' },
    { department_id: 'E', name: 'E部', parent_id: null },
  ],
  positions: [
    position('p1', 'A', 'ready_now'),
    position('p2', 'A/B', '1_2_years'),
    position('p3', 'A/B/C', 'ready_now'),
    position('p4', 'A/B/C'),
    position('p5', 'A/D'),
    position('p6', 'E', 'ready_now'),
    position('p7', 'Z'),
    position('p8', null, '1_2_years'),
  ],
};

describe('the succession chart layout', () => {
  it('counts each unit’s subtree (counted by hand), and groups positions outside the tree last', () => {
    const tree = chartTree(succession);
    expect(tree.total).toBe(8);
    expect(tree.byStatus).toEqual({ ready_now: 3, '1_2_years': 2, none: 3 });
    expect(tree.roots.map((r) => [r.department_id, r.total])).toEqual([['A', 5], ['E', 1], [UNPLACED, 2]]);
    const a = tree.units.get('A')!;
    expect(a.positions.map((p) => p.position_id)).toEqual(['p1']);
    expect(a.children.map((c) => [c.department_id, c.total])).toEqual([['A/B', 3], ['A/D', 1]]);
    expect(a.byStatus).toEqual({ ready_now: 2, '1_2_years': 1, none: 2 });
    expect(tree.units.get(UNPLACED)!.positions.map((p) => p.position_id)).toEqual(['p7', 'p8']);
    expect(ancestorsOf(tree, tree.units.get('A/B/C')!).map((u) => u.department_id)).toEqual(['A', 'A/B']);
  });

  it('gives a page to each child of a unit too large for one page, and none when the company fits', () => {
    const pages = (max: number) => unitPages(chartTree(succession), max).map((u) => u.department_id);
    expect(pages(8)).toEqual([]);
    // 8 > 5: the top-level units get pages; A holds 5, which fits.
    expect(pages(5)).toEqual(['A', 'E', UNPLACED]);
    // 5 > 3: A's children too; B holds 3, which fits, so C has none.
    expect(pages(3)).toEqual(['A', 'A/B', 'A/D', 'E', UNPLACED]);
    // 3 > 2: B's child C as well.
    expect(pages(2)).toEqual(['A', 'A/B', 'A/B/C', 'A/D', 'E', UNPLACED]);
  });

  it('puts a slate’s candidates in their readiness group, best rank first', () => {
    const p = position('p', 'A', 'ready_now', [
      { employee_id: 'x3', rank: 3, readiness: 'ready_now' },
      { employee_id: 'x1', rank: 1, readiness: '1_2_years' },
      { employee_id: 'x2', rank: 2, readiness: 'ready_now' },
    ]);
    const chips = chipsByReadiness(p);
    expect(Object.fromEntries(Object.entries(chips).map(([k, v]) => [k, v.map((c) => c.employee_id)]))).toEqual({ ready_now: ['x2', 'x3'], '1_2_years': ['x1'], '3_plus_years': [] });
  });
});

describe('names in sentences', () => {
  const label = (p: { name: string | null; employee_id: string }) => p.name ?? `社員番号 ${p.employee_id}`;
  const ctx = {
    personCell: (p: { name: string | null; employee_id: string }) => (p.employee_id === 'E1' || p.employee_id === 'E2' ? { text: label(p), href: `/people/${p.employee_id}/`, person: true } : { text: label(p), person: true }),
  } as unknown as PageContext;

  it('links each person with a card where their label occurs, and leaves the rest as text', () => {
    const people = [
      { employee_id: 'E1', name: '山田 太郎' },
      { employee_id: 'E2', name: null },
      { employee_id: 'E3', name: '佐藤 花子' },
    ];
    expect(linkNames('外した人: 山田 太郎、社員番号 E2、佐藤 花子。', people, ctx)).toEqual([
      { text: '外した人: ' },
      { text: '山田 太郎', href: '/people/E1/' },
      { text: '、' },
      { text: '社員番号 E2', href: '/people/E2/' },
      { text: '、佐藤 花子。' },
    ]);
    expect(linkNames('誰もいません。', people, ctx)).toEqual([{ text: '誰もいません。' }]);
  });
});
