/** The primary metric across versions: offline evaluation and, where a version served, its production mean. */
import type { TopLevelSpec } from 'vega-lite';
import { COLOR, CONFIG, r4, SCHEMA } from './theme.ts';

export interface VersionsChartInput {
  label: string;
  /** In training order. */
  versions: { version: string; evaluation: number | null; production: number | null }[];
}

export function versionsChart(input: VersionsChartInput): TopLevelSpec {
  const order = input.versions.map((v) => v.version);
  const values = input.versions.flatMap((v) => [
    ...(v.evaluation !== null ? [{ version: v.version, kind: 'evaluation', value: r4(v.evaluation) }] : []),
    ...(v.production !== null ? [{ version: v.version, kind: 'production mean', value: r4(v.production) }] : []),
  ]);
  const color = { field: 'kind', type: 'nominal', scale: { domain: ['evaluation', 'production mean'], range: [COLOR.line, COLOR.second] }, legend: { title: null, orient: 'top', direction: 'horizontal' } } as const;
  return {
    $schema: SCHEMA,
    description: `${input.label} by version (${order.join(', ')}): offline evaluation and production mean.`,
    config: CONFIG,
    width: Math.max(200, Math.min(640, order.length * 70)),
    height: 160,
    data: { values },
    encoding: {
      x: { field: 'version', type: 'ordinal', sort: order, title: null, axis: { labelAngle: 0, labelOverlap: true } },
      y: { field: 'value', type: 'quantitative', title: input.label, scale: { zero: false } },
      color,
    },
    layer: [
      { mark: { type: 'line', strokeWidth: 1 } },
      { mark: { type: 'point', filled: true, size: 60 }, encoding: { tooltip: [{ field: 'version' }, { field: 'kind' }, { field: 'value', type: 'quantitative' }] } },
    ],
  };
}
