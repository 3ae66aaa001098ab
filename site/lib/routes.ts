/**
 * URLs of the pages, in one place: the page files' `getStaticPaths` and every link use these helpers, so a
 * position's page and the links to it can never disagree. Japanese pages live at the site root, English
 * ones under `/en/`, with the same paths below.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_LANG, LANGS, langSegment, type Lang } from './i18n/index.ts';

/** Site base ("/" unless `base` is set in astro.config.mjs), always ending with "/". */
function base(): string {
  const b = import.meta.env.BASE_URL ?? '/';
  return b.endsWith('/') ? b : `${b}/`;
}

/** A site-internal link: `href('skills/')` → `/skills/` (or `/<base>/skills/`). */
export function href(pathname: string): string {
  return base() + pathname.replace(/^\/+/, '');
}

/** The path of a page below its language prefix: `skills/`, `succession/KP-001/`, `` for the overview. */
export type PagePath = string;

/** `skills/` in `lang`: `/skills/` or `/en/skills/`. */
export function localized(path: PagePath, lang: Lang): string {
  const segment = langSegment(lang);
  return href(segment ? `${segment}/${path}` : path);
}

export interface Routes {
  overview(): string;
  /** The skill map of the company, or of one division. */
  skills(divisionId?: string | null): string;
  /** The 9-box of the company, or of one division (lib/units.ts filterDivisions). */
  pools(divisionId?: string | null): string;
  /** The succession list; page n (1-based) when it is cut into pages. */
  succession(page?: number): string;
  interviews(): string;
  /** Retention risk of the company, or of one division. */
  retention(divisionId?: string | null): string;
  quality(): string;
  position(positionId: string): string;
  /** The succession chart: the whole organisation, or one unit's page when the chart is split (lib/org-chart.ts). */
  chart(unitId?: string | null): string;
  /** A person's talent card (people.json). */
  person(employeeId: string): string;
  /** A skill category's heatmaps, of the company or of one division. */
  skillCategory(category: string, divisionId?: string | null): string;
  /** Page n (1-based) of the gaps against key positions. */
  skillGaps(page?: number): string;
}

export function routes(lang: Lang): Routes {
  return {
    overview: () => localized('', lang),
    skills: (divisionId?: string | null) => localized(divisionId ? `skills/division/${idSlug(divisionId)}/` : 'skills/', lang),
    pools: (divisionId?: string | null) => localized(divisionId ? `pools/division/${idSlug(divisionId)}/` : 'pools/', lang),
    succession: (page = 1) => localized(page <= 1 ? 'succession/' : `succession/pages/${page}/`, lang),
    interviews: () => localized('interviews/', lang),
    retention: (divisionId?: string | null) => localized(divisionId ? `retention/division/${idSlug(divisionId)}/` : 'retention/', lang),
    quality: () => localized('quality/', lang),
    position: (positionId: string) => localized(`succession/${positionSlug(positionId)}/`, lang),
    chart: (unitId?: string | null) => localized(unitId ? `succession/chart/${idSlug(unitId)}/` : 'succession/chart/', lang),
    person: (employeeId: string) => localized(`people/${idSlug(employeeId)}/`, lang),
    skillCategory: (category: string, divisionId?: string | null) =>
      localized(`skills/categories/${idSlug(category)}/${divisionId ? `division/${idSlug(divisionId)}/` : ''}`, lang),
    skillGaps: (page = 1) => localized(page <= 1 ? 'skills/gaps/' : `skills/gaps/${page}/`, lang),
  };
}

/**
 * The page path of a URL pathname, and its language: `/en/skills/` → `skills/` in English; `/skills` →
 * `skills/` in Japanese. Used by the language switch to link to the same page in the other language.
 */
export function pagePathOf(pathname: string): { path: PagePath; lang: Lang } {
  let rest = pathname.startsWith(base()) ? pathname.slice(base().length) : pathname.replace(/^\/+/, '');
  rest = rest.replace(/index\.html$/, '');
  if (rest !== '' && !rest.endsWith('/')) rest += '/';
  for (const lang of LANGS) {
    const segment = langSegment(lang);
    if (segment && (rest === `${segment}/` || rest.startsWith(`${segment}/`))) return { path: rest.slice(segment.length + 1), lang };
  }
  return { path: rest, lang: DEFAULT_LANG };
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * The URL segment of a key position. Ids that are already URL- and file-name-safe (`KP-001`) are kept as
 * they are; any other id becomes its ASCII-safe part plus the first 10 hex digits of its sha256
 * (`営業本部長 / 01` → `01-3f9a…`), which is deterministic and keeps distinct ids distinct.
 */
export function positionSlug(positionId: string): string {
  // succession/chart/ and succession/pages/ are the chart's and the list's: a position with such an id gets the hashed form.
  const lower = positionId.toLowerCase();
  return lower === 'chart' || lower === 'pages' ? `${lower}-${hashOf(positionId)}` : idSlug(positionId);
}

const hashOf = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 10);

/** The URL segment of any id (a key position, a person, a department): `positionSlug`'s rule. */
export function idSlug(id: string): string {
  if (SAFE_ID.test(id)) return id;
  const ascii = id
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 40);
  const hash = hashOf(id);
  return ascii ? `${ascii}-${hash}` : `p-${hash}`;
}

/**
 * Fails when two positions (people, departments) would share a page: duplicate ids, or ids differing only in case (the same
 * folder on case-insensitive file systems).
 */
export function assertDistinctSlugs(positionIds: readonly string[], what: PageKind = POSITIONS): void {
  const seen = new Map<string, string>();
  for (const id of positionIds) {
    const key = what.slug(id).toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) {
      throw new Error(
        `${what.file}: ${what.field}: ${what.noun} "${other}" and "${id}" would share the page ` +
          `${what.folder}/${what.slug(id)}/ — the id must be unique (ignoring case)`,
      );
    }
    seen.set(key, id);
  }
}

/** Pages made one per id: where the ids come from (for the error), the folder and the slug. */
interface PageKind {
  file: string;
  field: string;
  noun: string;
  folder: string;
  slug(id: string): string;
}
const POSITIONS: PageKind = { file: 'succession.json', field: 'positions', noun: 'key positions', folder: 'succession', slug: positionSlug };
export const PEOPLE_PAGES: PageKind = { file: 'people.json', field: 'people', noun: 'people', folder: 'people', slug: idSlug };
/** Divisions: the same ids in skill_map.json, talent_pool.json and retention.json; named by the first. */
export const DIVISION_PAGES: PageKind = { file: 'skill_map.json', field: 'departments', noun: 'divisions', folder: 'skills/division', slug: idSlug };
export const CHART_PAGES: PageKind = { file: 'succession.json', field: 'departments', noun: 'departments', folder: 'succession/chart', slug: idSlug };
