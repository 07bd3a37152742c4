/**
 * Fairness by slice: the primary metric per slice value against the overall value and the
 * allowed gap, and the selection-rate ratio against its minimum (four-fifths rule). Whether a
 * slice is over its limit comes from the view model, which mirrors the core's check.
 */
import type { TopLevelSpec } from 'vega-lite';

type Panels = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'];
import { COLOR, CONFIG, r4, SCHEMA } from './theme.ts';

export interface FairnessChartInput {
  label: string;
  overall: number | null;
  /** The metric value at which a slice is over the allowed gap (direction-aware). */
  limit: number | null;
  minSelectionRatio: number;
  slices: { slice: string; metric: number | null; selectionRatio: number | null; over: boolean }[];
}

export function fairnessChart(input: FairnessChartInput): TopLevelSpec {
  const order = input.slices.map((s) => s.slice);
  const colour = { field: 'status', type: 'nominal', scale: { domain: ['within limit', 'over limit'], range: [COLOR.line, COLOR.red] }, legend: { title: null, orient: 'top', direction: 'horizontal' } } as const;
  const height = Math.max(60, order.length * 22);
  const y = { field: 'slice', type: 'nominal', sort: order, title: null } as const;
  const panels: Panels = [];
  const metric = input.slices.filter((s) => s.metric !== null).map((s) => ({ slice: s.slice, value: r4(s.metric!), status: s.over ? 'over limit' : 'within limit' }));
  if (metric.length) {
    const rules = [
      ...(input.overall !== null ? [{ v: r4(input.overall), what: 'overall' }] : []),
      ...(input.limit !== null ? [{ v: r4(input.limit), what: 'gap limit' }] : []),
    ];
    panels.push({
      width: 280,
      height,
      layer: [
        { data: { values: metric }, mark: { type: 'bar', height: { band: 0.7 } }, encoding: { y, x: { field: 'value', type: 'quantitative', title: input.label, stack: null }, color: colour, tooltip: [{ field: 'slice' }, { field: 'value', type: 'quantitative', title: input.label }] } },
        { data: { values: rules }, mark: { type: 'rule', strokeDash: [5, 3] }, encoding: { x: { field: 'v', type: 'quantitative' }, color: { value: COLOR.expected }, tooltip: [{ field: 'what' }, { field: 'v', type: 'quantitative', title: 'value' }] } },
      ],
    });
  }
  const sel = input.slices.filter((s) => s.selectionRatio !== null).map((s) => ({ slice: s.slice, value: r4(s.selectionRatio!), status: s.selectionRatio! < input.minSelectionRatio ? 'over limit' : 'within limit' }));
  if (sel.length) {
    panels.push({
      width: 220,
      height,
      layer: [
        { data: { values: sel }, mark: { type: 'bar', height: { band: 0.7 } }, encoding: { y, x: { field: 'value', type: 'quantitative', title: 'selection-rate ratio', scale: { domain: [0, 1] }, stack: null }, color: colour, tooltip: [{ field: 'slice' }, { field: 'value', type: 'quantitative', title: 'ratio to highest' }] } },
        { data: { values: [{ v: input.minSelectionRatio }] }, mark: { type: 'rule', strokeDash: [5, 3] }, encoding: { x: { field: 'v', type: 'quantitative' }, color: { value: COLOR.expected } } },
      ],
    });
  }
  return {
    $schema: SCHEMA,
    description: `${input.label} and selection-rate ratio by slice (${order.join(', ')}); ${input.slices.filter((s) => s.over).length} slice(s) over the limit.`,
    config: CONFIG,
    hconcat: panels,
    resolve: { scale: { color: 'shared' } },
  };
}
