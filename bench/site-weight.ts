import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

/**
 * The local files a page makes the browser fetch: stylesheets, scripts, module preloads, icons, images and
 * embedded objects, as root-relative or page-relative paths (external URLs and data: URLs are not ours).
 * `pagePath` is the page's path in the site, e.g. `index.html` or `en/index.html`.
 */
export function referencedAssets(html: string, pagePath: string): string[] {
  const found = new Set<string>();
  const tag = /<(link|script|img|source|object|iframe)\b([^>]*)>/gi;
  for (const m of html.matchAll(tag)) {
    const name = m[1]!.toLowerCase();
    const attrs = m[2]!;
    const attr = (a: string) => new RegExp(`\\b${a}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
    const value = (a: string) => {
      const x = attr(a);
      return x ? (x[1] ?? x[2] ?? x[3] ?? '') : null;
    };
    const urls: string[] = [];
    if (name === 'link') {
      const rel = (value('rel') ?? '').toLowerCase();
      if (/\b(stylesheet|preload|modulepreload|icon|manifest)\b/.test(rel)) urls.push(value('href') ?? '');
    } else if (name === 'object') urls.push(value('data') ?? '');
    else {
      urls.push(value('src') ?? '');
      for (const part of (value('srcset') ?? '').split(',')) urls.push(part.trim().split(/\s+/)[0] ?? '');
    }
    for (const u of urls) {
      const local = resolveLocal(u, pagePath);
      if (local) found.add(local);
    }
  }
  return [...found].sort();
}

function resolveLocal(url: string, pagePath: string): string | null {
  if (!url || /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url)) return null;
  const path = url.split(/[?#]/)[0]!;
  const joined = path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(pagePath), path);
  return posix.normalize(joined).replace(/^(\.\.\/)+/, '');
}

export interface PageWeight {
  page: string;
  htmlBytes: number;
  assets: Array<{ path: string; bytes: number }>;
  totalBytes: number;
}

/** A built page's weight: its HTML plus every local file it loads (missing files count as 0 and are listed). */
export function pageWeight(distDir: string, page: string): PageWeight {
  const html = readFileSync(join(distDir, page), 'utf8');
  const assets = referencedAssets(html, page).map((p) => ({ path: p, bytes: existsSync(join(distDir, p)) ? statSync(join(distDir, p)).size : 0 }));
  const htmlBytes = Buffer.byteLength(html);
  return { page, htmlBytes, assets, totalBytes: htmlBytes + assets.reduce((a, x) => a + x.bytes, 0) };
}

/** Bytes and files under a folder. */
export function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    bytes += statSync(join(e.parentPath, e.name)).size;
    files++;
  }
  return { bytes, files };
}

/** The heaviest HTML page of a built site with what it loads (ties: the first path in sort order); null without pages. */
export function largestPage(distDir: string): PageWeight | null {
  const pages = readdirSync(distDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => posix.join(...relative(distDir, join(e.parentPath, e.name)).split(sep)))
    .sort();
  let best: PageWeight | null = null;
  for (const page of pages) {
    const w = pageWeight(distDir, page);
    if (!best || w.totalBytes > best.totalBytes) best = w;
  }
  return best;
}
