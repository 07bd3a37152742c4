/**
 * Which charts a model page shows, each as a Vega-Lite spec built from the snapshot's finished
 * series by the pure builders in src/charts (for the interactive view) and the same chart drawn
 * as a static SVG from the same data (what the page shows first), with a title and a caption
 * that says in words what the chart shows (so the page reads without the picture too).
 */
import type { TopLevelSpec } from 'vega-lite';
import { isAlarm } from '../core/health.ts';
import type { FeatureDrift, ModelSnapshot, SliceStat } from '../core/types.ts';
import { comparisonChart, comparisonDescription, comparisonSvg } from '../charts/comparison.ts';
import { distributionChart, distributionDescription, distributionSvg } from '../charts/distribution.ts';
import { fairnessChart, fairnessDescription, fairnessSvg } from '../charts/fairness.ts';
import { metricsChart, metricsDescription, metricsData, metricsSvg } from '../charts/metrics.ts';
import { primaryChart, primaryDescription, primaryData, primarySvg } from '../charts/primary.ts';
import { timed } from '../charts/svg.ts';
import { versionsChart, versionsDescription, versionsSvg } from '../charts/versions.ts';
import { num } from './format.ts';

export interface ChartView {
  /** Unique within the page; used for element ids. */
  id: string;
  title: string;
  /** What the chart shows, in words (figure caption and SVG label). */
  caption: string;
  /**
   * The Vega-Lite spec of the interactive view, built when read: the browser builds it (from
   * the model's JSON); the build needs only the caption and the SVG.
   */
  readonly spec: TopLevelSpec;
  /** The chart drawn as SVG at build time (reads with JavaScript off, prints, scales to its container). */
  svg: string;
  /** Swatches explained under the chart. */
  legend: { kind: string; label: string }[];
}

/** A chart as a page shows it: the spec is left out (the browser builds it from the model's JSON). */
export type DrawnChart = Omit<ChartView, 'spec'>;

/** Every chart of a model's two pages, drawn. */
export interface ModelCharts {
  primary: DrawnChart | null;
  metrics: DrawnChart | null;
  features: DrawnChart[];
  prediction: DrawnChart | null;
  versions: DrawnChart | null;
  fairness: DrawnChart | null;
  comparison: DrawnChart | null;
}

/** A ChartView as plain data (its spec is a getter: reading it would build the spec). */
export function drawn(v: ChartView): DrawnChart;
export function drawn(v: ChartView | null): DrawnChart | null;
export function drawn(v: ChartView | null): DrawnChart | null {
  return v && { id: v.id, title: v.title, caption: v.caption, svg: v.svg, legend: v.legend };
}

/**
 * Draw a model's charts. `spog build` draws them in the worker that computed the model (plain
 * strings, cheap to hand over), so that the main thread, which renders every page, only places them.
 */
export function modelCharts(m: ModelSnapshot, asOf: string): ModelCharts {
  return {
    primary: drawn(primaryChartView(m, asOf)),
    metrics: drawn(otherMetricsChartView(m)),
    features: distributionChartViews(m).map((v) => drawn(v)),
    prediction: drawn(predictionChartView(m)),
    versions: drawn(versionsChartView(m)),
    fairness: drawn(fairnessChartView(m)),
    comparison: drawn(comparisonChartView(m)),
  };
}

/** At most this many per-feature distribution charts on a page (the table lists every feature). */
export const MAX_FEATURE_CHARTS = 8;

export function primaryChartView(m: ModelSnapshot, asOf: string): ChartView | null {
  if (m.primary_series.t.length < 2) return null;
  const p = m.primary;
  // Only the detector that decides health marks the chart: a mark must mean what the badge means.
  const detections = m.performance_drift.filter((r) => r.decides_health).flatMap((r) => r.detections.map((d) => ({ date: d, detector: r.detector })));
  const markers = [
    ...m.versions.map((v) => ({ date: v.trained_at, kind: 'retrain' as const, label: `trained ${v.version}` })),
    ...m.deployments.filter((d) => d.since).map((d) => ({ date: d.since!, kind: 'deploy' as const, label: `${d.mode === 'production' ? 'deployed' : d.mode} ${d.version}` })),
  ];
  const higher = p.direction === 'higher_is_better';
  const legend = [{ kind: 'line', label: `${p.label}, ${m.champion ?? 'serving version'}` }];
  if (p.expected !== null) legend.push({ kind: 'expected', label: `expected ${num(p.expected)} (${p.expected_source})` });
  if (p.amber_at !== null && p.red_at !== null) {
    legend.push({ kind: 'amber', label: `amber ${higher ? 'below' : 'above'} ${num(p.amber_at)}` }, { kind: 'red', label: `red ${higher ? 'below' : 'above'} ${num(p.red_at)}` });
  }
  const input = { label: p.label, direction: p.direction, series: m.primary_series, expected: p.expected, amberAt: p.amber_at, redAt: p.red_at, detections, markers, asOf };
  // The detections and markers the chart shows (inside the period, first day of each run).
  const data = primaryData(input);
  if (data.detections.length) legend.push({ kind: 'detection', label: 'lasting change for the worse (where it began)' });
  if (data.markers.some((x) => x.kind === 'retrain')) legend.push({ kind: 'retrain', label: 'retrained' });
  if (data.markers.some((x) => x.kind === 'deploy')) legend.push({ kind: 'deploy', label: 'deployed' });
  const spec = () => primaryChart(input, data);
  const caption = primaryDescription(input, data);
  const svg = timed(() => primarySvg(input, data));
  return { id: 'chart-primary', title: `${p.label} over time`, caption, get spec() { return spec(); }, svg, legend };
}

export function otherMetricsChartView(m: ModelSnapshot): ChartView | null {
  const panels = m.other_metrics.filter((p) => p.series.t.length >= 2).map((p) => ({ metric: p.metric, series: p.series }));
  if (!panels.length) return null;
  const input = { panels };
  const data = metricsData(input);
  const spec = () => metricsChart(input, data);
  const caption = metricsDescription(input);
  const svg = timed(() => metricsSvg(input, data));
  return { id: 'chart-metrics', title: 'Other production metrics', caption, get spec() { return spec(); }, svg, legend: [] };
}

function verdict(f: FeatureDrift): string {
  if (f.drifted === null) return `not tested (${f.status.replace('_', ' ')})`;
  const score = f.p_value !== null ? `p-value ${num(f.p_value)}` : `${f.method} ${f.statistic !== null ? num(f.statistic) : '–'}`;
  return `${f.drifted ? 'drifted' : 'stable'} (${score}, threshold ${num(f.threshold)})`;
}

export function distributionChartViews(m: ModelSnapshot): ChartView[] {
  const dd = m.data_drift;
  if (!dd) return [];
  return dd.features
    .filter((f) => f.drifted === true && f.bins && f.bins.labels.length > 0)
    .slice(0, MAX_FEATURE_CHARTS)
    .map((f, i) => {
      const input = { feature: f.feature, bins: f.bins!, verdict: verdict(f) };
      const spec = () => distributionChart(input);
      const caption = distributionDescription(input);
      const svg = timed(() => distributionSvg(input));
      return { id: `chart-feature-${i}`, title: f.feature, caption, get spec() { return spec(); }, svg, legend: [] };
    });
}

export function predictionChartView(m: ModelSnapshot): ChartView | null {
  const p = m.data_drift?.prediction;
  if (!p || !p.bins || p.bins.labels.length === 0) return null;
  const input = { feature: `prediction (${p.feature})`, bins: p.bins, verdict: verdict(p) };
  const spec = () => distributionChart(input);
  const caption = distributionDescription(input);
  const svg = timed(() => distributionSvg(input));
  return { id: 'chart-prediction', title: `Predictions: ${p.feature}`, caption, get spec() { return spec(); }, svg, legend: [] };
}

export function versionsChartView(m: ModelSnapshot): ChartView | null {
  const rows = m.versions.map((v) => ({ version: v.version, evaluation: v.metrics[m.primary.name] ?? null, production: v.production_primary }));
  if (rows.length < 2 || rows.every((r) => r.evaluation === null && r.production === null)) return null;
  const input = { label: m.primary.label, versions: rows };
  const spec = () => versionsChart(input);
  const caption = versionsDescription(input);
  const svg = timed(() => versionsSvg(input));
  return { id: 'chart-versions', title: `${m.primary.label} across versions`, caption, get spec() { return spec(); }, svg, legend: [] };
}

/** Whether the fairness check holds a slice's gap over its limit: its verdict is an alarm (not a recomputation). */
export function sliceOver(s: Pick<SliceStat, 'gap_status'>): boolean {
  return isAlarm(s.gap_status);
}

/** Whether the fairness check holds a slice's selection ratio under the minimum: its verdict is an alarm. */
export function ratioUnder(s: Pick<SliceStat, 'ratio_status'>): boolean {
  return isAlarm(s.ratio_status);
}

export function fairnessChartView(m: ModelSnapshot): ChartView | null {
  const f = m.fairness;
  if (!f || f.slices.length === 0) return null;
  const input = {
    label: m.primary.label,
    overall: f.overall,
    limit: f.gap_limit_at,
    minSelectionRatio: f.min_selection_ratio,
    slices: f.slices.map((s) => ({ slice: `${s.slice_key}=${s.slice_value}`, metric: s.metric, selectionRatio: s.selection_ratio, over: sliceOver(s), ratioUnder: ratioUnder(s) })),
  };
  const spec = () => fairnessChart(input);
  const caption = fairnessDescription(input);
  const svg = timed(() => fairnessSvg(input));
  return { id: 'chart-fairness', title: 'Fairness by slice', caption, get spec() { return spec(); }, svg, legend: [] };
}

/**
 * Every chart of a model's pages, by element id: the interactive view builds its spec here, in
 * the browser, from the model's JSON (the same code and data as the static SVG).
 */
export function allChartViews(m: ModelSnapshot, asOf: string): ChartView[] {
  const views = [primaryChartView(m, asOf), otherMetricsChartView(m), ...distributionChartViews(m), predictionChartView(m), versionsChartView(m), fairnessChartView(m), comparisonChartView(m)];
  return views.filter((v): v is ChartView => v !== null);
}

export function comparisonChartView(m: ModelSnapshot): ChartView | null {
  const rows = m.comparisons
    .filter((c) => c.improvement !== null && c.ci !== null)
    .map((c) => ({ pair: `${c.challenger} vs ${c.champion}`, improvement: c.improvement!, lo: c.ci![0], hi: c.ci![1], recommendation: c.recommendation.replaceAll('_', ' ') }));
  if (!rows.length) return null;
  const input = { label: m.primary.label, rows, confidence: m.comparisons[0].confidence };
  const spec = () => comparisonChart(input);
  const caption = comparisonDescription(input);
  const svg = timed(() => comparisonSvg(input));
  return { id: 'chart-comparison', title: 'Challenger vs champion', caption, get spec() { return spec(); }, svg, legend: [] };
}
