import type { MetricSeries } from './input.ts';
/** Finding a model's series and slicing them at the evaluation time, without copying. */

export interface SeriesIndex {
  get(metric: string, version: string, sliceKey?: string): MetricSeries | undefined;
  /** Every series of a metric and version, one per slice (overall included, key ""). */
  slices(metric: string, version: string): MetricSeries[];
  metrics(version: string): string[];
}

/** Index a model's series by metric, version and slice. */
export function indexSeries(series: MetricSeries[]): SeriesIndex {
  const byKey = new Map<string, MetricSeries>();
  const byMetricVersion = new Map<string, MetricSeries[]>();
  const byVersion = new Map<string, Set<string>>();
  for (const s of series) {
    byKey.set(`${s.metric}\u0000${s.version}\u0000${s.sliceKey}`, s);
    const mv = `${s.metric}\u0000${s.version}`;
    const list = byMetricVersion.get(mv) ?? [];
    list.push(s);
    byMetricVersion.set(mv, list);
    const set = byVersion.get(s.version) ?? new Set<string>();
    set.add(s.metric);
    byVersion.set(s.version, set);
  }
  return {
    get: (metric, version, sliceKey = '') => byKey.get(`${metric}\u0000${version}\u0000${sliceKey}`),
    slices: (metric, version) => byMetricVersion.get(`${metric}\u0000${version}`) ?? [],
    metrics: (version) => [...(byVersion.get(version) ?? [])].sort(),
  };
}

/** Number of points with t <= endMs (the series is sorted): binary search. */
export function countUpTo(t: number[], endMs: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] <= endMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Mean of values[from, to). */
export function meanRange(values: number[], from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += values[i];
  return s / (to - from);
}

/** Mean of the last `window` values up to index `end` (exclusive), or null when there are none. */
export function rollingMeanAt(values: number[], end: number, window: number): { mean: number | null; count: number } {
  const from = Math.max(0, end - window);
  const count = end - from;
  return { mean: count > 0 ? meanRange(values, from, end) : null, count };
}
