import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { Taxonomy, TaxonomySkill } from '../../schemas/taxonomy.ts';
import { CliError, EXIT } from '../errors.ts';

const COLUMNS = ['skill_id', 'name_ja', 'name_en', 'category', 'synonyms'] as const;

/** Parses the taxonomy CSV (synonyms separated by |); every problem names its line and column. */
export function parseTaxonomyCsv(text: string, file: string): Taxonomy {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const missing = COLUMNS.filter((c) => !header?.map((h) => h.trim()).includes(c));
  if (!header || missing.length > 0) {
    throw new CliError(`${file}: line 1: the taxonomy needs the columns ${COLUMNS.join(',')}; missing: ${missing.join(', ')}.`, EXIT.input);
  }
  const at = Object.fromEntries(COLUMNS.map((c) => [c, header.findIndex((h) => h.trim() === c)])) as Record<(typeof COLUMNS)[number], number>;
  const problems: string[] = [];
  const skills = rows.map((r, i) => {
    const cell = (c: (typeof COLUMNS)[number]) => (r[at[c]] ?? '').trim();
    const result = TaxonomySkill.safeParse({
      skill_id: cell('skill_id'),
      name_ja: cell('name_ja'),
      name_en: cell('name_en'),
      category: cell('category'),
      synonyms: cell('synonyms').split('|').map((s) => s.trim()).filter(Boolean),
    });
    if (!result.success) for (const issue of result.error.issues) problems.push(`  line ${i + 2}: ${issue.path.join('.')}: ${issue.message}`);
    return result.data;
  });
  const all = Taxonomy.safeParse(skills.filter((s) => s !== undefined));
  if (!all.success) for (const issue of all.error.issues) problems.push(`  line ${Number(issue.path[0]) + 2}: ${issue.message}`);
  if (problems.length > 0) throw new CliError(`${file}: the taxonomy is not valid:\n${problems.join('\n')}`, EXIT.input);
  return all.data!;
}

export async function loadTaxonomy(path: string, shownAs: string): Promise<Taxonomy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read the taxonomy ${shownAs}: ${(e as NodeJS.ErrnoException).code ?? String(e)}. Check the "taxonomy" key of the config.`, EXIT.config);
  }
  return parseTaxonomyCsv(text, shownAs);
}
