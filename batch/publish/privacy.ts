/**
 * The k rule of the artifacts (`privacy.min_group_size`): no aggregate over fewer than k people is published.
 * Two shapes of it, used on purpose:
 * - a group (a department, the people who were assessed): its numbers are null when the group has fewer than
 *   k people — a count of 2 among 12 people says something about 12 people, not about 2;
 * - a cell that is itself the group (a 9-box cell, the people naming a position, the people behind a concern
 *   category): its count is null when 1 to k−1 people are in it; 0 is safe to say.
 */

export const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** True when a group is too small to publish anything about. */
export function isSuppressed(groupSize: number, k: number): boolean {
  return groupSize < k;
}

/** A number about a group, or null when the group has fewer than k people. */
export function ofGroup<T extends number>(groupSize: number, k: number, value: T): T | null {
  return isSuppressed(groupSize, k) ? null : value;
}

/**
 * A number about the part of a group that something applies to (the assessed, those who voiced a wish):
 * null when the group, or a non-empty part, has fewer than k people. An empty part says nothing about anyone.
 */
export function ofSubgroup<T extends number>(groupSize: number, partSize: number, k: number, value: T): T | null {
  if (isSuppressed(groupSize, k)) return null;
  return partSize > 0 && isSuppressed(partSize, k) ? null : value;
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

/** The department fields every per-department aggregate starts with. */
export function departmentRow(d: { department_id: string; name: string; headcount: number }, k: number) {
  return { department_id: d.department_id, name: d.name, headcount: d.headcount, suppressed: isSuppressed(d.headcount, k) };
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
