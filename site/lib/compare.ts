/** Code-unit order of two strings: the same on every machine and locale, as byte-identical builds need. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
