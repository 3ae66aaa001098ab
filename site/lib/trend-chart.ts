/**
 * The skill trend: company-wide share at or above the level threshold per category, one point per run.
 * Small multiples (one panel per category, the same scales, one hue) instead of a dozen coloured lines:
 * readable in grey print and without telling colours apart.
 */
import * as Plot from '@observablehq/plot';
import type { SkillMap } from '../../schemas/artifacts.ts';
import { SHARE_COLOR } from './bar-charts.ts';
import type { PageContext } from './page.ts';
import { renderPlot, TEXT_DARK } from './plot.ts';

type TrendPoint = SkillMap['trend'][number];

const COLUMNS = 3;
const PANEL_WIDTH = 230;
const PANEL_HEIGHT = 140;

/** The distinct run dates of the trend, oldest first: the chart needs at least two. */
export function trendDates(trend: readonly TrendPoint[]): string[] {
  return [...new Set(trend.map((p) => p.as_of))].sort();
}

/** Categories in the order given (taxonomy order), then any others in the trend, alphabetically. */
export function trendCategories(trend: readonly TrendPoint[], order: readonly string[]): string[] {
  const present = new Set(trend.map((p) => p.category));
  const known = order.filter((c) => present.has(c));
  const others = [...present].filter((c) => !order.includes(c)).sort();
  return [...known, ...others];
}

export function trendChart(input: { id: string; trend: readonly TrendPoint[]; categories: readonly string[]; ariaLabel: string; ctx: PageContext }): string {
  const { ctx } = input;
  const dates = trendDates(input.trend);
  const categories = trendCategories(input.trend, input.categories);
  const columns = Math.min(COLUMNS, categories.length);
  const panel = new Map(categories.map((c, i) => [c, { col: i % columns, row: Math.floor(i / columns) }]));
  const points = [...input.trend]
    .filter((p) => panel.has(p.category))
    .sort((a, b) => a.category.localeCompare(b.category) || a.as_of.localeCompare(b.as_of))
    .map((p) => ({ ...p, ...panel.get(p.category)! }));
  const last = dates[dates.length - 1];
  const titles = categories.map((c) => ({ name: ctx.category(c), ...panel.get(c)! }));
  const rows = Math.ceil(categories.length / columns);
  const marginLeft = 48;
  return renderPlot(
    {
      width: marginLeft + columns * PANEL_WIDTH + 24,
      height: rows * PANEL_HEIGHT + 40,
      marginLeft,
      marginRight: 24,
      marginTop: 8,
      marginBottom: 32,
      ariaLabel: input.ariaLabel,
      fx: { axis: null, padding: 0.15 },
      fy: { axis: null, padding: 0.2 },
      x: {
        type: 'point',
        domain: dates,
        ticks: dates.length > 1 ? [dates[0]!, last!] : dates,
        tickFormat: (d: string) => ctx.f.date(d),
        label: null,
        padding: 0.35,
      },
      y: { domain: [0, 1.25], ticks: [0, 0.5, 1], tickFormat: (v: number) => ctx.f.percent(v), grid: true, label: null },
      marks: [
        Plot.frame({ stroke: '#c9c9c9' }),
        Plot.text(titles, { fx: 'col', fy: 'row', text: 'name', frameAnchor: 'top-left', dx: 6, dy: 6, fontWeight: 'bold', fill: TEXT_DARK }),
        Plot.lineY(points, { x: 'as_of', y: 'share', fx: 'col', fy: 'row', z: 'category', stroke: SHARE_COLOR, strokeWidth: 2 }),
        Plot.dot(points, { x: 'as_of', y: 'share', fx: 'col', fy: 'row', fill: SHARE_COLOR, r: 3 }),
        Plot.text(
          points.filter((p) => p.as_of === last),
          { x: 'as_of', y: 'share', fx: 'col', fy: 'row', text: (p: TrendPoint) => ctx.f.percent(p.share), dy: -12, fill: TEXT_DARK },
        ),
      ],
    },
    { id: input.id },
  );
}
