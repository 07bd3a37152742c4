/**
 * Reference vs current distribution of one feature (or of the predictions): the shares per bin
 * that the drift test itself used, side by side.
 */
import type { TopLevelSpec } from 'vega-lite';
import { at, band, bottomAxis, dataDomain, leftAxis, legend, LEGEND_SPACE, linear, linearTicks, PADDING, px, svgDocument, tickCount } from './svg.ts';
import { COLOR, CONFIG, r4, SCHEMA } from './theme.ts';

export interface DistributionChartInput {
  feature: string;
  bins: { labels: string[]; reference: number[]; current: number[] };
  /** Short verdict for the description, e.g. "drifted (KS p-value 0.001)". */
  verdict: string;
}

const W = 290;
const H = 120;
/** Bin labels are slanted when there are many or any is long. */
const slanted = (labels: string[]) => labels.length > 12 || labels.some((l) => l.length > 6);

function rows(input: DistributionChartInput) {
  const { labels, reference, current } = input.bins;
  return labels.flatMap((b, i) => [
    { bin: b, period: 'reference', share: r4(reference[i] ?? 0) },
    { bin: b, period: 'current', share: r4(current[i] ?? 0) },
  ]);
}

/** What the chart shows, in words (the figure's caption and the spec's description). */
export function distributionDescription(input: DistributionChartInput): string {
  return `Distribution of ${input.feature}, reference vs current window, over ${input.bins.labels.length} bins: ${input.verdict}.`;
}

export function distributionChart(input: DistributionChartInput): TopLevelSpec {
  const { labels } = input.bins;
  return {
    $schema: SCHEMA,
    description: distributionDescription(input),
    config: CONFIG,
    width: W,
    height: H,
    data: { values: rows(input) },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'bin', type: 'nominal', sort: labels, title: null, axis: { labelAngle: slanted(labels) ? -40 : 0, labelLimit: 90, labelOverlap: true } },
      xOffset: { field: 'period', type: 'nominal', sort: ['reference', 'current'] },
      y: { field: 'share', type: 'quantitative', title: 'share', axis: { format: '.0%' }, stack: null },
      color: { field: 'period', type: 'nominal', sort: ['reference', 'current'], scale: { domain: ['reference', 'current'], range: [COLOR.reference, COLOR.current] }, legend: { title: null, orient: 'top', direction: 'horizontal' } },
      tooltip: [{ field: 'bin', title: input.feature }, { field: 'period', title: 'window' }, { field: 'share', type: 'quantitative', format: '.1%', title: 'share of rows' }],
    },
  };
}

/** The same grouped bars as a static SVG. */
export function distributionSvg(input: DistributionChartInput): string {
  const data = rows(input);
  // The band domain holds each bin label once (Vega merges repeated labels into one band).
  const bins = [...new Set(input.bins.labels)];
  const index = new Map(bins.map((b, i) => [b, i]));
  const x = band(bins.length, [0, W], 0.2, 0.2);
  const half = x.bandwidth / 2;
  const y = linear(dataDomain(data.map((d) => d.share), { zero: true, nice: true }), [H, 0]);
  const yAxis = leftAxis({ ticks: linearTicks(y, tickCount(H), '.0%'), length: H, title: 'share', grid: W, overlap: true });
  const angle = slanted(input.bins.labels) ? -40 : 0;
  const xAxis = bottomAxis({ ticks: bins.map((b, i) => ({ at: x.at(i) + x.bandwidth / 2, label: b })), length: W, overlap: true, angle, limit: 90 }, H);
  const base = y(0);
  let bars = '';
  for (const d of data) {
    if (!Number.isFinite(d.share)) continue;
    const x0 = x.at(index.get(d.bin)!) + (d.period === 'current' ? half : 0);
    const top = Math.min(base, y(d.share));
    bars += `<rect x="${px(x0)}" y="${px(top)}" width="${px(half)}" height="${px(Math.abs(base - y(d.share)))}" fill="${d.period === 'current' ? COLOR.current : COLOR.reference}"/>`;
  }
  const key = legend([{ label: 'reference', color: COLOR.reference, symbol: 'square' }, { label: 'current', color: COLOR.current, symbol: 'square' }]);
  const left = Math.max(yAxis.extent.left, xAxis.extent.left);
  const top = LEGEND_SPACE;
  const right = Math.max(xAxis.extent.right, key.width - W);
  const bottom = Math.max(xAxis.extent.bottom, yAxis.extent.bottom);
  const body = yAxis.grid + xAxis.axis + yAxis.axis + `<g class="bars">${bars}</g>` + at(0, -LEGEND_SPACE, key.svg);
  return svgDocument(PADDING * 2 + left + W + Math.max(0, right), PADDING * 2 + top + H + bottom, at(PADDING + left, PADDING + top, body));
}
