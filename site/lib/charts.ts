/**
 * The dashboard's charts of the skill map, the 9-box and the succession slate: pure functions from artifact
 * data (and the page's language) to SVG markup via lib/plot.ts. Pages build the table alternative from the
 * same rows, so chart and table always show the same numbers. Bar charts: bar-charts.ts; trend: trend-chart.ts.
 */
import * as Plot from '@observablehq/plot';
import { ComponentName, type Candidate, type SkillMap, type TalentPool } from '../../schemas/artifacts.ts';
import type { PageContext } from './page.ts';
import { treeLabel, unitFigure } from './units.ts';
import {
  CHART_FONT_SIZE,
  NEUTRAL_FILL,
  OKABE_ITO,
  renderPlot,
  sequentialColor,
  TEXT_DARK,
  textColorOn,
  textWidth,
} from './plot.ts';

// ── Skill map heatmap ────────────────────────────────────────────────────────────────────────────────

type Department = SkillMap['departments'][number];
type Skill = SkillMap['skills'][number];
type SkillCell = SkillMap['cells'][number];

export interface HeatmapInput {
  id: string;
  departments: readonly Department[];
  skills: readonly Skill[];
  /** Cells by `department_id + "\u0000" + skill_id`. */
  cells: ReadonlyMap<string, SkillCell>;
  minGroupSize: number;
  ctx: PageContext;
}

export const cellKey = (departmentId: string, skillId: string) => `${departmentId}\u0000${skillId}`;

/** The heatmap's colour key: the shares 0–100 % in steps of 25, and the grey of a suppressed department. */
export function heatmapLegend({ t, f }: PageContext): { label: string; color: string }[] {
  return [...[0, 0.25, 0.5, 0.75, 1].map((share) => ({ label: f.percent(share), color: sequentialColor(share) })), { label: t.common.suppressed, color: NEUTRAL_FILL }];
}

const HEAT_CELL_MIN_W = 72;
const HEAT_CELL_H = 34;
const HEAT_ROTATE = 35;

/** One department × skill heatmap: shares as fill and as text; suppressed rows grey with 「非表示」. */
export function skillHeatmap(input: HeatmapInput): string {
  const { departments, skills, cells, minGroupSize, ctx } = input;
  const { t, f } = ctx;
  const rows = departments.flatMap((d) =>
    skills.map((s) => {
      const cell = cells.get(cellKey(d.department_id, s.skill_id));
      const dep = treeLabel(d, minGroupSize, ctx);
      const skill = ctx.skill(s);
      if (d.suppressed) {
        return { d: d.department_id, s: s.skill_id, fill: NEUTRAL_FILL, ink: TEXT_DARK, text: t.common.suppressed, title: `${dep} × ${skill}: ${unitFigure(d, null, minGroupSize, ctx, String)}` };
      }
      if (!cell || cell.share === null) {
        return { d: d.department_id, s: s.skill_id, fill: '#ffffff', ink: '#595959', text: t.common.none, title: `${dep} × ${skill}: ${t.skills.notAssessed}` };
      }
      const fill = sequentialColor(cell.share);
      return {
        d: d.department_id,
        s: s.skill_id,
        fill,
        ink: textColorOn(fill),
        text: f.percent(cell.share),
        title: `${dep} × ${skill}: ${t.format.withNote(f.percent(cell.share), f.count(cell.people_at_level))}`,
      };
    }),
  );
  const skillName = new Map(skills.map((s) => [s.skill_id, ctx.skill(s)]));
  const depName = new Map(departments.map((d) => [d.department_id, treeLabel(d, minGroupSize, ctx)]));
  const longestSkill = Math.max(0, ...[...skillName.values()].map((n) => textWidth(n)));
  const longestDep = Math.max(0, ...[...depName.values()].map((n) => textWidth(n)));
  // Wide enough for the longest word a cell shows (「非表示」 fits 72 px, "Suppressed" needs more).
  const cellWidth = Math.max(HEAT_CELL_MIN_W, textWidth(t.common.suppressed, 13) + 12, textWidth(t.common.none, 13) + 12);
  const rad = (HEAT_ROTATE * Math.PI) / 180;
  const marginLeft = longestDep + 14;
  const marginTop = Math.ceil(longestSkill * Math.sin(rad) + CHART_FONT_SIZE) + 12;
  const marginRight = Math.max(12, Math.ceil(longestSkill * Math.cos(rad)) - cellWidth / 2 + 8);
  return renderPlot(
    {
      width: marginLeft + skills.length * cellWidth + marginRight,
      height: marginTop + departments.length * HEAT_CELL_H + 4,
      marginLeft,
      marginTop,
      marginRight,
      marginBottom: 4,
      ariaLabel: t.skills.title,
      x: { domain: skills.map((s) => s.skill_id), axis: 'top', label: null, tickSize: 0, tickRotate: -HEAT_ROTATE, tickFormat: (id: string) => skillName.get(id) ?? id },
      y: { domain: departments.map((d) => d.department_id), label: null, tickSize: 0, tickFormat: (id: string) => depName.get(id) ?? id },
      color: { type: 'identity' },
      marks: [
        Plot.cell(rows, { x: 's', y: 'd', fill: 'fill', stroke: '#bdbdbd', strokeWidth: 0.5, inset: 0.5, title: 'title' }),
        Plot.text(rows, { x: 's', y: 'd', text: 'text', fill: 'ink', fontSize: 13 }),
      ],
    },
    { id: input.id },
  );
}

// ── Talent pool 9-box ────────────────────────────────────────────────────────────────────────────────

/** The 9-box: performance band on x (high at right), potential band on y (high at top). */
export function nineBox(pool: TalentPool, id: string, ctx: PageContext): string {
  const { t, f } = ctx;
  const known = pool.cells.map((c) => c.count ?? 0);
  const max = Math.max(1, ...known);
  const band = (b: number) => t.pools.band[b - 1] ?? String(b);
  const rows = pool.cells.map((c) => {
    const fill = c.count === null ? NEUTRAL_FILL : sequentialColor(0.05 + 0.5 * (c.count / max));
    const label = ctx.text(c.label);
    return {
      x: c.performance_band,
      y: c.potential_band,
      fill,
      ink: textColorOn(fill),
      label,
      count: f.count(c.count),
      title: `${t.format.withNote(label, `${t.pools.performance}: ${band(c.performance_band)} / ${t.pools.potential}: ${band(c.potential_band)}`)}: ${f.count(c.count)}`,
    };
  });
  // The rotated y label sits left of the band names, whose width depends on the language.
  const bandWidth = Math.max(...[1, 2, 3].map((b) => textWidth(band(b))));
  return renderPlot(
    {
      width: 640,
      height: 460,
      marginLeft: bandWidth + 40,
      marginBottom: 48,
      marginTop: 8,
      marginRight: 8,
      ariaLabel: t.pools.chartCaption,
      x: { domain: [1, 2, 3], tickFormat: band, label: `${t.pools.performance} →`, labelAnchor: 'center', labelOffset: 40, tickSize: 0, padding: 0.04 },
      y: { domain: [3, 2, 1], tickFormat: band, label: `↑ ${t.pools.potential}`, labelAnchor: 'center', labelOffset: bandWidth + 28, tickSize: 0, padding: 0.04 },
      color: { type: 'identity' },
      marks: [
        Plot.cell(rows, { x: 'x', y: 'y', fill: 'fill', rx: 4, title: 'title' }),
        Plot.text(rows, { x: 'x', y: 'y', text: 'label', fill: 'ink', dy: -14, fontSize: 14 }),
        Plot.text(rows, { x: 'x', y: 'y', text: 'count', fill: 'ink', dy: 14, fontSize: 20, fontWeight: 'bold' }),
      ],
    },
    { id },
  );
}

// ── Succession score breakdown ───────────────────────────────────────────────────────────────────────

/** Component colours (Okabe–Ito), in the schema's component order; text colour chosen for contrast. */
export const COMPONENT_COLORS: Record<ComponentName, string> = {
  performance: OKABE_ITO.blue,
  potential: OKABE_ITO.orange,
  skill_fit: OKABE_ITO.bluishGreen,
  experience: OKABE_ITO.reddishPurple,
  aspiration: OKABE_ITO.skyBlue,
};

export const COMPONENT_ORDER: readonly ComponentName[] = ComponentName.options;

/** Legend entries for the breakdown chart (rendered as HTML next to it). */
export function componentLegend({ f }: PageContext): { label: string; color: string }[] {
  return COMPONENT_ORDER.map((c) => ({ label: f.component(c), color: COMPONENT_COLORS[c] }));
}

export function candidateLabel(c: Candidate, { f }: PageContext): string {
  return `${c.rank}. ${f.person(c)}`;
}

/** Stacked horizontal bars: one bar per candidate, one segment per score component (its points). */
export function scoreBreakdown(candidates: readonly Candidate[], id: string, ctx: PageContext): string {
  const { t, f } = ctx;
  const label = (c: Candidate) => candidateLabel(c, ctx);
  const ordered = [...candidates].sort((a, b) => a.rank - b.rank);
  const rows = ordered.flatMap((c) =>
    [...c.components]
      .sort((a, b) => COMPONENT_ORDER.indexOf(a.name) - COMPONENT_ORDER.indexOf(b.name))
      .map((comp) => ({
        candidate: label(c),
        points: comp.points,
        fill: COMPONENT_COLORS[comp.name],
        ink: textColorOn(COMPONENT_COLORS[comp.name]),
        text: comp.points >= 6 ? f.score(comp.points) : '',
        title: `${label(c)} ${f.component(comp.name)}: ${t.format.withNote(f.score(comp.points), ctx.text(comp.reason))}`,
      })),
  );
  const labels = ordered.map(label);
  const marginLeft = Math.max(...labels.map((l) => textWidth(l)), 40) + 12;
  return renderPlot(
    {
      width: marginLeft + 720,
      height: 52 + ordered.length * 44,
      marginLeft,
      marginRight: 56,
      marginTop: 12,
      marginBottom: 40,
      ariaLabel: t.succession.breakdownCaption,
      x: { domain: [0, 100], label: `${t.succession.score} →`, labelAnchor: 'center', grid: true, ticks: [0, 20, 40, 60, 80, 100] },
      y: { domain: labels, label: null, tickSize: 0, padding: 0.25 },
      color: { type: 'identity' },
      marks: [
        Plot.barX(rows, Plot.stackX({ x: 'points', y: 'candidate', fill: 'fill', title: 'title', order: null })),
        Plot.text(rows, Plot.stackX({ x: 'points', y: 'candidate', text: 'text', fill: 'ink', order: null, fontSize: 12 })),
        Plot.text(ordered, { x: 'score', y: label, text: (c: Candidate) => f.score(c.score), dx: 6, textAnchor: 'start', fontWeight: 'bold' }),
        Plot.ruleX([0], { ariaHidden: 'true' }),
      ],
    },
    { id },
  );
}
