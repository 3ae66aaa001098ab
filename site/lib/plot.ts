/**
 * Server-side rendering of @observablehq/plot charts to an SVG string at build time, with jsdom as the
 * document. Pages embed the string with `set:html`; no JavaScript reaches the browser.
 *
 * Determinism: Plot numbers clip paths, patterns and markers with process-wide counters
 * (`plot-clip-7`), so the same chart would get other ids depending on what was rendered before it.
 * `stabilizeIds` renames every id in the output to `<chart id>-<n>` in document order, and rewrites the
 * references (`url(#…)`, `href="#…"`), so a chart's markup depends only on its own data.
 */
import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';

/**
 * Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
 * https://jfly.uni-koeln.de/color/ — order chosen so neighbours in a stack contrast in lightness too.
 */
export const OKABE_ITO = {
  blue: '#0072B2',
  orange: '#E69F00',
  bluishGreen: '#009E73',
  reddishPurple: '#CC79A7',
  skyBlue: '#56B4E9',
  vermillion: '#D55E00',
  yellow: '#F0E442',
  black: '#000000',
} as const;

/** Sequential single-hue scheme for shares (monotone in lightness, so readable without hue). */
export const SEQUENTIAL_SCHEME = 'blues';
/** Fill of suppressed or empty cells. */
export const NEUTRAL_FILL = '#e6e6e6';
export const TEXT_DARK = '#1a1a1a';
export const TEXT_LIGHT = '#ffffff';

/** Font size of chart text in px: larger than Plot's 10px default, Japanese glyphs need it. */
export const CHART_FONT_SIZE = 12;

let document: Document | undefined;
function sharedDocument(): Document {
  // One jsdom window per process: charts are serialized immediately and never attached to it.
  document ??= new JSDOM('<!DOCTYPE html><html><body></body></html>').window.document;
  return document;
}

export interface RenderOptions {
  /** Stable, page-unique id of the chart: the prefix of every id inside the SVG. */
  id: string;
}

/** Renders a Plot chart to its SVG markup (`<svg …>…</svg>`), deterministic for the same options. */
export function renderPlot(options: Plot.PlotOptions, { id }: RenderOptions): string {
  const node = Plot.plot({
    ...options,
    document: sharedDocument(),
    style: {
      fontFamily: 'inherit',
      fontSize: `${CHART_FONT_SIZE}px`,
      color: TEXT_DARK,
      background: 'transparent',
      overflow: 'visible',
      ...(typeof options.style === 'object' && options.style !== null ? options.style : {}),
    },
  });
  // role="img": the chart is one image named by its aria-label; the numbers are in the table alternative.
  // Plot also names its groups (`<g aria-label="bar">`): inside an image they say nothing, and axe counts
  // aria-label on a <g> without a role as a prohibited attribute, so they go.
  const markup = (node as Element).outerHTML.replace(/^<svg /, '<svg role="img" ').replace(/(<g\b[^>]*?) aria-label="[^"]*"/g, '$1');
  return stabilizeIds(roundCoordinates(markup), id);
}

/**
 * Rounds the numbers inside attribute values to 2 decimals (`391.40000000000003` → `391.4`): smaller
 * pages, no floating-point noise in diffs. Text content is left alone.
 */
export function roundCoordinates(markup: string): string {
  return markup.replace(/(\s[\w:-]+=")([^"]*)(")/g, (_, a: string, value: string, b: string) =>
    a + value.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100)) + b,
  );
}

/** Renames all ids to `<prefix>-1`, `<prefix>-2`, … in order of appearance and rewrites references. */
export function stabilizeIds(markup: string, prefix: string): string {
  const safePrefix = prefix.replace(/[^A-Za-z0-9_-]/g, '_');
  const renames = new Map<string, string>();
  for (const match of markup.matchAll(/\sid="([^"]+)"/g)) {
    const old = match[1]!;
    if (!renames.has(old)) renames.set(old, `${safePrefix}-${renames.size + 1}`);
  }
  if (renames.size === 0) return markup;
  return markup
    .replace(/(\sid=")([^"]+)(")/g, (_, a: string, old: string, b: string) => a + (renames.get(old) ?? old) + b)
    .replace(/url\(#([^)]+)\)/g, (whole, old: string) => (renames.has(old) ? `url(#${renames.get(old)})` : whole))
    .replace(/(href=")#([^"]+)(")/g, (whole, a: string, old: string, b: string) =>
      renames.has(old) ? `${a}#${renames.get(old)}${b}` : whole,
    );
}

/**
 * Approximate rendered width of `text` in px (Plot does not measure text, margins are set by hand):
 * full-width (CJK, kana, full-width forms) glyphs are 1em, others about 0.6em.
 */
export function textWidth(text: string, fontSize: number = CHART_FONT_SIZE): number {
  let ems = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000;
    ems += wide ? 1 : 0.6;
  }
  return Math.ceil(ems * fontSize);
}

/** WCAG relative luminance of a `#rrggbb` or `rgb(r, g, b)` colour. */
export function luminance(color: string): number {
  const rgb = parseColor(color);
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Black or white text, whichever contrasts more with `background`: at least 4.58:1 on any colour
 * (the worst case is a background of luminance 0.179), so WCAG AA holds for text in cells and bars.
 */
export function textColorOn(background: string): string {
  const l = luminance(background);
  return 1.05 / (l + 0.05) > (l + 0.05) / 0.05 ? TEXT_LIGHT : '#000000';
}

/** The colour of `share` (0–1) in the sequential scheme, as Plot draws it. */
export function sequentialColor(share: number): string {
  return shareScale().apply(share) as string;
}

let shareScaleCache: ReturnType<typeof Plot.scale> | undefined;
function shareScale(): ReturnType<typeof Plot.scale> {
  shareScaleCache ??= Plot.scale({ color: { type: 'linear', scheme: SEQUENTIAL_SCHEME, domain: [0, 1] } });
  return shareScaleCache;
}

function parseColor(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(color);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`unsupported colour ${color}`);
}
