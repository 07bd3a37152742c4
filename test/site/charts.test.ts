import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { comparisonChart } from '../../src/charts/comparison.ts';
import { distributionChart } from '../../src/charts/distribution.ts';
import { fairnessChart } from '../../src/charts/fairness.ts';
import { metricsChart } from '../../src/charts/metrics.ts';
import { chartMarks, primaryChart, type PrimaryChartInput } from '../../src/charts/primary.ts';
import { versionsChart } from '../../src/charts/versions.ts';
import { compactSvg, compileSpec, renderSvg } from './chart-vega.ts';

const days = (n: number, from = Date.UTC(2026, 0, 1)) => Array.from({ length: n }, (_, i) => new Date(from + i * 86_400_000).toISOString());

const primaryInput: PrimaryChartInput = {
  label: 'ROC AUC',
  direction: 'higher_is_better',
  series: { t: days(400), value: days(400).map((_, i) => 0.85 - (i > 350 ? 0.06 : 0) + Math.sin(i / 5) * 0.01) },
  expected: 0.85,
  amberAt: 0.8075,
  redAt: 0.765,
  detections: [{ date: '2027-01-20', detector: 'adwin' }, { date: '2027-01-20', detector: 'adwin' }, { date: '2025-01-01', detector: 'adwin' }],
  markers: [{ date: '2026-03-01', kind: 'retrain', label: 'trained v2' }, { date: '2026-03-05T00:00:00Z', kind: 'deploy', label: 'deployed v2' }],
  asOf: '2027-02-04',
};

/** Vega transforms that only parse, filter invalid values or support interaction: nothing that computes a statistic. */
const ALLOWED_TRANSFORMS = new Set(['formula', 'filter', 'extent', 'identifier', 'collect', 'project']);

function transformsOf(vega: unknown): string[] {
  const found: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (Array.isArray(o.transform)) for (const t of o.transform) found.push(String((t as { type: string }).type));
      Object.values(o).forEach(walk);
    }
  };
  walk(vega);
  return found;
}

function keysOf(x: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(x)) x.forEach((v) => keysOf(v, out));
  else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) if (k !== 'values') { out.add(k); keysOf(v, out); }
  return out;
}

const specs: [string, TopLevelSpec][] = [
  ['primary metric over time', primaryChart(primaryInput)],
  ['primary metric, lower is better, no expected value', primaryChart({ ...primaryInput, direction: 'lower_is_better', expected: null, amberAt: null, redAt: null, detections: [], markers: [] })],
  ['primary metric, few points (each marked)', primaryChart({ ...primaryInput, series: { t: days(20), value: days(20).map((_, i) => 0.8 + (i % 3) / 100) }, asOf: '2026-01-20' })],
  ['other metrics', metricsChart({ panels: [{ metric: 'accuracy', series: { t: days(20), value: days(20).map((_, i) => 0.8 + i / 1000) } }, { metric: 'latency_p95_ms', series: { t: days(20), value: days(20).map((_, i) => 120 + i) } }] })],
  ['reference vs current distribution', distributionChart({ feature: 'income', bins: { labels: ['<10k', '10k-20k', '20k+'], reference: [0.2, 0.5, 0.3], current: [0.1, 0.4, 0.5] }, verdict: 'drifted (p-value 0.001)' })],
  ['primary metric across versions', versionsChart({ label: 'AUC', versions: [{ version: 'v1', evaluation: 0.8, production: 0.79 }, { version: 'v2', evaluation: 0.82, production: null }] })],
  ['fairness by slice', fairnessChart({ label: 'AUC', overall: 0.8, limit: 0.76, minSelectionRatio: 0.8, slices: [{ slice: 'sex=female', metric: 0.7, selectionRatio: 0.9, over: true, ratioUnder: false }, { slice: 'sex=male', metric: 0.81, selectionRatio: 1, over: false, ratioUnder: false }] })],
  ['champion vs challenger', comparisonChart({ label: 'AUC', confidence: 0.95, rows: [{ pair: 'v2 vs v1', improvement: 0.01, lo: 0.004, hi: 0.016, recommendation: 'promote' }] })],
];

describe('chart specs', () => {
  for (const [name, spec] of specs) {
    describe(name, () => {
      it('compiles with vega-lite without errors or warnings', () => {
        const { warnings } = compileSpec(spec);
        expect(warnings).toEqual([]);
      });

      it('computes no statistic in Vega: no aggregate, bin, regression, loess, window or stack', () => {
        const keys = keysOf(spec);
        for (const k of ['transform', 'aggregate', 'bin', 'timeUnit']) expect(keys.has(k), `spec uses ${k}`).toBe(false);
        const used = transformsOf(compileSpec(spec).vega);
        expect(used.filter((t) => !ALLOWED_TRANSFORMS.has(t))).toEqual([]);
      });

      it('has a description (the SVG label and the caption)', () => {
        expect(String(spec.description ?? '')).toMatch(/\w{4,}/);
      });

      it('renders in Vega (the interactive view, and the static SVG tests\' oracle)', async () => {
        const { svg } = await renderSvg(spec);
        expect(svg.startsWith('<svg')).toBe(true);
        expect(svg).toContain('</svg>');
      });
    });
  }

  it('downsamples a long primary series to about 300 points with LTTB', () => {
    const long = primaryChart({ ...primaryInput, series: { t: days(5000, Date.UTC(2013, 0, 1)), value: days(5000).map((_, i) => Math.sin(i)) } });
    const layers = (long as { layer: { data?: { values?: unknown[] }; mark?: { type?: string } }[] }).layer;
    const line = layers.find((l) => l.mark?.type === 'line')!;
    expect(line.data!.values).toHaveLength(300);
  });

  it('draws the bands from the values the core gave: red below red_at, amber up to amber_at', () => {
    const layers = (specs[0][1] as { layer: { data?: { values?: { band?: string; y?: number; y2?: number }[] } }[] }).layer;
    const bands = layers[0].data!.values!;
    expect(bands.find((b) => b.band === 'red')!.y2).toBe(0.765);
    expect(bands.find((b) => b.band === 'amber')).toMatchObject({ y: 0.765, y2: 0.8075 });
  });

  it('shows only detections and markers inside the charted period, once each', () => {
    const layers = (specs[0][1] as { layer: { data?: { values?: { detector?: string }[] } }[] }).layer;
    const det = layers.find((l) => l.data?.values?.[0]?.detector);
    expect(det!.data!.values).toEqual([{ t: '2027-01-20', d: '2027-01-20', detector: 'adwin' }]);
  });

  it('marks only the first day of each run of consecutive detections', () => {
    const rm = ['2027-01-25', '2027-01-26', '2027-01-27', '2027-01-30', '2027-01-31'].map((date) => ({ date, detector: 'rolling-mean' }));
    const { detections } = chartMarks({ ...primaryInput, detections: [...rm, { date: '2027-01-26', detector: 'adwin' }] });
    expect(detections).toEqual([
      { t: '2027-01-25', detector: 'rolling-mean' },
      { t: '2027-01-26', detector: 'adwin' },
      { t: '2027-01-30', detector: 'rolling-mean' },
    ]);
  });

  it('keeps axis text exactly as Vega formatted it when shortening coordinates', () => {
    const svg = '<svg><path d="M0.123456,10.98765L3.0,4.5"/><text transform="translate(12.3456,7)">0.8125</text></svg>';
    expect(compactSvg(svg)).toBe('<svg><path d="M0.1,10.9L3,4.5"/><text transform="translate(12.3,7)">0.8125</text></svg>');
  });
});
