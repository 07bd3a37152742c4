import type { Detector, ParamSpec } from './types.ts';
import { assertFiniteInput } from './types.ts';

export interface AdwinParams {
  delta: number;
  clock: number;
  max_buckets: number;
  min_window_length: number;
  grace_period: number;
}

export const ADWIN_PARAMS: Record<keyof AdwinParams, ParamSpec> = {
  delta: { type: 'number', default: 0.002, description: 'Significance value; smaller is more conservative.' },
  clock: { type: 'integer', default: 32, description: 'Check for change every `clock` updates.' },
  max_buckets: { type: 'integer', default: 5, description: 'Buckets of each size kept before two are merged.' },
  min_window_length: { type: 'integer', default: 5, description: 'Smallest sub-window considered for a cut.' },
  grace_period: { type: 'integer', default: 10, description: 'No detection before the window holds more than this many values.' },
};

/** A row of the exponential histogram: up to max_buckets + 1 buckets of size 2^row. */
class BucketRow {
  totals: Float64Array;
  variances: Float64Array;
  count = 0;

  constructor(maxBuckets: number) {
    this.totals = new Float64Array(maxBuckets + 1);
    this.variances = new Float64Array(maxBuckets + 1);
  }

  insert(total: number, variance: number): void {
    this.totals[this.count] = total;
    this.variances[this.count] = variance;
    this.count++;
  }

  /** Drop the oldest `n` buckets (the front of the row). */
  compress(n: number): void {
    const len = this.totals.length;
    for (let i = n; i < len; i++) {
      this.totals[i - n] = this.totals[i];
      this.variances[i - n] = this.variances[i];
    }
    for (let i = len - n; i < len; i++) {
      this.totals[i] = 0;
      this.variances[i] = 0;
    }
    this.count -= n;
  }
}

/**
 * ADWIN (ADaptive WINdowing) drift detector, equivalent to River's `drift.ADWIN` and its
 * Cython helper `AdaptiveWindowing` (river/drift/adwin.py, adwin_c.pyx), same
 * parameters and defaults: delta = 0.002, clock = 32, max_buckets = 5,
 * min_window_length = 5, grace_period = 10.
 *
 * The window is kept as an exponential histogram of bucket totals and variances. Every
 * `clock` updates, once the window is longer than `grace_period`, every cut into an
 * older part W₀ and a newer part W₁ (both at least `min_window_length` long) is tested:
 * drift when |μ₀ − μ₁| > ε with
 *   ε = sqrt(2·m·σ²_W·δ') + (2/3)·δ'·m,  δ' = ln(2·ln|W| / δ),
 *   m = 1/(n₀ − min_window_length + 1) + 1/(n₁ − min_window_length + 1);
 * on a cut the oldest bucket is dropped and the scan repeats. The scan visits every bucket
 * of every row, oldest first, as MOA's ADWIN and River today do (River PR #1613 for issue #1614;
 * checked against River 0.26.1 in test/golden/river-pypi.json). River's older Cython scan, which
 * spog followed until 2026-12, skipped the newest bucket of each row: the same 1023 on River's
 * docstring stream, but 1055 instead of 1023 on its numpy test stream.
 * After a detection the next update starts over with an empty window.
 *
 * Reference: Bifet, A. & Gavaldà, R. (2007), "Learning from time-changing data with
 * adaptive windowing", SIAM SDM.
 */
export class Adwin implements Detector {
  readonly params: AdwinParams;
  private rows: BucketRow[] = [];
  private total = 0;
  private variance = 0;
  private width = 0;
  private tick = 0;
  private drift = false;

  constructor(params: Partial<AdwinParams> = {}) {
    this.params = {
      delta: params.delta ?? 0.002,
      clock: params.clock ?? 32,
      max_buckets: params.max_buckets ?? 5,
      min_window_length: params.min_window_length ?? 5,
      grace_period: params.grace_period ?? 10,
    };
    const p = this.params;
    if (!(p.delta > 0 && p.delta < 1)) throw new Error(`ADWIN delta must be between 0 and 1 (got ${p.delta})`);
    if (!(p.clock >= 1)) throw new Error(`ADWIN clock must be at least 1 (got ${p.clock})`);
    if (!(p.max_buckets >= 1)) throw new Error(`ADWIN max_buckets must be at least 1 (got ${p.max_buckets})`);
    this.reset();
  }

  get driftDetected(): boolean {
    return this.drift;
  }

  get warningDetected(): boolean {
    return false;
  }

  /** Number of values in the current window. */
  get windowWidth(): number {
    return this.width;
  }

  /** Mean of the current window (River's `estimation`). */
  get estimation(): number {
    return this.width === 0 ? 0 : this.total / this.width;
  }

  private reset(): void {
    this.rows = [new BucketRow(this.params.max_buckets)];
    this.total = 0;
    this.variance = 0;
    this.width = 0;
    this.tick = 0;
    this.drift = false;
  }

  update(x: number): void {
    assertFiniteInput('ADWIN', x);
    if (this.drift) this.reset();
    this.insert(x);
    this.drift = this.detectChange();
  }

  private insert(value: number): void {
    this.rows[0].insert(value, 0);
    this.width += 1;
    let incremental = 0;
    if (this.width > 1) {
      const d = value - this.total / (this.width - 1);
      incremental = ((this.width - 1) * d * d) / this.width;
    }
    this.variance += incremental;
    this.total += value;
    this.compress();
  }

  private compress(): void {
    const max = this.params.max_buckets;
    for (let idx = 0; idx < this.rows.length; idx++) {
      const row = this.rows[idx];
      if (row.count !== max + 1) break;
      if (idx + 1 >= this.rows.length) this.rows.push(new BucketRow(max));
      const next = this.rows[idx + 1];
      const size = 2 ** idx;
      const mu1 = row.totals[0] / size;
      const mu2 = row.totals[1] / size;
      const total12 = row.totals[0] + row.totals[1];
      const temp = (size * size * (mu1 - mu2) * (mu1 - mu2)) / (size + size);
      next.insert(total12, row.variances[0] + row.variances[1] + temp);
      row.compress(2);
      if (next.count <= max) break;
    }
  }

  private deleteOldest(): number {
    const row = this.rows[this.rows.length - 1];
    const n = 2 ** (this.rows.length - 1);
    const u = row.totals[0];
    const mu = u / n;
    const v = row.variances[0];
    this.width -= n;
    this.total -= u;
    const muWindow = this.total / this.width;
    this.variance -= v + (n * this.width * (mu - muWindow) * (mu - muWindow)) / (n + this.width);
    row.compress(1);
    if (row.count === 0) this.rows.pop();
    return n;
  }

  private detectChange(): boolean {
    let change = false;
    this.tick += 1;
    const p = this.params;
    if (this.tick % p.clock !== 0 || !(this.width > p.grace_period)) return false;
    let reduce = true;
    while (reduce) {
      reduce = false;
      let exit = false;
      let n0 = 0;
      let n1 = this.width;
      let u0 = 0;
      let u1 = this.total;
      for (let idx = this.rows.length - 1; idx >= 0 && !exit; idx--) {
        const row = this.rows[idx];
        const size = 2 ** idx;
        // Every bucket of every row is a candidate cut (River 0.22+, after PR #1613, as MOA); the
        // newest bucket of row 0 only ends the scan, since W1 would be empty after it.
        for (let k = 0; k < row.count; k++) {
          n0 += size;
          n1 -= size;
          u0 += row.totals[k];
          u1 -= row.totals[k];
          if (idx === 0 && k === row.count - 1) {
            exit = true;
            break;
          }
          const deltaMean = u0 / n0 - u1 / n1;
          if (n1 >= p.min_window_length && n0 >= p.min_window_length && this.evaluateCut(n0, n1, deltaMean)) {
            reduce = true;
            change = true;
            if (this.width > 0) {
              n0 -= this.deleteOldest();
              exit = true;
              break;
            }
          }
        }
      }
    }
    return change;
  }

  private evaluateCut(n0: number, n1: number, deltaMean: number): boolean {
    const p = this.params;
    const deltaPrime = Math.log((2 * Math.log(this.width)) / p.delta);
    const mRecip = 1 / (n0 - p.min_window_length + 1) + 1 / (n1 - p.min_window_length + 1);
    const epsilon = Math.sqrt(2 * mRecip * (this.variance / this.width) * deltaPrime) + (2 / 3) * deltaPrime * mRecip;
    return Math.abs(deltaMean) > epsilon;
  }
}
