/**
 * Benjamini–Hochberg adjusted p-values (the false discovery rate step-up procedure), as
 * `statsmodels.stats.multitest.multipletests(p, method='fdr_bh')[1]`: sorted ascending,
 * p₍ᵢ₎ · m / i, made monotone from the largest down, capped at 1. A test is significant at level
 * q when its adjusted p-value is <= q; with m tests of which none has an effect, the chance of
 * any false call is at most q. NaN p-values (tests that could not run) stay NaN and do not count in m.
 *
 * Reference: Benjamini, Y. & Hochberg, Y. (1995), JRSS B 57(1).
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const idx = pValues.map((_, i) => i).filter((i) => !Number.isNaN(pValues[i]));
  const m = idx.length;
  idx.sort((i, j) => pValues[i] - pValues[j]);
  const out = pValues.map(() => NaN);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = idx[r];
    running = Math.min(running, (pValues[i] * m) / (r + 1));
    out[i] = Math.min(1, running);
  }
  return out;
}
