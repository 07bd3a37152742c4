/** Champion vs challenger: the challenger's mean paired improvement between its one-sided lower and upper bounds, against zero. */
import type { TopLevelSpec } from 'vega-lite';
import { at, band, bottomAxis, dataDomain, leftAxis, linear, linearTicks, PADDING, px, radius, svgDocument, tickCount } from './svg.ts';
import { COLOR, CONFIG, r4, SCHEMA } from './theme.ts';

export interface ComparisonChartInput {
  label: string;
  rows: { pair: string; improvement: number; lo: number; hi: number; recommendation: string }[];
  confidence: number;
}

const W = 420;
const heightOf = (n: number) => Math.max(40, n * 32);
const xTitle = (input: ComparisonChartInput) => `challenger - champion, ${input.label} (better →)`;

function rows(input: ComparisonChartInput) {
  return input.rows.map((r) => ({ pair: r.pair, improvement: r4(r.improvement), lo: r4(r.lo), hi: r4(r.hi), recommendation: r.recommendation }));
}

/** What the chart shows, in words (the figure's caption and the spec's description). */
export function comparisonDescription(input: ComparisonChartInput): string {
  const c = Math.round(input.confidence * 100);
  return `Challenger improvement in ${input.label} over the champion; each bar runs from its one-sided ${c}% lower bound to its one-sided ${c}% upper bound (together a ${2 * c - 100}% interval): promote when the whole bar is right of zero, which is better.`;
}

export function comparisonChart(input: ComparisonChartInput): TopLevelSpec {
  const values = rows(input);
  const y = { field: 'pair', type: 'nominal', title: null, sort: values.map((v) => v.pair) } as const;
  const tooltip: { field: string; type?: 'quantitative'; title?: string }[] = [{ field: 'pair', title: 'comparison' }, { field: 'improvement', type: 'quantitative', title: 'mean improvement' }, { field: 'lo', type: 'quantitative', title: `${Math.round(input.confidence * 100)}% lower bound` }, { field: 'hi', type: 'quantitative', title: `${Math.round(input.confidence * 100)}% upper bound` }, { field: 'recommendation', title: 'recommendation' }];
  return {
    $schema: SCHEMA,
    description: comparisonDescription(input),
    config: CONFIG,
    width: W,
    height: heightOf(values.length),
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: COLOR.expected, strokeDash: [4, 3] }, encoding: { x: { field: 'zero', type: 'quantitative' } } },
      {
        data: { values },
        layer: [
          { mark: { type: 'rule', strokeWidth: 2, color: COLOR.line }, encoding: { y, x: { field: 'lo', type: 'quantitative', title: xTitle(input) }, x2: { field: 'hi' }, tooltip } },
          { mark: { type: 'point', filled: true, size: 80, color: COLOR.line }, encoding: { y, x: { field: 'improvement', type: 'quantitative' }, tooltip } },
        ],
      },
    ],
  };
}

/** The same intervals and points as a static SVG. */
export function comparisonSvg(input: ComparisonChartInput): string {
  const values = rows(input);
  const h = heightOf(values.length);
  const pairs = [...new Set(values.map((v) => v.pair))];
  const index = new Map(pairs.map((p, i) => [p, i]));
  const y = band(pairs.length, [0, h], 0, 0);
  const mid = (pair: string) => y.at(index.get(pair)!) + y.bandwidth / 2;
  const x = linear(dataDomain([0, ...values.flatMap((v) => [v.lo, v.hi, v.improvement])], { zero: true, nice: true }), [0, W]);
  const xAxis = bottomAxis({ ticks: linearTicks(x, tickCount(W)), length: W, title: xTitle(input), grid: h, flush: true, overlap: true }, h);
  const yAxis = leftAxis({ ticks: pairs.map((p) => ({ at: mid(p), label: p })), length: h });
  const zero = px(x(0));
  let marks = `<line class="rule" x1="${zero}" x2="${zero}" y1="0" y2="${h}" stroke="${COLOR.expected}" stroke-dasharray="4,3"/>`;
  let dots = '';
  for (const v of values) {
    const cy = px(mid(v.pair));
    if (Number.isFinite(v.lo) && Number.isFinite(v.hi)) marks += `<line class="ci" x1="${px(x(v.lo))}" x2="${px(x(v.hi))}" y1="${cy}" y2="${cy}" stroke="${COLOR.line}" stroke-width="2"/>`;
    if (Number.isFinite(v.improvement)) dots += `<circle cx="${px(x(v.improvement))}" cy="${cy}" r="${px(radius(80))}"/>`;
  }
  if (dots) marks += `<g class="points" fill="${COLOR.line}" opacity="0.7">${dots}</g>`;
  const left = Math.max(yAxis.extent.left, xAxis.extent.left);
  const top = yAxis.extent.top;
  const bottom = Math.max(xAxis.extent.bottom, yAxis.extent.bottom);
  const body = xAxis.grid + xAxis.axis + yAxis.axis + marks;
  return svgDocument(PADDING * 2 + left + W + Math.max(0, xAxis.extent.right), PADDING * 2 + top + h + bottom, at(PADDING + left, PADDING + top, body));
}
