/**
 * Sum of a list of numbers with Neumaier's compensated summation.
 *
 * Plain left-to-right addition loses digits when large and small terms mix; the
 * compensation term keeps the rounding error bounded independently of the length
 * (Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
 * Summen"). numpy uses pairwise summation; both agree far below the 1e-9 tolerance
 * the goldens use.
 *
 * An empty list sums to 0.
 */
export function sum(values: ArrayLike<number>): number {
  let total = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = total + v;
    if (Math.abs(total) >= Math.abs(v)) compensation += total - t + v;
    else compensation += v - t + total;
    total = t;
  }
  return total + compensation;
}
