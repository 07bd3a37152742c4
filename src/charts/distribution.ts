/**
 * Reference vs current distribution of one feature (or of the predictions): the shares per bin
 * that the drift test itself used, side by side.
 */
import type { TopLevelSpec } from 'vega-lite';
import { COLOR, CONFIG, r4, SCHEMA } from './theme.ts';

export interface DistributionChartInput {
  feature: string;
  bins: { labels: string[]; reference: number[]; current: number[] };
  /** Short verdict for the description, e.g. "drifted (KS p-value 0.001)". */
  verdict: string;
}

export function distributionChart(input: DistributionChartInput): TopLevelSpec {
  const { labels, reference, current } = input.bins;
  const values = labels.flatMap((b, i) => [
    { bin: b, period: 'reference', share: r4(reference[i] ?? 0) },
    { bin: b, period: 'current', share: r4(current[i] ?? 0) },
  ]);
  const many = labels.length > 12;
  return {
    $schema: SCHEMA,
    description: `Distribution of ${input.feature}, reference vs current window, over ${labels.length} bins: ${input.verdict}.`,
    config: CONFIG,
    width: 290,
    height: 120,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'bin', type: 'nominal', sort: labels, title: null, axis: { labelAngle: many || labels.some((l) => l.length > 6) ? -40 : 0, labelLimit: 90, labelOverlap: true } },
      xOffset: { field: 'period', type: 'nominal', sort: ['reference', 'current'] },
      y: { field: 'share', type: 'quantitative', title: 'share', axis: { format: '.0%' }, stack: null },
      color: { field: 'period', type: 'nominal', sort: ['reference', 'current'], scale: { domain: ['reference', 'current'], range: [COLOR.reference, COLOR.current] }, legend: { title: null, orient: 'top', direction: 'horizontal' } },
      tooltip: [{ field: 'bin', title: input.feature }, { field: 'period' }, { field: 'share', type: 'quantitative', format: '.1%' }],
    },
  };
}
