/**
 * The drift tests a card, the config or `spog drift --method` can name besides `auto`: Evidently's
 * stattests by their Evidently names, and the chi-square test of homogeneity behind `auto`. One
 * list for the schema, the core's type and the CLI's choices. No imports: the CLI reads it at
 * start-up.
 */
export const DRIFT_METHODS = ['ks', 'wasserstein', 'psi', 'kl', 'jensenshannon', 'chisquare', 'ztest', 'chi2_homogeneity'] as const;
