/** Champion vs challenger: the challenger's mean paired improvement with its confidence interval, against zero. */
import type { TopLevelSpec } from 'vega-lite';
import { COLOR, CONFIG, r4, SCHEMA } from './theme.ts';

export interface ComparisonChartInput {
  label: string;
  rows: { pair: string; improvement: number; lo: number; hi: number; recommendation: string }[];
  confidence: number;
}

export function comparisonChart(input: ComparisonChartInput): TopLevelSpec {
  const values = input.rows.map((r) => ({ pair: r.pair, improvement: r4(r.improvement), lo: r4(r.lo), hi: r4(r.hi), recommendation: r.recommendation }));
  const y = { field: 'pair', type: 'nominal', title: null, sort: values.map((v) => v.pair) } as const;
  const tooltip: { field: string; type?: 'quantitative'; title?: string }[] = [{ field: 'pair', title: 'comparison' }, { field: 'improvement', type: 'quantitative' }, { field: 'lo', type: 'quantitative', title: 'CI low' }, { field: 'hi', type: 'quantitative', title: 'CI high' }, { field: 'recommendation' }];
  return {
    $schema: SCHEMA,
    description: `Challenger improvement in ${input.label} over the champion with ${Math.round(input.confidence * 100)}% confidence intervals; right of zero is better.`,
    config: CONFIG,
    width: 420,
    height: Math.max(40, values.length * 32),
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: COLOR.expected, strokeDash: [4, 3] }, encoding: { x: { field: 'zero', type: 'quantitative' } } },
      {
        data: { values },
        layer: [
          { mark: { type: 'rule', strokeWidth: 2, color: COLOR.line }, encoding: { y, x: { field: 'lo', type: 'quantitative', title: `challenger - champion, ${input.label} (better →)` }, x2: { field: 'hi' }, tooltip } },
          { mark: { type: 'point', filled: true, size: 80, color: COLOR.line }, encoding: { y, x: { field: 'improvement', type: 'quantitative' }, tooltip } },
        ],
      },
    ],
  };
}
