/** The other production metrics of the serving version, one small panel per metric (own y scale). */
import type { TopLevelSpec } from 'vega-lite';
import { lttbSeries } from './lttb.ts';
import { at, bottomAxis, dataDomain, esc, leftAxis, linear, linearTicks, linePath, PADDING, svgDocument, tickCount, utcLabel, utcTicks } from './svg.ts';
import { COLOR, CONFIG, DATE_TOOLTIP, dateText, HOVER_POINT, isoShort, r4, SCHEMA, TIME_AXIS } from './theme.ts';

export interface MetricsChartInput {
  panels: { metric: string; series: { t: string[]; value: number[] } }[];
  maxPoints?: number;
}

/** Each panel's LTTB-downsampled series: timestamps, epoch milliseconds and values as embedded (r4). */
export type MetricsChartData = { metric: string; t: string[]; ms: number[]; v: number[] }[];

export function metricsData(input: MetricsChartInput): MetricsChartData {
  return input.panels.map((p) => {
    const s = lttbSeries(p.series.t, p.series.value, input.maxPoints ?? 150);
    return { metric: p.metric, t: s.t, ms: s.ms, v: s.value.map(r4) };
  });
}

/** Panel size and layout: two columns, 20 px apart (Vega's facet layout padding). */
const PANEL_W = 290;
const PANEL_H = 110;
const COLUMNS = 2;
const GAP = 20;
/** Room above a panel for its header (12 px bold label, offset 10). */
const HEADER = 22;

/** What the chart shows, in words (the figure's caption and the spec's description). */
export function metricsDescription(input: MetricsChartInput): string {
  return `Other production metrics over time: ${input.panels.map((p) => p.metric).join(', ')}.`;
}

export function metricsChart(input: MetricsChartInput, data: MetricsChartData = metricsData(input)): TopLevelSpec {
  const values = data.flatMap((p) => p.t.map((t, i) => ({ m: p.metric, t: isoShort(t), d: dateText(t), v: p.v[i] })));
  const names = input.panels.map((p) => p.metric);
  return {
    $schema: SCHEMA,
    description: metricsDescription(input),
    config: CONFIG,
    data: { values },
    facet: { field: 'm', type: 'nominal', title: null, sort: names, header: { labelAnchor: 'start', labelFontWeight: 'bold' } },
    columns: COLUMNS,
    spec: {
      width: PANEL_W,
      height: PANEL_H,
      mark: { type: 'line', color: COLOR.line, point: HOVER_POINT },
      encoding: {
        x: { field: 't', type: 'temporal', scale: { type: 'utc' }, axis: { ...TIME_AXIS, tickCount: 4 } },
        y: { field: 'v', type: 'quantitative', title: null, scale: { zero: false } },
        tooltip: [{ field: 'm', title: 'metric' }, DATE_TOOLTIP, { field: 'v', type: 'quantitative', title: 'value' }],
      },
    },
    resolve: { scale: { y: 'independent', x: 'independent' } },
  };
}

/** The same small multiples as a static SVG: one panel per metric, each with its own scales. */
export function metricsSvg(input: MetricsChartInput, data: MetricsChartData = metricsData(input)): string {
  const w = PANEL_W;
  const h = PANEL_H;
  const panels = data.map((p) => {
    let x0 = Infinity;
    let x1 = -Infinity;
    for (const t of p.ms) {
      if (t < x0) x0 = t;
      if (t > x1) x1 = t;
    }
    if (!(x0 <= x1)) x0 = x1 = 0;
    const xAt = (t: number) => (x1 > x0 ? ((t - x0) / (x1 - x0)) * w : w / 2);
    const y = linear(dataDomain(p.v, { zero: false, nice: true }), [h, 0]);
    const yAxis = leftAxis({ ticks: linearTicks(y, tickCount(h)), length: h, grid: w, overlap: true });
    const xAxis = bottomAxis({ ticks: utcTicks(x0, x1, 4).map((t) => ({ at: xAt(t), label: utcLabel(t) })), length: w, flush: true, overlap: true }, h);
    const d = linePath(p.ms.map(xAt), p.v.map((v) => (Number.isFinite(v) ? y(v) : NaN)));
    const line = d ? `<path class="line" d="${d}" fill="none" stroke="${COLOR.line}" stroke-width="1.5"/>` : '';
    const header = `<text class="hd" x="0" y="-13" font-size="12" font-weight="bold" fill="${CONFIG.header?.labelColor ?? COLOR.retrain}">${esc(p.metric)}</text>`;
    return { body: yAxis.grid + xAxis.axis + yAxis.axis + line + header, left: yAxis.extent.left, right: xAxis.extent.right, bottom: Math.max(xAxis.extent.bottom, yAxis.extent.bottom) };
  });
  if (!panels.length) return svgDocument(PADDING * 2, PADDING * 2, '');
  // Columns line up: each is as wide as its widest axis needs.
  const lefts = Array.from({ length: COLUMNS }, (_, c) => Math.max(0, ...panels.filter((_, i) => i % COLUMNS === c).map((p) => p.left)));
  const rights = Array.from({ length: COLUMNS }, (_, c) => Math.max(0, ...panels.filter((_, i) => i % COLUMNS === c).map((p) => p.right)));
  const xs: number[] = [];
  let x = PADDING;
  for (let c = 0; c < COLUMNS; c++) {
    xs.push(x + lefts[c]);
    x += lefts[c] + w + rights[c] + GAP;
  }
  const columns = Math.min(COLUMNS, panels.length);
  const width = xs[columns - 1] + w + rights[columns - 1] + PADDING;
  let body = '';
  let y = PADDING;
  for (let r = 0; r * COLUMNS < panels.length; r++) {
    const row = panels.slice(r * COLUMNS, r * COLUMNS + COLUMNS);
    row.forEach((p, c) => (body += at(xs[c], y + HEADER, p.body)));
    y += HEADER + h + Math.max(...row.map((p) => p.bottom)) + GAP;
  }
  return svgDocument(width, y - GAP + PADDING, body);
}
