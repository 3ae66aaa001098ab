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

/**
 * A file name for a table's CSV: the page path and the table's name (the id of the section or figure it is
 * in, `slate`, `largest-gaps`), `<page>-<table>.csv`; the table's place on the page when it has no name.
 */
export function csvFileName(pathname: string, table: string | number): string {
  const slug = (text: string) => text.replace(/[^\p{L}\p{N}_-]+/gu, '_');
  const page = decodeURIComponent(pathname)
    .split('/')
    .filter((part) => part !== '' && part !== 'index.html')
    .join('-');
  return `${slug(page) || 'overview'}-${typeof table === 'number' ? table + 1 : slug(table)}.csv`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A figure as the pages write it: 1,234 / 12.5 / 33% with a unit after it (人, 件, people, slates …). */
const FIGURE = /^(-?\d{1,3}(?:,\d{3})+|-?\d+)(\.\d+)?(%?)\s*(?:人|件|枠|か月|日|秒|年|people|person|slates?|months?|days?|s)?$/u;

/**
 * A cell as the CSV holds it: the ISO date a date cell sorts by (2027-09-01, not 2027年9月1日), a figure of a
 * numeric column as a plain number (1234, not 1,234人; a share keeps its %), anything else as shown.
 */
export function csvValue(text: string, sortKey: string | undefined, numeric: boolean): string {
  if (sortKey !== undefined && ISO_DATE.test(sortKey)) return sortKey;
  if (!numeric) return text;
  const m = FIGURE.exec(text.trim());
  return m ? `${m[1]!.replaceAll(',', '')}${m[2] ?? ''}${m[3]}` : text;
}
