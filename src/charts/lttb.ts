import { fastIsoToMs } from '../schema/dates.ts';

/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, "Downsampling Time Series for
 * Visual Representation", MSc thesis, University of Iceland, 2013, section 4.2).
 *
 * Keeps the first and last points, splits the rest into `threshold - 2` equal buckets and keeps,
 * from each bucket, the point forming the largest triangle with the point kept from the previous
 * bucket and the average of the next bucket. It keeps peaks and dips that a plain stride drops,
 * so a downsampled chart still shows the drop that turned a model red. Returns indices into the
 * input so callers can carry any payload (dates, labels) along with the kept points.
 */
export function lttbIndices(x: readonly number[], y: readonly number[], threshold: number): number[] {
  if (x.length !== y.length) throw new Error(`lttb needs x and y of equal length (got ${x.length} and ${y.length})`);
  const n = x.length;
  if (!Number.isInteger(threshold) || threshold < 3) throw new RangeError(`lttb needs an integer threshold of at least 3 (got ${threshold})`);
  if (threshold >= n) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [0];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // Average of the next bucket (the last point when this is the last bucket).
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    const len = nextEnd - nextStart;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += x[j];
      avgY += y[j];
    }
    avgX /= len;
    avgY /= len;
    // The point of this bucket forming the largest triangle with a and the next average.
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    let maxArea = -1;
    let kept = start;
    for (let j = start; j < end; j++) {
      const area = Math.abs((x[a] - avgX) * (y[j] - y[a]) - (x[a] - x[j]) * (avgY - y[a]));
      if (area > maxArea) {
        maxArea = area;
        kept = j;
      }
    }
    out.push(kept);
    a = kept;
  }
  out.push(n - 1);
  return out;
}

/** Milliseconds of the timestamps charted so far: a model's series share their days, and so do most models'. */
const MS = new Map<string, number>();

/** Milliseconds of a series timestamp (an ISO string), remembered. */
export function seriesMs(t: string): number {
  let ms = MS.get(t);
  if (ms === undefined) {
    ms = fastIsoToMs(t);
    if (MS.size >= 100_000) MS.clear();
    MS.set(t, ms);
  }
  return ms;
}

/**
 * LTTB on a dated series: ISO timestamps and values in, the kept timestamps and values out, with
 * the kept timestamps as epoch milliseconds (`ms`) for drawing.
 */
export function lttbSeries(t: readonly string[], value: readonly number[], threshold = 300): { t: string[]; value: number[]; ms: number[] } {
  const x = t.map(seriesMs);
  const idx = lttbIndices(x, value, threshold);
  return { t: idx.map((i) => t[i]), value: idx.map((i) => value[i]), ms: idx.map((i) => x[i]) };
}
