/**
 * CSV of a table for the optional download button: papaparse's quoting, a BOM so Excel opens UTF-8
 * Japanese correctly, CRLF lines, and every cell made safe against formula injection first.
 */
import Papa from 'papaparse';

/** What spreadsheet programs read as the start of a formula (or of a DDE payload). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet will show as text: one starting with = + - @ TAB or CR gets a leading single quote
 * (OWASP's advice), so `=HYPERLINK(…)` in a department name cannot run when the file is opened.
 */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The CSV text of a header row and data rows, every cell neutralized. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const csv = Papa.unparse(
    { fields: header.map(neutralizeFormula), data: rows.map((row) => row.map(neutralizeFormula)) },
    { newline: '\r\n', quotes: false, escapeFormulae: false },
  );
  return `\uFEFF${csv}\r\n`;
}

/** A file name for a table's CSV from the page path and the table's place on it: `en-skills-3.csv`. */
export function csvFileName(pathname: string, index: number): string {
  const slug = decodeURIComponent(pathname)
    .split('/')
    .filter((part) => part !== '' && part !== 'index.html')
    .join('-')
    .replace(/[^\p{L}\p{N}_-]+/gu, '_');
  return `${slug || 'overview'}-${index + 1}.csv`;
}
