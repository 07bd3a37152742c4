/**
 * "Did you mean": the closest known name to a mistyped one, for keys, team ids and metric names.
 * Below the registry and the engine, which both suggest.
 */

/** Levenshtein distance between two strings (insertions, deletions and substitutions), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagPrev = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagPrev + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagPrev = tmp;
    }
  }
  return prev[b.length];
}

/** Closest candidate within a small edit distance, or undefined. */
export function didYouMean(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dist = editDistance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestD) {
      bestD = dist;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/**
 * Metric names are free text shared by the card, the version files and the metric lines: a name
 * is close to another when they differ by a typo (at most 2 edits, or a third of the name) or
 * when one is the other with a qualifier ("roc_auc" and "auc", "auc_7d").
 */
const tokens = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** The known metric name closest to `name`, or undefined when none is close. */
export function suggestMetric(name: string, known: readonly string[]): string | undefined {
  const own = tokens(name);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const k of known) {
    if (k === name) continue;
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    const typo = d <= Math.max(2, Math.floor(name.length / 3));
    const kt = tokens(k);
    const qualified = own.length !== kt.length && (own.every((t) => kt.includes(t)) || kt.every((t) => own.includes(t)));
    if (!typo && !qualified) continue;
    const score = typo ? d : 10 + Math.abs(own.length - kt.length);
    if (score < bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return best;
}

/**
 * Which side of a near-miss to fix. The card names a metric the lines do not use, and the lines
 * use `near` instead: when the version's own evaluation uses the card's name (and not `near`),
 * two files agree and the lines are the odd one out, so the pipeline is told to rename them;
 * otherwise the card is told to use the lines' name.
 */
export function linesMisnamed(cardName: string, near: string, evaluated: readonly string[]): boolean {
  return evaluated.includes(cardName) && !evaluated.includes(near);
}

/**
 * The direction of metrics whose name says it, for `spog new model --primary-metric NAME`
 * without --direction. Only names with one meaning: an unknown name needs --direction.
 */
const HIGHER = ['auc', 'roc_auc', 'auroc', 'pr_auc', 'average_precision', 'accuracy', 'balanced_accuracy', 'precision', 'recall', 'sensitivity', 'specificity', 'f1', 'f1_score', 'r2', 'gini', 'ks', 'map', 'ndcg', 'mrr', 'hit_rate', 'top_k_accuracy', 'selection_rate'];
const LOWER = ['rmse', 'mse', 'mae', 'mape', 'smape', 'wape', 'mase', 'log_loss', 'logloss', 'cross_entropy', 'brier', 'brier_score', 'pinball_loss', 'error_rate', 'latency_p95_ms', 'null_rate', 'out_of_range_rate'];

/** "higher_is_better" or "lower_is_better" for a metric name spog knows ("auc", "RMSE", "log-loss"), else undefined. */
export function knownDirection(metric: string): 'higher_is_better' | 'lower_is_better' | undefined {
  const name = metric.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (HIGHER.includes(name)) return 'higher_is_better';
  if (LOWER.includes(name)) return 'lower_is_better';
  return undefined;
}

/** A lowercase URL-safe slug made from free text: "Churn Model" -> "churn-model", "Ünïcode_2" -> "unicode-2"; "" when nothing is left. */
export function toSlug(text: string, max = 64): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
}
