/**
 * Metric points grouped into series (one per metric, slice and version), kept as parallel
 * number arrays so millions of points stay compact. Identical records (the same line appended
 * twice, or merged from two branches by the union driver) are dropped on read.
 */

/** One metric's observations for one version and one slice, sorted by time. */
export interface MetricSeries {
  metric: string;
  version: string;
  /** Slice as key/value pairs, or null for the whole population. */
  slice: Record<string, string> | null;
  /** Canonical slice key: "sex=female,age=young" (keys sorted), "" for the whole population. */
  sliceKey: string;
  /** Milliseconds since the epoch. */
  t: number[];
  value: number[];
  /** Number of predictions behind each value; NaN when not given. */
  n: number[];
}

export function sliceKeyOf(slice: Record<string, string> | undefined | null): string {
  if (!slice) return '';
  const keys = Object.keys(slice).sort();
  return keys.map((k) => `${k}=${slice[k]}`).join(',');
}

interface Builder {
  series: MetricSeries;
  run: number[];
}

/** Collects points of one model and finishes them into sorted, de-duplicated series. */
export class SeriesCollector {
  private builders = new Map<string, Builder>();
  private runs = new Map<string, number>();
  points = 0;

  add(p: { t: number; metric: string; version: string; slice?: Record<string, string>; value: number; n?: number; run?: string }): void {
    const sliceKey = sliceKeyOf(p.slice);
    const key = `${p.metric}\u0000${p.version}\u0000${sliceKey}`;
    let b = this.builders.get(key);
    if (!b) {
      const slice = p.slice && sliceKey ? Object.fromEntries(Object.keys(p.slice).sort().map((k) => [k, p.slice![k]])) : null;
      b = { series: { metric: p.metric, version: p.version, slice, sliceKey, t: [], value: [], n: [] }, run: [] };
      this.builders.set(key, b);
    }
    let runId = 0;
    if (p.run !== undefined) {
      runId = this.runs.get(p.run) ?? 0;
      if (!runId) {
        runId = this.runs.size + 1;
        this.runs.set(p.run, runId);
      }
    }
    b.series.t.push(p.t);
    b.series.value.push(p.value);
    b.series.n.push(p.n ?? NaN);
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
    const keys = [...this.builders.keys()].sort();
    for (const key of keys) {
      const { series: s, run } = this.builders.get(key)!;
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
