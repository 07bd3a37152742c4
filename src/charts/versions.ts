/** The primary metric across versions: offline evaluation and, where a version served, its production mean. */
import type { TopLevelSpec } from 'vega-lite';
import { at, bottomAxis, dataDomain, leftAxis, legend, LEGEND_SPACE, linear, linearTicks, linePath, PADDING, points, px, radius, svgDocument, tickCount } from './svg.ts';
import { COLOR, CONFIG, r4, SCHEMA } from './theme.ts';

export interface VersionsChartInput {
  label: string;
  /** In training order. */
  versions: { version: string; evaluation: number | null; production: number | null }[];
}

const KINDS = [
  { kind: 'evaluation', color: COLOR.line },
  { kind: 'production mean', color: COLOR.second },
] as const;
const H = 160;
const width = (n: number) => Math.max(200, Math.min(640, n * 70));

function rows(input: VersionsChartInput) {
  return input.versions.flatMap((v) => [
    ...(v.evaluation !== null ? [{ version: v.version, kind: 'evaluation', value: r4(v.evaluation) }] : []),
    ...(v.production !== null ? [{ version: v.version, kind: 'production mean', value: r4(v.production) }] : []),
  ]);
}

/** What the chart shows, in words (the figure's caption and the spec's description). */
export function versionsDescription(input: VersionsChartInput): string {
  return `${input.label} by version (${input.versions.map((v) => v.version).join(', ')}): offline evaluation and production mean (over every day the version reported it, up to the evaluation date).`;
}

export function versionsChart(input: VersionsChartInput): TopLevelSpec {
  const order = input.versions.map((v) => v.version);
  const color = { field: 'kind', type: 'nominal', scale: { domain: KINDS.map((k) => k.kind), range: KINDS.map((k) => k.color) }, legend: { title: null, orient: 'top', direction: 'horizontal' } } as const;
  return {
    $schema: SCHEMA,
    description: versionsDescription(input),
    config: CONFIG,
    width: width(order.length),
    height: H,
    data: { values: rows(input) },
    encoding: {
      x: { field: 'version', type: 'ordinal', sort: order, title: null, axis: { labelAngle: 0, labelOverlap: true } },
      y: { field: 'value', type: 'quantitative', title: input.label, scale: { zero: false } },
      color,
    },
    layer: [
      { mark: { type: 'line', strokeWidth: 1 } },
      { mark: { type: 'point', filled: true, size: 60 }, encoding: { tooltip: [{ field: 'version', title: 'version' }, { field: 'kind', title: 'measured' }, { field: 'value', type: 'quantitative', title: input.label }] } },
    ],
  };
}

/** The same lines and points as a static SVG. */
export function versionsSvg(input: VersionsChartInput): string {
  const data = rows(input);
  // The point domain holds each version once, in training order.
  const order = [...new Set(input.versions.map((v) => v.version))];
  const index = new Map(order.map((v, i) => [v, i]));
  const w = width(input.versions.length);
  const x = points(order.length, [0, w]);
  const y = linear(dataDomain(data.map((d) => d.value), { zero: false, nice: true }), [H, 0]);
  const yAxis = leftAxis({ ticks: linearTicks(y, tickCount(H)), length: H, title: input.label, grid: w, overlap: true });
  const xAxis = bottomAxis({ ticks: order.map((v, i) => ({ at: x(i), label: v })), length: w, overlap: true }, H);
  let marks = '';
  for (const k of KINDS) {
    const mine = data.filter((d) => d.kind === k.kind && Number.isFinite(d.value));
    const d = linePath(mine.map((m) => x(index.get(m.version)!)), mine.map((m) => y(m.value)));
    if (d) marks += `<path class="line" d="${d}" fill="none" stroke="${k.color}" stroke-width="1"/>`;
  }
  const r = px(radius(60));
  for (const k of KINDS) {
    const dots = data
      .filter((d) => d.kind === k.kind && Number.isFinite(d.value))
      .map((d) => `<circle cx="${px(x(index.get(d.version)!))}" cy="${px(y(d.value))}" r="${r}"/>`)
      .join('');
    if (dots) marks += `<g class="points" fill="${k.color}" opacity="0.7">${dots}</g>`;
  }
  const key = legend(KINDS.map((k) => ({ label: k.kind, color: k.color, symbol: 'circle' })));
  const left = Math.max(yAxis.extent.left, xAxis.extent.left);
  const right = Math.max(0, xAxis.extent.right, key.width - w);
  const bottom = Math.max(xAxis.extent.bottom, yAxis.extent.bottom);
  const body = yAxis.grid + xAxis.axis + yAxis.axis + marks + at(0, -LEGEND_SPACE, key.svg);
  return svgDocument(PADDING * 2 + left + w + right, PADDING * 2 + LEGEND_SPACE + H + bottom, at(PADDING + left, PADDING + LEGEND_SPACE, body));
}
