import { TABLES } from '../batch/model/tables.ts';

/** Prints the DuckDB table reference as Markdown (pasted into the README; a test keeps the two in step). */
export function tableDocs(): string {
  return TABLES.map((t) => {
    const rows = t.columns.map(([n, type, c]) => `| \`${n}\` | ${type.replace(/ (PRIMARY KEY|NOT NULL)/g, '').toLowerCase()} | ${c.replaceAll('|', '\\|')} |`).join('\n');
    return `#### \`${t.name}\`\n${t.comment}\n\n| column | type | meaning |\n|---|---|---|\n${rows}\n`;
  }).join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(tableDocs());
