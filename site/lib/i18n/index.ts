/**
 * The one place a language is chosen: language → dictionary, the language of a page's URL, and the
 * language's pick of batch-written text (`Text`) and of names that come in both languages (skills).
 */
import type { Text } from '../../../schemas/artifacts.ts';
import { en } from './en.ts';
import { ja, type Labels } from './ja.ts';

export type { Labels };

/** Site languages, the default first: Japanese at `/`, English under `/en/`. */
export const LANGS = ['ja', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'ja';

const DICTIONARIES: Record<Lang, Labels> = { ja, en };

export function labels(lang: Lang): Labels {
  return DICTIONARIES[lang];
}

/** The URL prefix of a language: '' for the default, `en` for English. */
export function langSegment(lang: Lang): string | undefined {
  return lang === DEFAULT_LANG ? undefined : lang;
}

/**
 * getStaticPaths of a page that exists once per language: `/x/` and `/en/x/` from `[...lang]/x.astro`
 * (a rest parameter that is undefined gives the path without it). The page reads its language from props.
 */
export function languagePaths(): { params: { lang: string | undefined }; props: { lang: Lang } }[] {
  return LANGS.map((lang) => ({ params: { lang: langSegment(lang) }, props: { lang } }));
}

/** The other language (the language switch links to it). */
export function otherLang(lang: Lang): Lang {
  return lang === 'ja' ? 'en' : 'ja';
}

/** Batch-written text in the page's language. */
export function pickText(text: Text, lang: Lang): string {
  return text[lang];
}

/** A skill's name in the page's language (the taxonomy has both). */
export function skillName(skill: { name_ja: string; name_en: string }, lang: Lang): string {
  return lang === 'ja' ? skill.name_ja : skill.name_en || skill.name_ja;
}

/** A skill category's name: translated when the dictionary knows it, else as the taxonomy writes it. */
export function categoryName(category: string, lang: Lang): string {
  return labels(lang).categoryNames[category] ?? category;
}
