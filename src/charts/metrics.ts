/** The other production metrics of the serving version, one small panel per metric (own y scale). */
import type { TopLevelSpec } from 'vega-lite';
import { lttbSeries } from './lttb.ts';
import { COLOR, CONFIG, isoShort, r4, SCHEMA, TIME_AXIS } from './theme.ts';

export interface MetricsChartInput {
  panels: { metric: string; series: { t: string[]; value: number[] } }[];
  maxPoints?: number;
}

export function metricsChart(input: MetricsChartInput): TopLevelSpec {
  const values = input.panels.flatMap((p) => {
    const s = lttbSeries(p.series.t, p.series.value, input.maxPoints ?? 150);
    return s.t.map((t, i) => ({ m: p.metric, t: isoShort(t), v: r4(s.value[i]) }));
  });
  const names = input.panels.map((p) => p.metric);
  return {
    $schema: SCHEMA,
    description: `Other production metrics over time: ${names.join(', ')}.`,
    config: CONFIG,
    data: { values },
    facet: { field: 'm', type: 'nominal', title: null, sort: names, header: { labelAnchor: 'start', labelFontWeight: 'bold' } },
    columns: 2,
    spec: {
      width: 290,
      height: 110,
      mark: { type: 'line', color: COLOR.line },
      encoding: {
        x: { field: 't', type: 'temporal', scale: { type: 'utc' }, axis: { ...TIME_AXIS, tickCount: 4 } },
        y: { field: 'v', type: 'quantitative', title: null, scale: { zero: false } },
        tooltip: [{ field: 't', type: 'nominal', title: 'date' }, { field: 'v', type: 'quantitative', title: 'value' }],
      },
    },
    resolve: { scale: { y: 'independent', x: 'independent' } },
  };
}
