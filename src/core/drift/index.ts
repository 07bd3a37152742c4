/**
 * Data-drift tests equivalent to Evidently's legacy stattests, on raw samples, numeric
 * histograms or category counts.
 *
 * What Evidently's source says (evidentlyai/evidently, src/evidently/legacy/calculations/
 * stattests/*.py and legacy/calculations/data_drift.py), and what this module does:
 *
 * - Before a test, data_drift.py replaces ±inf by NaN and drops NaN; an empty column is an
 *   error there and `insufficient_data` here. Row counts used below are after dropping.
 * - Default test (`registry._get_default_stattest`): reference rows <= 1000 → KS for
 *   numerical columns with > 5 distinct values, else chi-square (> 2 values) or z-test
 *   (<= 2); reference rows > 1000 → normalised Wasserstein for numerical > 5 values, else
 *   Jensen–Shannon. Distinct values are counted on `concat([reference, current])`, not on
 *   the reference alone.
 * - Verdicts: KS drifts when p <= threshold; chi-square and z when p < threshold (strict);
 *   Wasserstein, PSI, KL and Jensen–Shannon when statistic >= threshold. Default
 *   thresholds: 0.05 for the p-value tests, 0.1 for the distances.
 * - Allowed column types: ks and wasserstein numerical only; chisquare and z categorical
 *   only (numerical columns reach them only through the default choice — here a numeric
 *   sample is then read as categories); psi, kl_div and jensenshannon both.
 * - Binning (`utils.get_binned_data`): Sturges edges over reference+current when the
 *   *reference* has more than 20 distinct values (`reference.nunique() > 20`), one bin per
 *   value otherwise; shares = count / size per period. PSI and KL then fill empty bins
 *   with min(non-zero)/1e6 when that minimum is <= 1e-4, else 1e-4 (per period, no
 *   renormalisation for PSI; KL uses `scipy.stats.entropy`, which renormalises).
 *   Jensen–Shannon uses the unfilled shares (`feel_zeroes=False`).
 * - Wasserstein: `wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)` (ddof 0).
 * - Chi-square: f_exp = reference count × n_cur / n_ref over the union of categories.
 * - z-test: first category in sorted order vs the rest, pooled two-proportion z,
 *   p = 2·(1 − Φ(|z|)); p = 1 when both periods are the same single category.
 * - Dataset drift (`get_dataset_drift`): share of drifted columns >= drift_share (0.5).
 *
 * spog's extensions (not in Evidently), documented at each test: numeric histograms
 * (KS as a binned approximation, Wasserstein on weighted midpoints, PSI/KL/JS on the bins
 * with re-binning onto the union of edges), category counts, and statuses instead of
 * exceptions for data problems.
 */
export type { ColumnType, Distribution, DriftMethod, DriftResult } from './types.ts';
export type { DriftTestDefinition, Computation } from './definition.ts';
export { verdict } from './definition.ts';
export { driftTest, MIN_VALUES_PER_SIDE } from './drift-test.ts';
export type { DriftTestOptions } from './drift-test.ts';
export { chooseMethod, chooseForPair, SMALL_REFERENCE_MAX_ROWS, FEW_VALUES_MAX } from './choose-method.ts';
export type { MethodChoice } from './choose-method.ts';
export { datasetDrift } from './dataset-drift.ts';
export type { DatasetDriftResult } from './dataset-drift.ts';
export { getDriftTest, listDriftTests, pValueComparison, registerDriftTest } from './registry.ts';
export { evidentlyBins, fillEmptyBins } from './binning.ts';
export { alignHistograms, midpoints } from './histograms.ts';
export { WASSERSTEIN_STD_FLOOR } from './wasserstein.ts';
