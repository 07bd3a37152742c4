import { linspace } from './linspace.ts';

/**
 * Equal-width bin edges chosen by Sturges' rule, equal to
 * `np.histogram_bin_edges(values, bins='sturges')` (numpy 1.24):
 * width = ptp / (log₂ n + 1), bin count = ⌈(max − min) / width⌉ (1 when the width is 0),
 * edges from {@link linspace}; a constant sample gets the range [v − 0.5, v + 0.5].
 *
 * Evidently's PSI, KL and Jensen–Shannon bin numeric columns with these edges,
 * computed over reference and current values together.
 *
 * Reference: Sturges, H. A. (1926), "The choice of a class interval", JASA 21(153).
 *
 * @throws Error when `values` is empty or contains a non-finite number.
 */
export function sturgesBinEdges(values: ArrayLike<number>): number[] {
  if (values.length === 0) throw new Error('sturgesBinEdges requires at least one data point');
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new Error(`sturgesBinEdges: value ${i} is ${v}; only finite numbers can be binned`);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const width = (max - min) / (Math.log2(values.length) + 1);
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const bins = width ? Math.ceil((last - first) / width) : 1;
  return linspace(first, last, bins + 1);
}
