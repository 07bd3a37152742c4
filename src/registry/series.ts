/**
 * Metric points grouped into series (one per metric, slice and version), kept as parallel
 * number arrays so millions of points stay compact. Identical records (the same line appended
 * twice, or merged from two branches by the union driver) are dropped on read.
 */
import type { MetricSeries } from '../core/input.ts';
import { detach } from './scan.ts';

export function sliceKeyOf(slice: Record<string, string> | undefined | null): string {
  if (!slice) return '';
  const keys = Object.keys(slice).sort();
  return keys.map((k) => `${k}=${slice[k]}`).join(',');
}

interface Builder {
  key: string;
  series: MetricSeries;
  run: number[];
}

/** Collects points of one model and finishes them into sorted, de-duplicated series. */
export class SeriesCollector {
  /** metric -> version -> slice key -> builder: lookups by strings the loader reuses line after line. */
  private builders = new Map<string, Map<string, Map<string, Builder>>>();
  private all: Builder[] = [];
  private runs = new Map<string, number>();
  private lastRun: string | undefined;
  private lastRunId = 0;
  points = 0;

  add(p: { t: number; metric: string; version: string; slice?: Record<string, string>; value: number; n?: number; run?: string }): void {
    this.addPoint(p.t, p.metric, p.version, p.slice, undefined, p.value, p.n, p.run);
  }

  /**
   * Add one point; `sliceKey` is sliceKeyOf(slice) when the caller has it. The strings a series
   * keeps are copied (detached) so they never hold a whole file's text in memory.
   */
  addPoint(t: number, metric: string, version: string, slice: Record<string, string> | undefined, sliceKey: string | undefined, value: number, n: number | undefined, run: string | undefined): void {
    const key = sliceKey ?? sliceKeyOf(slice);
    let byVersion = this.builders.get(metric);
    if (!byVersion) this.builders.set(metric, (byVersion = new Map()));
    let bySlice = byVersion.get(version);
    if (!bySlice) byVersion.set(version, (bySlice = new Map()));
    let b = bySlice.get(key);
    if (!b) {
      const kept = slice && key ? Object.fromEntries(Object.keys(slice).sort().map((k) => [detach(k), detach(slice[k])])) : null;
      const m = detach(metric);
      const v = detach(version);
      const sk = detach(key);
      b = { key: `${m}\u0000${v}\u0000${sk}`, series: { metric: m, version: v, slice: kept, sliceKey: sk, t: [], value: [], n: [] }, run: [] };
      bySlice.set(key, b);
      this.all.push(b);
    }
    let runId = 0;
    if (run !== undefined) {
      if (run === this.lastRun) runId = this.lastRunId;
      else {
        runId = this.runs.get(run) ?? 0;
        if (!runId) {
          runId = this.runs.size + 1;
          this.runs.set(run, runId);
        }
        this.lastRun = run;
        this.lastRunId = runId;
      }
    }
    b.series.t.push(t);
    b.series.value.push(value);
    b.series.n.push(n ?? NaN);
    b.run.push(runId);
    this.points++;
  }

  /**
   * Sort each series by time, drop exact duplicates, count conflicting duplicates. When times
   * strictly increase (one point per timestamp, the common case) there is nothing to sort or
   * drop; otherwise points are sorted by (t, run, value, n) so that identical records sit side by
   * side and one linear pass removes them: O(n log n), never quadratic.
   */
  finish(): { series: MetricSeries[]; duplicates: number; conflicts: number } {
    let duplicates = 0;
    let conflicts = 0;
    const out: MetricSeries[] = [];
    const builders = [...this.all].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const { series: s, run } of builders) {
      const len = s.t.length;
      let strictlyIncreasing = true;
      for (let i = 1; i < len; i++) if (s.t[i] <= s.t[i - 1]) { strictlyIncreasing = false; break; }
      if (strictlyIncreasing) {
        out.push(s);
        continue;
      }
      const nKey = (x: number) => (Number.isNaN(x) ? -Infinity : x);
      const order = Array.from({ length: len }, (_, i) => i);
      order.sort((a, b) => s.t[a] - s.t[b] || run[a] - run[b] || s.value[a] - s.value[b] || nKey(s.n[a]) - nKey(s.n[b]) || a - b);
      const t: number[] = [];
      const value: number[] = [];
      const n: number[] = [];
      let prev = -1;
      for (const i of order) {
        if (prev >= 0 && s.t[i] === s.t[prev] && run[i] === run[prev]) {
          if (s.value[i] === s.value[prev] && nKey(s.n[i]) === nKey(s.n[prev])) {
            duplicates++;
            continue;
          }
          conflicts++;
        }
        t.push(s.t[i]);
        value.push(s.value[i]);
        n.push(s.n[i]);
        prev = i;
      }
      out.push({ ...s, t, value, n });
    }
    return { series: out, duplicates, conflicts };
  }
}
