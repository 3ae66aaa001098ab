import { createHmac } from 'node:crypto';

/**
 * A published employee id under `privacy.pseudonymize_ids`: `P-` and the first 10 hex digits of
 * HMAC-SHA256(key, id). Keyed, so nobody without the key can recover an id by hashing every candidate id;
 * stable, so the same person has the same pseudonym on every page and every night.
 */
export function pseudonym(key: string, employeeId: string): string {
  return `P-${createHmac('sha256', key).update(employeeId, 'utf8').digest('hex').slice(0, 10)}`;
}

/**
 * How ids are published: as they are, or as pseudonyms. Called only on published rows (slates, incumbents,
 * 9-box members), a few per key position, never once per employee: DuckDB has no HMAC function.
 */
export function publicIdFunction(key: string | null): (employeeId: string) => string {
  if (key === null) return (id) => id;
  const cache = new Map<string, string>();
  return (id) => {
    let p = cache.get(id);
    if (p === undefined) cache.set(id, (p = pseudonym(key, id)));
    return p;
  };
}
