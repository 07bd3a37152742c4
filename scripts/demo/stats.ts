/**
 * Metrics computed on each production window. Small, dependency-free implementations; each
 * guards against empty input by returning NaN, which callers skip.
 */

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

export function sd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/** Linear-interpolated quantile (type 7, as R and numpy default) of an unsorted array. */
export function quantile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/**
 * ROC AUC by the rank-sum (Mann-Whitney U) formula with midranks for ties.
 * NaN when the window holds only one class.
 */
export function auc(scores: readonly number[], labels: readonly number[]): number {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const ranks = new Array<number>(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[idx[k]] = r;
    i = j + 1;
  }
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] === 1) {
      pos++;
      rankSum += ranks[i];
    }
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Mean binary cross-entropy, probabilities clipped to [1e-6, 1 - 1e-6]. */
export function logLoss(probs: readonly number[], labels: readonly number[]): number {
  if (probs.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = Math.min(1 - 1e-6, Math.max(1e-6, probs[i]));
    s += labels[i] === 1 ? -Math.log(p) : -Math.log(1 - p);
  }
  return s / probs.length;
}

/** Brier score: mean squared error of the probabilities. */
export function brier(probs: readonly number[], labels: readonly number[]): number {
  if (probs.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < probs.length; i++) s += (probs[i] - labels[i]) ** 2;
  return s / probs.length;
}

/** Share of correct decisions at a probability cut-off. */
export function accuracy(probs: readonly number[], labels: readonly number[], cut = 0.5): number {
  if (probs.length === 0) return NaN;
  let ok = 0;
  for (let i = 0; i < probs.length; i++) if ((probs[i] >= cut ? 1 : 0) === labels[i]) ok++;
  return ok / probs.length;
}

/** Share of positive decisions (selection rate, for the four-fifths rule). */
export function selectionRate(probs: readonly number[], cut = 0.5): number {
  if (probs.length === 0) return NaN;
  let k = 0;
  for (const p of probs) if (p >= cut) k++;
  return k / probs.length;
}

export function rmse(pred: readonly number[], actual: readonly number[]): number {
  if (pred.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < pred.length; i++) s += (pred[i] - actual[i]) ** 2;
  return Math.sqrt(s / pred.length);
}

export function mae(pred: readonly number[], actual: readonly number[]): number {
  if (pred.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < pred.length; i++) s += Math.abs(pred[i] - actual[i]);
  return s / pred.length;
}

/** Mean absolute percentage error (share, not percent); actual values of 0 are skipped. */
export function mape(pred: readonly number[], actual: readonly number[]): number {
  let s = 0;
  let k = 0;
  for (let i = 0; i < pred.length; i++) {
    if (actual[i] === 0) continue;
    s += Math.abs((pred[i] - actual[i]) / actual[i]);
    k++;
  }
  return k === 0 ? NaN : s / k;
}

/** Mean signed error (prediction minus actual). */
export function bias(pred: readonly number[], actual: readonly number[]): number {
  if (pred.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < pred.length; i++) s += pred[i] - actual[i];
  return s / pred.length;
}

/** Counts of values in bins given by ascending edges; values outside go to the end bins. */
export function histogram(xs: readonly number[], edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const x of xs) {
    let b = 0;
    while (b < counts.length - 1 && x >= edges[b + 1]) b++;
    counts[b]++;
  }
  return counts;
}

/** Two-sample Kolmogorov-Smirnov statistic with an asymptotic p-value (for checking the demo). */
export function ks(a: readonly number[], b: readonly number[]): { d: number; p: number } {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] <= v) i++;
    while (j < y.length && y[j] <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  const ne = (x.length * y.length) / (x.length + y.length);
  const lambda = (Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * d;
  let p = 0;
  for (let k = 1; k <= 100; k++) p += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
  return { d, p: Math.min(1, Math.max(0, p)) };
}

/** Macro-averaged F1 over the given classes (classes absent from both truth and prediction are skipped). */
export function macroF1(pred: readonly string[], actual: readonly string[], classes: readonly string[]): number {
  const f1s: number[] = [];
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < pred.length; i++) {
      if (pred[i] === c && actual[i] === c) tp++;
      else if (pred[i] === c) fp++;
      else if (actual[i] === c) fn++;
    }
    if (tp + fp + fn === 0) continue;
    f1s.push((2 * tp) / (2 * tp + fp + fn));
  }
  return mean(f1s);
}

/** Multiclass log-loss given the probability assigned to the true class of each row. */
export function multiLogLoss(pTrue: readonly number[]): number {
  return mean(pTrue.map((p) => -Math.log(Math.min(1 - 1e-6, Math.max(1e-6, p)))));
}

/** Average precision (area under the precision-recall curve, step-wise), for rare positives. */
export function averagePrecision(scores: readonly number[], labels: readonly number[]): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  let tp = 0;
  let sum = 0;
  idx.forEach((i, k) => {
    if (labels[i] === 1) {
      tp++;
      sum += tp / (k + 1);
    }
  });
  return tp === 0 ? NaN : sum / tp;
}
