/**
 * The primary metric over time: the series (LTTB-downsampled), the expected value as a dashed
 * line, amber and red bands from the values at which health turns, drift detections, and
 * retrain and deploy markers. Every number is the core's; the spec only draws them.
 */
import type { TopLevelSpec } from 'vega-lite';

/** The layer list of a layered top-level spec. */
type Layers = Extract<TopLevelSpec, { layer: unknown }>['layer'];
import { lttbSeries, seriesMs } from './lttb.ts';
import { at, bottomAxis, baselineShift, esc, leftAxis, linear, linearTicks, linePath, PADDING, px, radius, svgDocument, tickCount, utcLabel, utcTicks } from './svg.ts';
import { COLOR, CONFIG, DATE_TOOLTIP, dateText, extent, HOVER_POINT, isoShort, r4, SCHEMA, TIME_AXIS, WIDTH } from './theme.ts';

export interface PrimaryChartInput {
  label: string;
  direction: 'higher_is_better' | 'lower_is_better';
  series: { t: string[]; value: number[] };
  expected: number | null;
  amberAt: number | null;
  redAt: number | null;
  /** Detector alarms: date (a day of the series) and detector name. */
  detections: { date: string; detector: string }[];
  /** Retrains (a version's trained_at) and deployments (since). */
  markers: { date: string; kind: 'retrain' | 'deploy'; label: string }[];
  /** The evaluation day: the right edge of the time axis. */
  asOf: string;
  maxPoints?: number;
}

/**
 * The detections and markers the chart shows: inside the charted period, once each, and for a
 * detector that fires on consecutive points (the rolling-mean tracker fires every day the mean
 * stays low) only the first point of each run, so the markers show when a change began.
 */
export function chartMarks(input: PrimaryChartInput): {
  from: string;
  detections: { t: string; detector: string }[];
  markers: { t: string; kind: 'retrain' | 'deploy'; label: string }[];
} {
  const from = input.series.t.length ? input.series.t[0].slice(0, 10) : input.asOf;
  const inRange = (d: string) => d.slice(0, 10) >= from && d.slice(0, 10) <= input.asOf;
  const index = new Map<string, number>();
  input.series.t.forEach((t, i) => {
    if (!index.has(t.slice(0, 10))) index.set(t.slice(0, 10), i);
  });
  const byDetector = new Map<string, number[]>();
  for (const d of input.detections) {
    const i = index.get(d.date.slice(0, 10));
    if (i === undefined || !inRange(d.date)) continue;
    byDetector.set(d.detector, [...(byDetector.get(d.detector) ?? []), i]);
  }
  const detections: { t: string; detector: string }[] = [];
  for (const [detector, idx] of byDetector) {
    const sorted = [...new Set(idx)].sort((a, b) => a - b);
    sorted.forEach((i, k) => {
      if (k === 0 || sorted[k - 1] !== i - 1) detections.push({ t: input.series.t[i].slice(0, 10), detector });
    });
  }
  detections.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.detector < b.detector ? -1 : 1));
  const markers = input.markers.filter((m) => inRange(m.date)).map((m) => ({ t: m.date.slice(0, 10), kind: m.kind, label: m.label }));
  return { from, detections, markers };
}

/** What both pictures of the chart draw: the downsampled series, the y domain, bands and marks. */
export interface PrimaryChartData {
  /** The LTTB-downsampled series: timestamps, values, epoch milliseconds. */
  s: { t: string[]; value: number[]; ms: number[] };
  /** The kept values rounded as the spec embeds them (r4), which both pictures draw. */
  v: number[];
  from: string;
  detections: { t: string; detector: string }[];
  markers: { t: string; kind: 'retrain' | 'deploy'; label: string }[];
  /** The y domain. */
  lo: number;
  hi: number;
  bands: { y: number; y2: number; band: 'amber' | 'red' }[];
  /** The time domain in epoch milliseconds: the first day's midnight to the end of the as-of day. */
  x0: number;
  x1: number;
}

export function primaryData(input: PrimaryChartInput): PrimaryChartData {
  const s = lttbSeries(input.series.t, input.series.value, input.maxPoints ?? 300);
  const { from, detections, markers } = chartMarks(input);
  const [lo, hi] = extent([...s.value, input.expected, input.amberAt, input.redAt]);
  const higher = input.direction === 'higher_is_better';
  const bands: PrimaryChartData['bands'] = [];
  if (input.redAt !== null && input.amberAt !== null) {
    if (higher) {
      bands.push({ y: lo, y2: r4(input.redAt), band: 'red' }, { y: r4(input.redAt), y2: r4(input.amberAt), band: 'amber' });
    } else {
      bands.push({ y: r4(input.redAt), y2: hi, band: 'red' }, { y: r4(input.amberAt), y2: r4(input.redAt), band: 'amber' });
    }
  }
  return { s, v: s.value.map(r4), from, detections, markers, lo, hi, bands, x0: Date.parse(from), x1: Date.parse(`${input.asOf}T23:59:59Z`) };
}

/** What an interactive time chart tells the page's range buttons: its zoom selection and full period. */
export interface TimeZoom {
  /** The interval selection bound to the x scale. */
  param: string;
  /** The temporal field it selects on. */
  field: string;
  /** The whole charted period, epoch milliseconds. */
  from: number;
  to: number;
}

/** Marker labels near the right edge run leftwards so they stay inside the plot. */
const labelOnRight = (d: PrimaryChartData, t: string) => (Date.parse(t) - d.x0) / Math.max(1, d.x1 - d.x0) > 0.75;

/** Marker label rows: deploys at the top, retrains one line below. */
const labelRow = (kind: 'retrain' | 'deploy') => (kind === 'deploy' ? 2 : 14);

/** Plot height in pixels (the width is WIDTH). */
const HEIGHT = 220;

/** The primary metric's line: with a point on each value when there are few. */
const POINTS_UP_TO = 40;

/** What the chart shows, in words (the figure's caption and the spec's description). */
export function primaryDescription(input: PrimaryChartInput, data: PrimaryChartData = primaryData(input)): string {
  const { from, detections, markers } = data;
  return `${input.label} over time from ${from} to ${input.asOf}${input.expected !== null ? `, expected ${r4(input.expected)}` : ''}; ${detections.length} lasting change${detections.length === 1 ? '' : 's'} for the worse (where ${detections.length === 1 ? 'it' : 'each'} began), ${markers.length} retrain or deploy marker${markers.length === 1 ? '' : 's'}.`;
}

export function primaryChart(input: PrimaryChartInput, data: PrimaryChartData = primaryData(input)): TopLevelSpec {
  const { s, v, from, detections, markers, lo, hi, bands } = data;
  const x = { field: 't', type: 'temporal' as const, scale: { type: 'utc' as const, domain: [new Date(Date.parse(from)).toISOString(), `${input.asOf}T23:59:59Z`] }, axis: TIME_AXIS };
  const layers: Layers = [];
  if (bands.length) {
    layers.push({
      data: { values: bands },
      mark: { type: 'rect', opacity: 0.16 },
      encoding: {
        y: { field: 'y', type: 'quantitative' },
        y2: { field: 'y2' },
        color: { field: 'band', type: 'nominal', scale: { domain: ['amber', 'red'], range: [COLOR.amber, COLOR.red] }, legend: null },
      },
    });
  }
  if (input.expected !== null) {
    layers.push({
      data: { values: [{ expected: r4(input.expected) }] },
      mark: { type: 'rule', color: COLOR.expected, strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y: { field: 'expected', type: 'quantitative' }, tooltip: [{ field: 'expected', type: 'quantitative', title: `expected ${input.label}` }] },
    });
  }
  if (markers.length) {
    const kindColor = { field: 'kind', type: 'nominal', scale: { domain: ['retrain', 'deploy'], range: [COLOR.retrain, COLOR.deploy] }, legend: null } as const;
    // Labels sit at the top, retrains one line below deploys; near the right edge they run leftwards so they stay inside.
    const right = (t: string) => labelOnRight(data, t);
    const rows = markers.map((m) => ({ ...m, row: labelRow(m.kind) }));
    const withDate = markers.map((m) => ({ ...m, d: dateText(m.t) }));
    const label = (side: 'left' | 'right') => ({
      data: { values: rows.filter((m) => right(m.t) === (side === 'right')) },
      mark: { type: 'text' as const, align: side === 'right' ? ('right' as const) : ('left' as const), baseline: 'top' as const, dx: side === 'right' ? -3 : 3, fontSize: 10 },
      encoding: { x, y: { field: 'row', type: 'quantitative' as const, scale: null }, text: { field: 'label' }, color: kindColor },
    });
    layers.push({
      data: { values: withDate },
      layer: [
        { mark: { type: 'rule', strokeDash: [2, 3] }, encoding: { x, color: kindColor, tooltip: [{ field: 'label', title: 'event' }, DATE_TOOLTIP] } },
        ...(['left', 'right'] as const).map(label).filter((l) => l.data.values.length > 0),
      ],
    });
  }
  layers.push({
    data: { values: s.t.map((t, i) => ({ t: isoShort(t), d: dateText(t), v: v[i] })) },
    mark: { type: 'line', color: COLOR.line, clip: true, point: s.t.length <= POINTS_UP_TO ? { filled: true, color: COLOR.line } : HOVER_POINT },
    encoding: {
      x,
      y: { field: 'v', type: 'quantitative', title: input.label, scale: { domain: [lo, hi], zero: false, nice: false } },
      tooltip: [DATE_TOOLTIP, { field: 'v', type: 'quantitative', title: input.label }],
    },
    params: [{ name: 'zoom', select: { type: 'interval', encodings: ['x'] }, bind: 'scales' }],
  });
  if (detections.length) {
    layers.push({
      data: { values: detections.map((x) => ({ ...x, d: dateText(x.t) })) },
      mark: { type: 'rule', color: COLOR.detection, strokeWidth: 1.5, opacity: 0.8 },
      encoding: { x, tooltip: [{ field: 'detector', title: 'drift detected by' }, DATE_TOOLTIP] },
    });
  }
  return {
    $schema: SCHEMA,
    description: primaryDescription(input, data),
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    resolve: { scale: { color: 'independent' } },
    // For the page's date-range and "Reset zoom" buttons: the zoom selection and the whole period (epoch ms).
    usermeta: { timeZoom: { param: 'zoom', field: 't', from: data.x0, to: data.x1 } satisfies TimeZoom },
    layer: layers,
  };
}

/** The same chart as a static SVG, drawn from the same data as the spec. */
export function primarySvg(input: PrimaryChartInput, data: PrimaryChartData = primaryData(input)): string {
  const { s, v, detections, markers, lo, hi, bands, x0, x1 } = data;
  const w = WIDTH;
  const h = HEIGHT;
  const y = linear([lo, hi], [h, 0]);
  const xAt = (ms: number) => (x1 > x0 ? ((ms - x0) / (x1 - x0)) * w : 0);
  const xOf = (t: string) => xAt(seriesMs(t));
  const yAxis = leftAxis({ ticks: linearTicks(y, tickCount(h)), length: h, title: input.label, grid: w, overlap: true });
  const xAxis = bottomAxis({ ticks: utcTicks(x0, x1, tickCount(w)).map((t) => ({ at: xAt(t), label: utcLabel(t) })), length: w, flush: true, overlap: true }, h);
  const clampY = (v: number) => Math.max(0, Math.min(h, y(v)));
  let marks = '';
  for (const b of bands) {
    const top = clampY(Math.max(b.y, b.y2));
    const bottom = clampY(Math.min(b.y, b.y2));
    marks += `<rect class="band-${b.band}" x="0" y="${px(top)}" width="${w}" height="${px(bottom - top)}" fill="${b.band === 'red' ? COLOR.red : COLOR.amber}" opacity="0.16"/>`;
  }
  if (input.expected !== null && Number.isFinite(input.expected)) {
    const ey = px(clampY(r4(input.expected)));
    marks += `<line class="expected" x1="0" x2="${w}" y1="${ey}" y2="${ey}" stroke="${COLOR.expected}" stroke-width="1.5" stroke-dasharray="6,4"/>`;
  }
  const kindColor = { retrain: COLOR.retrain, deploy: COLOR.deploy };
  for (const m of markers) {
    const mx = px(xOf(m.t));
    marks += `<line class="marker" x1="${mx}" x2="${mx}" y1="0" y2="${h}" stroke="${kindColor[m.kind]}" stroke-dasharray="2,3"/>`;
  }
  for (const m of markers) {
    const right = labelOnRight(data, m.t);
    const lx = xOf(m.t) + (right ? -3 : 3);
    marks += `<text class="marker-label" x="${px(lx)}" y="${labelRow(m.kind) + baselineShift('top', 10)}" font-size="10" fill="${kindColor[m.kind]}"${right ? ' text-anchor="end"' : ''}>${esc(m.label)}</text>`;
  }
  const xs = s.ms.map(xAt);
  const ys = v.map((value) => (Number.isFinite(value) ? y(value) : NaN));
  const d = linePath(xs, ys);
  if (d) marks += `<path class="line" d="${d}" fill="none" stroke="${COLOR.line}" stroke-width="1.5"/>`;
  if (s.t.length <= POINTS_UP_TO) {
    const r = px(radius(30));
    let dots = '';
    xs.forEach((x, i) => {
      if (Number.isFinite(x) && Number.isFinite(ys[i])) dots += `<circle cx="${px(x)}" cy="${px(ys[i])}" r="${r}"/>`;
    });
    if (dots) marks += `<g class="points" fill="${COLOR.line}">${dots}</g>`;
  }
  for (const det of detections) {
    const dx = px(xOf(det.t));
    marks += `<line class="detection" x1="${dx}" x2="${dx}" y1="0" y2="${h}" stroke="${COLOR.detection}" stroke-width="1.5" opacity="0.8"/>`;
  }
  const left = yAxis.extent.left;
  const top = yAxis.extent.top;
  const right = xAxis.extent.right;
  const bottom = Math.max(xAxis.extent.bottom, yAxis.extent.bottom);
  const body = at(PADDING + left, PADDING + top, yAxis.grid + xAxis.axis + yAxis.axis + marks);
  return svgDocument(PADDING * 2 + left + w + right, PADDING * 2 + top + h + bottom, body);
}
