/**
 * URLs of the pages, in one place: the page files' `getStaticPaths` and every link use these helpers, so a
 * position's page and the links to it can never disagree.
 */
import { createHash } from 'node:crypto';

/** Site base ("/" unless `base` is set in astro.config.mjs), always ending with "/". */
function base(): string {
  const b = import.meta.env.BASE_URL ?? '/';
  return b.endsWith('/') ? b : `${b}/`;
}

/** A site-internal link: `href('skills/')` → `/skills/` (or `/<base>/skills/`). */
export function href(pathname: string): string {
  return base() + pathname.replace(/^\/+/, '');
}

export const routes = {
  overview: () => href(''),
  skills: () => href('skills/'),
  pools: () => href('pools/'),
  succession: () => href('succession/'),
  quality: () => href('quality/'),
  position: (positionId: string) => href(`succession/${positionSlug(positionId)}/`),
};

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * The URL segment of a key position. Ids that are already URL- and file-name-safe (`KP-001`) are kept as
 * they are; any other id becomes its ASCII-safe part plus the first 10 hex digits of its sha256
 * (`営業本部長 / 01` → `01-3f9a…`), which is deterministic and keeps distinct ids distinct.
 */
export function positionSlug(positionId: string): string {
  if (SAFE_ID.test(positionId)) return positionId;
  const ascii = positionId
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 40);
  const hash = createHash('sha256').update(positionId, 'utf8').digest('hex').slice(0, 10);
  return ascii ? `${ascii}-${hash}` : `p-${hash}`;
}

/**
 * Fails when two positions would share a page: duplicate ids, or ids differing only in case (the same
 * folder on case-insensitive file systems).
 */
export function assertDistinctSlugs(positionIds: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const id of positionIds) {
    const key = positionSlug(id).toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) {
      throw new Error(
        `succession.json: positions: key positions "${other}" and "${id}" would share the page ` +
          `succession/${positionSlug(id)}/ — position_id must be unique (ignoring case)`,
      );
    }
    seen.set(key, id);
  }
}
