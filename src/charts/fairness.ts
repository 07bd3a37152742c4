/**
 * Fairness by slice: the primary metric per slice value against the overall value and the
 * allowed gap, and the selection-rate ratio against its minimum (four-fifths rule). Whether a
 * slice is over its limit comes from the view model, which mirrors the core's check.
 */
import type { TopLevelSpec } from 'vega-lite';

type Panels = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'];
import { at, band, bottomAxis, dataDomain, leftAxis, legend, LEGEND_SPACE, linear, linearTicks, PADDING, px, svgDocument, tickCount, type DrawnAxis } from './svg.ts';
import { COLOR, CONFIG, r4, SCHEMA } from './theme.ts';

export interface FairnessChartInput {
  label: string;
  overall: number | null;
  /** The metric value at which a slice is over the allowed gap (direction-aware). */
  limit: number | null;
  minSelectionRatio: number;
  slices: { slice: string; metric: number | null; selectionRatio: number | null; over: boolean; ratioUnder: boolean }[];
}

const STATUS = [
  { status: 'within limit', color: COLOR.line },
  { status: 'over limit', color: COLOR.red },
] as const;
const GAP = 20;

interface Panel {
  width: number;
  title: string;
  bars: { slice: string; value: number; status: string }[];
  rules: { v: number; what?: string }[];
  /** Fixed x domain (the ratio panel), else from the bars and rules. */
  domain?: [number, number];
}

/** The panels both pictures draw: the metric by slice, then the selection-rate ratio. */
function panels(input: FairnessChartInput): Panel[] {
  const out: Panel[] = [];
  const metric = input.slices.filter((s) => s.metric !== null).map((s) => ({ slice: s.slice, value: r4(s.metric!), status: s.over ? 'over limit' : 'within limit' }));
  if (metric.length) {
    const rules = [
      ...(input.overall !== null ? [{ v: r4(input.overall), what: 'overall' }] : []),
      ...(input.limit !== null ? [{ v: r4(input.limit), what: 'gap limit' }] : []),
    ];
    out.push({ width: 280, title: input.label, bars: metric, rules });
  }
  const sel = input.slices.filter((s) => s.selectionRatio !== null).map((s) => ({ slice: s.slice, value: r4(s.selectionRatio!), status: s.ratioUnder ? 'over limit' : 'within limit' }));
  if (sel.length) out.push({ width: 220, title: 'selection-rate ratio', bars: sel, rules: [{ v: input.minSelectionRatio }], domain: [0, 1] });
  return out;
}

const heightOf = (input: FairnessChartInput) => Math.max(60, input.slices.length * 22);

/** What the chart shows, in words (the figure's caption and the spec's description). */
export function fairnessDescription(input: FairnessChartInput): string {
  return `${input.label} and selection-rate ratio by slice (${input.slices.map((s) => s.slice).join(', ')}); ${input.slices.filter((s) => s.over).length} slice(s) over the limit.`;
}

export function fairnessChart(input: FairnessChartInput): TopLevelSpec {
  const order = input.slices.map((s) => s.slice);
  const colour = { field: 'status', type: 'nominal', scale: { domain: STATUS.map((s) => s.status), range: STATUS.map((s) => s.color) }, legend: { title: null, orient: 'top', direction: 'horizontal' } } as const;
  const height = heightOf(input);
  const y = { field: 'slice', type: 'nominal', sort: order, title: null } as const;
  const hconcat: Panels = panels(input).map((p) => ({
    width: p.width,
    height,
    layer: [
      {
        data: { values: p.bars },
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: { y, x: { field: 'value', type: 'quantitative', title: p.title, stack: null, ...(p.domain ? { scale: { domain: p.domain } } : {}) }, color: colour, tooltip: [{ field: 'slice', title: 'slice' }, { field: 'value', type: 'quantitative', title: p.domain ? 'ratio to highest' : input.label }] },
      },
      {
        data: { values: p.rules },
        mark: { type: 'rule', strokeDash: [5, 3] },
        encoding: { x: { field: 'v', type: 'quantitative' }, color: { value: COLOR.expected }, ...(p.domain ? {} : { tooltip: [{ field: 'what', title: 'line' }, { field: 'v', type: 'quantitative', title: input.label }] }) },
      },
    ],
  }));
  return {
    $schema: SCHEMA,
    description: fairnessDescription(input),
    config: CONFIG,
    hconcat,
    resolve: { scale: { color: 'shared' } },
  };
}

/** The same horizontal bars with their rules as a static SVG, the panels side by side. */
export function fairnessSvg(input: FairnessChartInput): string {
  const h = heightOf(input);
  const drawn = panels(input).map((p) => {
    const slices = [...new Set(p.bars.map((b) => b.slice))];
    const index = new Map(slices.map((s, i) => [s, i]));
    const y = band(slices.length, [0, h], 0.1, 0.05);
    const thick = y.bandwidth * 0.7;
    const x = linear(p.domain ? dataDomain(p.domain, { zero: true, nice: true }) : dataDomain([...p.bars.map((b) => b.value), ...p.rules.map((r) => r.v)], { zero: true, nice: true }), [0, p.width]);
    const xAxis: DrawnAxis = bottomAxis({ ticks: linearTicks(x, tickCount(p.width)), length: p.width, title: p.title, grid: h, flush: true, overlap: true }, h);
    const yAxis = leftAxis({ ticks: slices.map((s, i) => ({ at: y.at(i) + y.bandwidth / 2, label: s })), length: h });
    const base = x(0);
    let marks = '';
    let rules = '';
    for (const b of p.bars) {
      if (!Number.isFinite(b.value)) continue;
      const x1 = x(b.value);
      const fill = b.status === 'over limit' ? COLOR.red : COLOR.line;
      marks += `<rect x="${px(Math.min(base, x1))}" y="${px(y.at(index.get(b.slice)!) + (y.bandwidth - thick) / 2)}" width="${px(Math.abs(x1 - base))}" height="${px(thick)}" fill="${fill}"/>`;
    }
    for (const r of p.rules) {
      if (!Number.isFinite(r.v)) continue;
      const rx = px(x(r.v));
      rules += `<line class="rule" x1="${rx}" x2="${rx}" y1="0" y2="${h}" stroke="${COLOR.expected}" stroke-dasharray="5,3"/>`;
    }
    return { width: p.width, body: xAxis.grid + xAxis.axis + yAxis.axis + `<g class="bars">${marks}</g>` + rules, left: Math.max(yAxis.extent.left, xAxis.extent.left), right: xAxis.extent.right, bottom: Math.max(xAxis.extent.bottom, yAxis.extent.bottom) };
  });
  const key = legend(STATUS.map((s) => ({ label: s.status, color: s.color, symbol: 'square' })));
  let body = '';
  let x = PADDING;
  drawn.forEach((p, i) => {
    x += p.left;
    body += at(x, PADDING + LEGEND_SPACE, p.body + (i === 0 ? at(0, -LEGEND_SPACE, key.svg) : ''));
    x += p.width + p.right + (i < drawn.length - 1 ? GAP : 0);
  });
  const bottom = Math.max(0, ...drawn.map((p) => p.bottom));
  return svgDocument(Math.max(x, PADDING + key.width) + PADDING, PADDING * 2 + LEGEND_SPACE + h + bottom, body);
}
