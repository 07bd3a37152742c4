/**
 * Population Stability Index over matching bins:
 *   PSI = Σ (rᵢ − cᵢ) · ln(rᵢ / cᵢ)
 * where rᵢ and cᵢ are the reference and current shares of bin i. The shares are used
 * as given (no renormalisation), exactly as Evidently's `psi.py`; callers must fill
 * empty bins first (see the drift module's Evidently fill rule), otherwise a zero
 * share gives ±∞.
 *
 * Reference: Yurdakul, B. (2018), "Statistical properties of population stability
 * index", Western Michigan University dissertation; Evidently `psi.py`.
 *
 * @throws Error when lengths differ or the list is empty.
 */
export function psi(referenceShares: ArrayLike<number>, currentShares: ArrayLike<number>): number {
  if (referenceShares.length !== currentShares.length) {
    throw new Error(`psi needs one current share per reference share (got ${referenceShares.length} and ${currentShares.length})`);
  }
  if (referenceShares.length === 0) throw new Error('psi requires at least one bin');
  let total = 0;
  for (let i = 0; i < referenceShares.length; i++) {
    const r = referenceShares[i];
    const c = currentShares[i];
    total += (r - c) * Math.log(r / c);
  }
  return total;
}
