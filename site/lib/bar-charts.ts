/**
 * Horizontal bar charts of aggregates by department or category: shares (with an optional target tick),
 * retention risk as stacked shares, and counts. Suppressed rows keep their place and say so in text
 * instead of a bar, so a small department never looks like a zero. Colours: one Okabe–Ito hue per meaning,
 * the same on every page (RISK_COLORS, SHARE_COLOR, COUNT_COLOR).
 */
import * as Plot from '@observablehq/plot';
import type { RetentionRisk } from '../../schemas/artifacts.ts';
import type { PageContext } from './page.ts';
import { NEUTRAL_FILL, OKABE_ITO, renderPlot, TEXT_DARK, textColorOn, textWidth } from './plot.ts';

export const SHARE_COLOR = OKABE_ITO.blue;
export const COUNT_COLOR = OKABE_ITO.blue;
export const TARGET_COLOR = OKABE_ITO.black;
/** Retention risk levels: warm for risk, the same on the retention page, the position pages and in legends. */
export const RISK_COLORS: Record<RetentionRisk, string> = {
  high: OKABE_ITO.vermillion,
  medium: OKABE_ITO.orange,
  low: OKABE_ITO.skyBlue,
  unknown: NEUTRAL_FILL,
};

const BAR_WIDTH = 480;
const ROW_HEIGHT = 30;

export interface ShareRow {
  /** Stable key of the row (department id, skill id). */
  key: string;
  label: string;
  /** 0–1, or null when suppressed. */
  share: number | null;
  /** What the end of the bar says: the share, or the suppression note. */
  text: string;
  /** A target share drawn as a tick across the bar. */
  target?: number | null;
}

function marginFor(labels: readonly string[]): number {
  return Math.max(40, ...labels.map((l) => textWidth(l))) + 14;
}

/** One bar per row (0–100 %), the value written at its end, a black tick at the target when given. */
export function shareBars(input: { id: string; rows: readonly ShareRow[]; ariaLabel: string; ctx: PageContext }): string {
  const { rows } = input;
  const shown = rows.filter((r) => r.share !== null);
  const targets = rows.filter((r) => r.target !== undefined && r.target !== null);
  return renderPlot(
    {
      ...shareFrame(input),
      marks: [
        Plot.barX(shown, { x: 'share', y: 'key', fill: SHARE_COLOR }),
        Plot.tickX(targets, { x: 'target', y: 'key', stroke: TARGET_COLOR, strokeWidth: 3 }),
        // The value is written right of the bar, or of the target tick when that lies further right.
        Plot.text(rows, { x: (r: ShareRow) => Math.max(r.share ?? 0, r.target ?? 0), y: 'key', text: 'text', dx: 8, textAnchor: 'start', fill: TEXT_DARK }),
        Plot.ruleX([0]),
      ],
    },
    { id: input.id },
  );
}

export interface RiskRow {
  key: string;
  label: string;
  /** Null when the row is suppressed (then `note` is written instead of bars). */
  counts: { high: number; medium: number; low: number } | null;
  note: string;
}

const RISK_ORDER = ['high', 'medium', 'low'] as const;

/** The frame shared by the horizontal 0–100 % bar charts: one labelled row per key, a percent axis. */
function shareFrame(input: { rows: readonly { key: string; label: string }[]; ariaLabel: string; ctx: PageContext }): Plot.PlotOptions {
  const { rows, ctx } = input;
  const marginLeft = marginFor(rows.map((r) => r.label));
  const labelOf = new Map(rows.map((r) => [r.key, r.label]));
  return {
    width: marginLeft + BAR_WIDTH + 130,
    height: 44 + rows.length * ROW_HEIGHT,
    marginLeft,
    marginRight: 130,
    marginTop: 8,
    marginBottom: 36,
    ariaLabel: input.ariaLabel,
    x: { domain: [0, 1], grid: true, ticks: [0, 0.25, 0.5, 0.75, 1], tickFormat: (v: number) => ctx.f.percent(v), label: null },
    y: { domain: rows.map((r) => r.key), tickFormat: (k: string) => labelOf.get(k) ?? k, label: null, tickSize: 0, padding: 0.25 },
  };
}

/** Retention risk per row as shares of the people assessed, stacked high → medium → low. */
export function riskBars(input: { id: string; rows: readonly RiskRow[]; ariaLabel: string; ctx: PageContext }): string {
  const { rows, ctx } = input;
  const segments = rows.flatMap((r) => {
    if (!r.counts) return [];
    const assessed = r.counts.high + r.counts.medium + r.counts.low;
    if (assessed === 0) return [];
    return RISK_ORDER.map((level) => {
      const share = r.counts![level] / assessed;
      return {
        key: r.key,
        level,
        share,
        fill: RISK_COLORS[level],
        ink: textColorOn(RISK_COLORS[level]),
        text: share >= 0.08 ? ctx.f.percent(share) : '',
        title: `${r.label} ${ctx.f.risk(level)}: ${ctx.f.percent(share)}`,
      };
    });
  });
  const notes = rows.filter((r) => !r.counts || r.counts.high + r.counts.medium + r.counts.low === 0);
  return renderPlot(
    {
      ...shareFrame(input),
      color: { type: 'identity' },
      marks: [
        Plot.barX(segments, Plot.stackX({ x: 'share', y: 'key', fill: 'fill', title: 'title', order: null })),
        Plot.text(segments, Plot.stackX({ x: 'share', y: 'key', text: 'text', fill: 'ink', order: null })),
        Plot.text(notes, { x: 0, y: 'key', text: 'note', dx: 6, textAnchor: 'start', fill: TEXT_DARK }),
        Plot.ruleX([0]),
      ],
    },
    { id: input.id },
  );
}

/** Legend entries of riskBars, in the language of the page. */
export function riskLegend(ctx: PageContext): { label: string; color: string }[] {
  return RISK_ORDER.map((level) => ({ label: ctx.f.risk(level), color: RISK_COLORS[level] }));
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

/** One bar per row, its count written at the end. */
export function countBars(input: { id: string; rows: readonly CountRow[]; ariaLabel: string; ctx: PageContext }): string {
  const { rows, ctx } = input;
  const marginLeft = marginFor(rows.map((r) => r.label));
  const labelOf = new Map(rows.map((r) => [r.key, r.label]));
  const max = Math.max(1, ...rows.map((r) => r.count));
  return renderPlot(
    {
      width: marginLeft + BAR_WIDTH + 80,
      height: 44 + rows.length * ROW_HEIGHT,
      marginLeft,
      marginRight: 80,
      marginTop: 8,
      marginBottom: 36,
      ariaLabel: input.ariaLabel,
      x: { domain: [0, max], grid: true, ticks: Math.min(max, 5), tickFormat: (v: number) => (Number.isInteger(v) ? ctx.f.int(v) : ''), label: null },
      y: { domain: rows.map((r) => r.key), tickFormat: (k: string) => labelOf.get(k) ?? k, label: null, tickSize: 0, padding: 0.25 },
      marks: [
        Plot.barX(rows, { x: 'count', y: 'key', fill: COUNT_COLOR }),
        Plot.text(rows, { x: 'count', y: 'key', text: (r: CountRow) => ctx.f.int(r.count), dx: 6, textAnchor: 'start', fill: TEXT_DARK }),
        Plot.ruleX([0]),
      ],
    },
    { id: input.id },
  );
}
