/**
 * What every page needs for its language, in one object: the dictionary (`t`), the formatter (`f`), the
 * routes (`r`), and the language's pick of batch-written text and skill names.
 */
import type { Text } from '../../schemas/artifacts.ts';
import { loadArtifacts } from './artifacts.ts';
import { formatter, type Format } from './format.ts';
import { categoryName, labels, pickText, skillName, type Labels, type Lang } from './i18n/index.ts';
import { routes, type Routes } from './routes.ts';

export interface PageContext {
  lang: Lang;
  t: Labels;
  f: Format;
  r: Routes;
  /** Batch-written text (`{ ja, en }`) in this language. */
  text(value: Text): string;
  /** A skill's name in this language. */
  skill(s: { name_ja: string; name_en: string }): string;
  /** A skill category's name in this language. */
  category(name: string): string;
  /** A department's name in this language (overview.json names_en on English pages), or the dash for none. */
  department(name: string | null): string;
  /** A key position's title in this language. */
  position(p: { position_id: string; title: string }): string;
  /** A person's talent card; undefined for someone the site has no card of (not in people.json). */
  personHref(p: { employee_id: string }): string | undefined;
  /** A person as a table cell: their label, linked to their card when there is one. */
  personCell(p: { name: string | null; employee_id: string }): { text: string; href?: string; person: true };
}

const cache = new Map<Lang, PageContext>();
let cards: Set<string> | undefined;
const englishNames = () => loadArtifacts().overview.names_en;
const cardIds = () => (cards ??= new Set(loadArtifacts().people.people.map((p) => p.employee_id)));

export function pageContext(lang: Lang): PageContext {
  let ctx = cache.get(lang);
  if (!ctx) {
    ctx = {
      lang,
      t: labels(lang),
      f: {
        ...formatter(lang),
        // How to label a person shown by id depends on the artifact set (manifest.ids), read when first needed.
        person: (p) => formatter(lang, loadArtifacts().manifest.ids).person(p),
      },
      r: routes(lang),
      text: (value) => pickText(value, lang),
      skill: (s) => skillName(s, lang),
      category: (name) => categoryName(name, lang),
      department: (name) => (name === null ? labels(lang).common.none : lang === 'en' ? (englishNames().departments[name] ?? name) : name),
      position: (p) => (lang === 'en' ? (englishNames().positions[p.position_id] ?? p.title) : p.title),
      personHref: (p) => (cardIds().has(p.employee_id) ? routes(lang).person(p.employee_id) : undefined),
      personCell: (p) => {
        const link = ctx!.personHref(p);
        return link ? { text: ctx!.f.person(p), href: link, person: true } : { text: ctx!.f.person(p), person: true };
      },
    };
    cache.set(lang, ctx);
  }
  return ctx;
}
