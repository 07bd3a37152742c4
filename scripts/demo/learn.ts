/**
 * The small learners the demo trains on real data: standardisation, logistic regression by
 * batch gradient descent, and ridge-regularised least squares. Deterministic: no random
 * initialisation, fixed iteration counts.
 */

export interface Scaler {
  mu: number[];
  sigma: number[];
}

/** Column means and standard deviations, so gradient descent sees unit-scale inputs. */
export function fitScaler(X: readonly number[][]): Scaler {
  const d = X[0].length;
  const mu = new Array<number>(d).fill(0);
  const sigma = new Array<number>(d).fill(0);
  for (const r of X) for (let j = 0; j < d; j++) mu[j] += r[j] / X.length;
  for (const r of X) for (let j = 0; j < d; j++) sigma[j] += (r[j] - mu[j]) ** 2 / X.length;
  for (let j = 0; j < d; j++) sigma[j] = Math.sqrt(sigma[j]) || 1;
  return { mu, sigma };
}

export function scale(s: Scaler, x: readonly number[]): number[] {
  return x.map((v, j) => (v - s.mu[j]) / s.sigma[j]);
}

export interface Logistic {
  scaler: Scaler;
  w: number[];
  b: number;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Logistic regression fitted by full-batch gradient descent on the L2-penalised log-loss
 * (Hastie, Tibshirani & Friedman, ESL 4.4). `l2` is the penalty per weight.
 */
export function fitLogistic(X: readonly number[][], y: readonly number[], opts: { iters?: number; lr?: number; l2?: number } = {}): Logistic {
  const { iters = 400, lr = 0.5, l2 = 1e-3 } = opts;
  const scaler = fitScaler(X);
  const n = X.length;
  const d = X[0].length;
  // Row-major standardised design matrix in one typed array: the loop below is the generator's hot spot.
  const Z = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) Z[i * d + j] = (X[i][j] - scaler.mu[j]) / scaler.sigma[j];
  const w = new Float64Array(d);
  const gw = new Float64Array(d);
  let b = 0;
  for (let it = 0; it < iters; it++) {
    gw.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const row = i * d;
      let z = b;
      for (let j = 0; j < d; j++) z += w[j] * Z[row + j];
      const e = 1 / (1 + Math.exp(-z)) - y[i];
      gb += e;
      for (let j = 0; j < d; j++) gw[j] += e * Z[row + j];
    }
    b -= (lr * gb) / n;
    for (let j = 0; j < d; j++) w[j] -= lr * (gw[j] / n + l2 * w[j]);
  }
  return { scaler, w: Array.from(w), b };
}

export function predictLogistic(m: Logistic, x: readonly number[]): number {
  const z = scale(m.scaler, x);
  let s = m.b;
  for (let j = 0; j < z.length; j++) s += m.w[j] * z[j];
  return sigmoid(s);
}

export interface Linear {
  scaler: Scaler;
  w: number[];
  b: number;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and dense). */
function solve(A: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const M = A.map((r, i) => [...r, rhs[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

/** Ridge regression by the normal equations on standardised inputs: (Z'Z + l2 n I) w = Z'(y - mean y). */
export function fitLinear(X: readonly number[][], y: readonly number[], l2 = 1e-4): Linear {
  const scaler = fitScaler(X);
  const Z = X.map((r) => scale(scaler, r));
  const d = Z[0].length;
  const n = Z.length;
  const ym = y.reduce((s, v) => s + v, 0) / n;
  const A = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const rhs = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      rhs[j] += Z[i][j] * (y[i] - ym);
      for (let k = 0; k < d; k++) A[j][k] += Z[i][j] * Z[i][k];
    }
  }
  for (let j = 0; j < d; j++) A[j][j] += l2 * n;
  return { scaler, w: solve(A, rhs), b: ym };
}

export function predictLinear(m: Linear, x: readonly number[]): number {
  const z = scale(m.scaler, x);
  let s = m.b;
  for (let j = 0; j < z.length; j++) s += m.w[j] * z[j];
  return s;
}

/** Coefficients of a fitted linear model in the units of its inputs (for the version file). */
export function rawCoefficients(m: Linear, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  let intercept = m.b;
  names.forEach((n, j) => {
    const c = m.w[j] / m.scaler.sigma[j];
    intercept -= c * m.scaler.mu[j];
    out[`coef_${n}`] = c;
  });
  out.intercept = intercept;
  return out;
}

/** One-vs-rest logistic regression for several classes; probabilities are the per-class scores normalised to sum to 1. */
export interface OneVsRest {
  classes: readonly string[];
  models: Logistic[];
}

export function fitOneVsRest(X: readonly number[][], y: readonly string[], classes: readonly string[], opts: { iters?: number; lr?: number; l2?: number } = {}): OneVsRest {
  return { classes, models: classes.map((c) => fitLogistic(X, y.map((v) => (v === c ? 1 : 0)), opts)) };
}

export function predictOneVsRest(m: OneVsRest, x: readonly number[]): number[] {
  const s = m.models.map((lm) => predictLogistic(lm, x));
  const total = s.reduce((a, b) => a + b, 0);
  return s.map((v) => v / total);
}
