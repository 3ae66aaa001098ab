/**
 * The k rule of the artifacts (`privacy.min_group_size`): no aggregate over fewer than k people is published.
 * Two shapes of it, used on purpose:
 * - a group (a department, the people who were assessed): its numbers are null when the group has fewer than
 *   k people — a count of 2 among 12 people says something about 12 people, not about 2;
 * - a cell that is itself the group (a 9-box cell, the people naming a position, the people behind a concern
 *   category): its count is null when 1 to k−1 people are in it; 0 is safe to say.
 * And so that no hidden figure follows by subtraction from a total that is shown, complementary
 * suppression: of cells against their total (complementarySuppression), of units down the organisation
 * tree (treeSuppression), of a table with its margins (tableSuppression).
 */

export const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** True when a group is too small to publish anything about. */
export function isSuppressed(groupSize: number, k: number): boolean {
  return groupSize < k;
}

/** part ÷ whole, rounded; null when the whole has fewer than k people (or none). */
export function shareOf(part: number, whole: number, k: number): number | null {
  if (whole === 0 || isSuppressed(whole, k)) return null;
  return round(part / whole);
}

/** A count that is its own group: null when 1 to k−1 people, else the count (0 included). */
export function cellCount(n: number, k: number): number | null {
  return n > 0 && n < k ? null : n;
}

/**
 * Complementary suppression of cells whose total is published (the 9-box: the rated total is shown): cells
 * of 1 to k−1 people are suppressed, and then the smallest shown non-empty cells too, until the suppressed
 * cells are none, or at least two holding k or more people together — so that no suppressed count can be
 * had by subtracting the shown ones from the total (366 placed − 364 shown = 2). Ties: the first key.
 */
export function complementarySuppression<K>(counts: ReadonlyMap<K, number>, k: number): Set<K> {
  const suppressed = new Set([...counts].filter(([, n]) => n > 0 && n < k).map(([key]) => key));
  const sum = () => [...suppressed].reduce((total, key) => total + counts.get(key)!, 0);
  while (suppressed.size > 0 && (suppressed.size < 2 || sum() < k)) {
    let next: K | undefined;
    for (const [key, n] of counts) if (n > 0 && !suppressed.has(key) && (next === undefined || n < counts.get(next)!)) next = key;
    if (next === undefined) break;
    suppressed.add(next);
  }
  return suppressed;
}

/** A unit of an organisation tree whose figures are published: its parent unit (null: under the company) and its size. */
export interface TreeUnit<K> {
  id: K;
  parent: K | null;
  size: number;
}

/**
 * Complementary suppression down an organisation tree whose parents' figures include their subtree. A
 * shown unit's figures minus those of the shown units nearest below it (its frontier: through hidden units)
 * are the figures of the rest of its people — its own members and the hidden units' — so that rest must hold
 * no one or at least k people (size: the unit of the k rule — headcount, or the part assessed). Units in
 * `hidden` are hidden from the start (under k, or hidden by an earlier pass); then, parents first, frontier
 * units are hidden too until the rule holds. The
 * company is the tree's root: its total is shown when `root.shown`, and its size counts people in no unit.
 * A single pass from the top is enough: hiding a unit changes only its parent's rest.
 */
export function treeSuppression<K>(units: readonly TreeUnit<K>[], k: number, hidden: Iterable<K>, root: { size: number; shown: boolean }): Set<K> {
  const out = new Set(hidden);
  const size = new Map(units.map((u) => [u.id, u.size]));
  const known = new Set(units.map((u) => u.id));
  const children = new Map<K | null, K[]>();
  for (const u of units) {
    const parent = u.parent !== null && known.has(u.parent) ? u.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), u.id]);
  }
  const frontier = (of: K | null): K[] => (children.get(of) ?? []).flatMap((c) => (out.has(c) ? frontier(c) : [c]));
  const rest = (of: K | null, total: number) => total - frontier(of).reduce((sum, c) => sum + size.get(c)!, 0);
  // The unit to hide next: one whose own rest (its members outside its frontier) fills what is missing,
  // the least of those — so that a 部 whose 課 stay shown is hidden rather than a whole sibling; else
  // the one adding most. Ties: the smaller unit, then the first.
  const settle = (of: K | null, total: number) => {
    for (let r = rest(of, total); r > 0 && r < k; r = rest(of, total)) {
      const candidates = frontier(of).map((c) => ({ c, adds: rest(c, size.get(c)!), size: size.get(c)! }));
      // Nothing left to hide: the total itself is under k (its holder publishes it, or not, by its own rule).
      if (candidates.length === 0) return;
      const fills = candidates.filter((x) => x.adds >= k - r);
      const pool = fills.length > 0 ? fills : candidates;
      const better = (a: (typeof pool)[number], b: (typeof pool)[number]) =>
        fills.length > 0 ? a.adds < b.adds || (a.adds === b.adds && a.size < b.size) : a.adds > b.adds || (a.adds === b.adds && a.size < b.size);
      out.add(pool.reduce((best, x) => (better(x, best) ? x : best)).c);
    }
  };
  const visit = (of: K | null, total: number, shown: boolean) => {
    if (shown) settle(of, total);
    for (const c of children.get(of) ?? []) visit(c, size.get(c)!, !out.has(c));
  };
  visit(null, root.size, root.shown);
  return out;
}

/**
 * Complementary suppression of a two-way table with its margins (the 9-box by division): rows (divisions)
 * × columns (cells), each row's total and each column's total (the company's cell) published or not, and a
 * part of each column in no row (people in no division) that is never published. In every row and column
 * whose total is shown, what is hidden (cells, hidden rows' cells and the part in no row) must be nothing,
 * or at least two entries holding k people or more together — one alone is the total minus the rest, and
 * gives away the row it was hidden for; where the total is hidden, something hidden must hold someone, or
 * the total is the sum of the shown cells. Cells of 1 to k−1 people start hidden, with the rows given as
 * hidden; the smallest shown cell of a line that breaks the rule is added, line by line, until no line
 * changes. A line with no shown cell left to add hides whole rows instead: a row its own, a column the rows
 * of its one hidden cell — a hidden row's total is not published, so its cells follow from nothing. A
 * heuristic, as the usual practice of statistical offices is: it rules out subtraction along a line, not
 * every system of equations. (The part in no row alone, of k or more, may follow from a column: it is no
 * row's and nobody's figure.)
 */
export function tableSuppression<R, C>(input: {
  counts: ReadonlyMap<R, ReadonlyMap<C, number>>;
  k: number;
  rowShown: (row: R) => boolean;
  column: ReadonlyMap<C, { shown: boolean; outside: number }>;
}): { cellHidden: (row: R, column: C) => boolean; rowHidden: (row: R) => boolean } {
  const { counts, k } = input;
  const key = (r: R, c: C) => `${String(r)}\u0000${String(c)}`;
  const hidden = new Set<string>();
  const hiddenRows = new Set<R>();
  const hideRow = (r: R) => {
    hiddenRows.add(r);
    for (const c of counts.get(r)!.keys()) hidden.add(key(r, c));
  };
  for (const [r, row] of counts) {
    if (!input.rowShown(r)) hideRow(r);
    else for (const [c, n] of row) if (n > 0 && n < k) hidden.add(key(r, c));
  }
  type Entry = { row: R; key: string; n: number };
  /** One line: its cells, what of it no row shows, whether its total is shown. */
  const check = (entries: Entry[], outside: number, totalShown: boolean): 'ok' | 'changed' | Entry[] => {
    const hiddenEntries = entries.filter((e) => hidden.has(e.key) && e.n > 0);
    const hiddenSum = hiddenEntries.reduce((sum, e) => sum + e.n, 0) + outside;
    const hiddenCount = hiddenEntries.length + (outside > 0 ? 1 : 0);
    const ok = totalShown ? hiddenCount === 0 || (hiddenCount >= 2 && hiddenSum >= k) || (hiddenEntries.length === 0 && hiddenSum >= k) : hiddenSum > 0 || entries.every((e) => e.n === 0);
    if (ok) return 'ok';
    const shown = entries.filter((e) => !hidden.has(e.key) && e.n > 0).sort((a, b) => a.n - b.n);
    if (shown.length === 0) return hiddenEntries;
    hidden.add(shown[0]!.key);
    return 'changed';
  };
  /** Settles one line; true when it hid anything. */
  const settle = (line: () => { entries: Entry[]; outside: number; totalShown: boolean }, own: R | null): boolean => {
    for (let changed = false; ; ) {
      const { entries, outside, totalShown } = line();
      const result = check(entries, outside, totalShown);
      if (result === 'ok') return changed;
      if (result !== 'changed') {
        const rows = (own === null ? result.map((e) => e.row) : [own]).filter((r) => !hiddenRows.has(r));
        if (rows.length === 0) return changed;
        rows.forEach(hideRow);
      }
      changed = true;
      if (own !== null && hiddenRows.has(own)) return true;
    }
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const [r, row] of counts) {
      if (hiddenRows.has(r)) continue;
      if (settle(() => ({ entries: [...row].map(([c, n]) => ({ row: r, key: key(r, c), n })), outside: 0, totalShown: true }), r)) changed = true;
    }
    for (const [c, col] of input.column) {
      const line = () => ({
        entries: [...counts].map(([r, row]) => ({ row: r, key: key(r, c), n: row.get(c) ?? 0 })),
        outside: col.outside,
        totalShown: col.shown,
      });
      if (settle(line, null)) changed = true;
    }
  }
  // The safeguard: what subtraction along the lines gives (derivable) must hold no hidden small cell; a
  // table the heuristic could not close is not published by division at all.
  if (derivesSmall({ counts, k, hidden, hiddenRows, key, column: input.column })) for (const r of counts.keys()) hideRow(r);
  return { cellHidden: (row, column) => hidden.has(key(row, column)), rowHidden: (row) => hiddenRows.has(row) };
}

/**
 * Whether subtraction along lines gives a hidden cell of 1 to k−1 people, or a hidden column total (a
 * company cell) of that size: every line (a row: its total and cells; a column: its total, cells and the
 * part in no row; the company: the rated total and the column totals) with one unknown left makes it known.
 */
function derivesSmall<R, C>(t: {
  counts: ReadonlyMap<R, ReadonlyMap<C, number>>;
  k: number;
  hidden: ReadonlySet<string>;
  hiddenRows: ReadonlySet<R>;
  key: (r: R, c: C) => string;
  column: ReadonlyMap<C, { shown: boolean; outside: number }>;
}): boolean {
  const known = new Map<string, boolean>();
  const columns = [...t.column.keys()];
  const cell = (r: R, c: C) => `cell:${t.key(r, c)}`;
  for (const [r, row] of t.counts) {
    known.set(`row:${String(r)}`, !t.hiddenRows.has(r));
    for (const c of columns) known.set(cell(r, c), row.has(c) ? !t.hidden.has(t.key(r, c)) : !t.hiddenRows.has(r));
  }
  for (const [c, col] of t.column) {
    known.set(`col:${String(c)}`, col.shown);
    known.set(`out:${String(c)}`, false);
  }
  const lines: string[][] = [
    ...[...t.counts.keys()].map((r) => [`row:${String(r)}`, ...columns.map((c) => cell(r, c))]),
    ...columns.map((c) => [`col:${String(c)}`, `out:${String(c)}`, ...[...t.counts.keys()].map((r) => cell(r, c))]),
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const unknown = line.filter((v) => !known.get(v));
      if (unknown.length === 1) {
        known.set(unknown[0]!, true);
        changed = true;
      }
    }
  }
  const small = (n: number) => n > 0 && n < t.k;
  for (const [r, row] of t.counts) for (const [c, n] of row) if (t.hidden.has(t.key(r, c)) && known.get(cell(r, c)) && small(n)) return true;
  for (const [c, col] of t.column) {
    if (col.shown || !known.get(`col:${String(c)}`)) continue;
    const total = [...t.counts.values()].reduce((sum, row) => sum + (row.get(c) ?? 0), 0) + col.outside;
    if (small(total)) return true;
  }
  return false;
}
