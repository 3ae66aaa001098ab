/**
 * Sort keys of table cells for the optional sort buttons. A numeric column sorts by the number its text
 * starts with ("1,234人", "33%", "12.5"); cells without one ("—", "非表示（n<5）") always go last, in either
 * direction. A cell's `data-sort` (an ISO date, a rank) wins over its text.
 */
export type SortKey = { kind: 'number'; value: number } | { kind: 'text'; value: string } | { kind: 'empty' };

const LEADING_NUMBER = /^[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/;

export function sortKey(text: string, explicit: string | undefined, numeric: boolean): SortKey {
  if (explicit !== undefined) {
    const value = explicit.trim();
    if (value === '') return { kind: 'empty' };
    return /^-?\d+(?:\.\d+)?$/.test(value) ? { kind: 'number', value: Number(value) } : { kind: 'text', value };
  }
  const source = text.trim();
  if (source === '' || source === '—') return { kind: 'empty' };
  if (numeric) {
    const match = LEADING_NUMBER.exec(source);
    return match ? { kind: 'number', value: Number(match[0].replace(/,/g, '').replace('−', '-')) } : { kind: 'empty' };
  }
  return { kind: 'text', value: source };
}

/** Ascending or descending order of two keys; empty keys last either way, numbers before text. */
export function compareKeys(a: SortKey, b: SortKey, descending: boolean, collator: Intl.Collator): number {
  if (a.kind === 'empty' || b.kind === 'empty') return a.kind === b.kind ? 0 : a.kind === 'empty' ? 1 : -1;
  let order: number;
  if (a.kind === 'number' && b.kind === 'number') order = a.value - b.value;
  else if (a.kind === 'text' && b.kind === 'text') order = collator.compare(a.value, b.value);
  else order = a.kind === 'number' ? -1 : 1;
  return descending ? -order : order;
}
