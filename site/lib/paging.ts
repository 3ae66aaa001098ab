/** Long lists cut into pages of a fixed size, so a page's weight does not grow with the company. */
import { languagePaths } from './i18n/index.ts';

/** `items` in pages of `perPage` (the last one shorter); no pages for no items. */
export function pagesOf<T>(items: readonly T[], perPage: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += perPage) pages.push(items.slice(i, i + perPage));
  return pages;
}

/** Key positions per page of the succession list (about 500 bytes a row, and few enough for a phone to lay out without a long task). */
export const POSITIONS_PER_PAGE = 100;

/** The static paths of pages 2 … n of a list (page 1 is the list's own page), in every language: `[page].astro`. */
export function laterPagePaths(pages: number) {
  return languagePaths().flatMap(({ params, props }) => Array.from({ length: Math.max(0, pages - 1) }, (_, i) => ({ params: { ...params, page: String(i + 2) }, props: { ...props, page: i + 2 } })));
}
