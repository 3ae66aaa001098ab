/**
 * Optional helpers for readers with JavaScript, never needed to read a page: sort buttons in the column
 * headers of tables marked `data-sortable`, a CSV download under every `data-csv` table, and the division
 * filter's links as a select. The controls
 * are created here, so without JavaScript none of them appears. Their words come from the page's dictionary through data attributes on
 * <body> (data-ui-*).
 */
import { csvFileName, csvValue, toCsv } from '../lib/csv.ts';
import { compareKeys, sortKey } from '../lib/table-sort.ts';

const ui = document.body.dataset;
const lang = document.documentElement.lang || 'ja';
const collator = new Intl.Collator(lang, { numeric: true });

/**
 * A cell's text. textContent, not innerText: innerText is empty for anything not rendered, and most tables
 * sit in <details> that are closed when this runs (their headers and CSV columns came out blank).
 */
function cellText(cell: Element): string {
  return (cell.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function headerLabel(th: HTMLElement): string {
  return th.dataset.label ?? cellText(th);
}

// ── sorting ────────────────────────────────────────────────────────────────────────────────────────────

function makeSortable(table: HTMLTableElement): void {
  const headers = [...table.querySelectorAll<HTMLTableCellElement>('thead th')];
  const body = table.tBodies[0];
  if (!body) return;
  headers.forEach((th, column) => {
    const label = cellText(th);
    th.dataset.label = label;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.textContent = label;
    button.setAttribute('aria-label', (ui.uiSort ?? '{}').replace('{}', label));
    th.replaceChildren(button);
    button.addEventListener('click', () => {
      const descending = th.getAttribute('aria-sort') === 'ascending';
      const numeric = th.classList.contains('num');
      const rows = [...body.rows].map((row, index) => {
        const cell = row.cells[column];
        return { row, index, key: cell ? sortKey(cellText(cell), cell.dataset.sort, numeric) : ({ kind: 'empty' } as const) };
      });
      // Stable: equal keys keep their published order.
      rows.sort((a, b) => compareKeys(a.key, b.key, descending, collator) || a.index - b.index);
      body.append(...rows.map((r) => r.row));
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    });
  });
}

// ── CSV download ───────────────────────────────────────────────────────────────────────────────────────

/** Each table's name for its CSV: the id of its section or figure, numbered when several share one. */
function csvNames(tables: HTMLTableElement[]): (string | number)[] {
  const base = tables.map((t) => t.closest('figure[id]')?.id ?? t.closest('section[aria-labelledby]')?.getAttribute('aria-labelledby') ?? null);
  return base.map((name, i) => {
    if (name === null) return i;
    const same = base.filter((b) => b === name).length;
    return same === 1 ? name : `${name}-${base.slice(0, i + 1).filter((b) => b === name).length}`;
  });
}

function addCsvButton(table: HTMLTableElement, name: string | number): void {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'csv';
  button.textContent = ui.uiCsv ?? 'CSV';
  const caption = table.caption ? cellText(table.caption) : '';
  if (caption) button.setAttribute('aria-label', `${button.textContent}: ${caption}`);
  button.addEventListener('click', () => {
    const headers = [...table.querySelectorAll<HTMLElement>('thead th')];
    const numeric = headers.map((th) => th.classList.contains('num'));
    const rows = [...(table.tBodies[0]?.rows ?? [])].map((row) => [...row.cells].map((cell, i) => csvValue(cellText(cell), cell.dataset.sort, numeric[i] ?? false)));
    const header = headers.map(headerLabel);
    const url = URL.createObjectURL(new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = csvFileName(location.pathname, name);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  const tools = document.createElement('p');
  tools.className = 'table-tools';
  tools.append(button);
  (table.closest('.table-wrap') ?? table).after(tools);
}

// ── division filter ────────────────────────────────────────────────────────────────────────────────

/**
 * The division filter's links as one select and a button (components/DivisionFilter.astro): the button
 * goes to the chosen division's page — choosing alone does not, so that arrowing through the options
 * never leaves the page (WCAG 3.2.2). The links stay in the page, hidden.
 */
function makeDivisionSelect(nav: HTMLElement): void {
  const links = [...nav.querySelectorAll<HTMLAnchorElement>('a[href]')];
  const list = nav.querySelector('ul');
  if (links.length < 2 || !list) return;
  const label = document.createElement('label');
  label.textContent = `${nav.getAttribute('aria-label') ?? ''} `;
  const select = document.createElement('select');
  for (const link of links) {
    const option = new Option(cellText(link), link.href, false, link.getAttribute('aria-current') === 'page');
    select.append(option);
  }
  label.append(select);
  const go = document.createElement('button');
  go.type = 'button';
  go.className = 'go';
  go.textContent = ui.uiGo ?? 'Go';
  go.addEventListener('click', () => location.assign(select.value));
  const control = document.createElement('p');
  control.append(label, ' ', go);
  nav.querySelector('p.note')?.replaceWith(control);
  list.hidden = true;
}

document.querySelectorAll<HTMLElement>('nav[data-division-filter]').forEach(makeDivisionSelect);
document.querySelectorAll<HTMLTableElement>('table[data-sortable]').forEach(makeSortable);
const csvTables = [...document.querySelectorAll<HTMLTableElement>('table[data-csv]')];
const names = csvNames(csvTables);
csvTables.forEach((table, i) => addCsvButton(table, names[i]!));
