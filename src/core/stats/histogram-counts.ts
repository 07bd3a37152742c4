/**
 * Count values per bin for increasing `edges`, with numpy's convention
 * (`np.histogram(values, edges)`): bin i holds edges[i] <= v < edges[i+1], the last
 * bin also holds v = edges[last]; values outside [edges[0], edges[last]] and NaN are
 * not counted. O((n + k) log n).
 *
 * @throws Error when there are fewer than two edges or they decrease.
 */
export function histogramCounts(values: ArrayLike<number>, edges: ArrayLike<number>): number[] {
  if (edges.length < 2) throw new Error(`histogramCounts needs at least two edges (got ${edges.length})`);
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i] >= edges[i - 1])) throw new Error(`histogramCounts: edges must increase (edge ${i} is ${edges[i]} after ${edges[i - 1]})`);
  }
  const sorted = Float64Array.from(values).sort();
  // cumulative[i] = number of values < edges[i] (<= for the last edge)
  const cumulative: number[] = [];
  for (let i = 0; i < edges.length; i++) {
    const inclusive = i === edges.length - 1;
    cumulative.push(searchSorted(sorted, edges[i], inclusive));
  }
  const counts: number[] = [];
  for (let i = 0; i + 1 < edges.length; i++) counts.push(cumulative[i + 1] - cumulative[i]);
  return counts;
}

/** Index of the first element > x (inclusive) or >= x (not inclusive) in a sorted array. */
function searchSorted(sorted: Float64Array, x: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid];
    if (inclusive ? v <= x : v < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
