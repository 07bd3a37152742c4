/**
 * Running mean exactly as River's `stats.Mean.update` with unit weights:
 * n += 1; mean += (1 / n)·(x − mean). Kept identical (same operation order) so the
 * detectors' floating-point paths, and hence detection indices, match River's.
 */
export class RunningMean {
  n = 0;
  mean = 0;

  update(x: number): void {
    this.n += 1;
    this.mean += (1 / this.n) * (x - this.mean);
  }
}

/**
 * Running sample variance (ddof = 1) as River's `stats.Var` (Welford): S += (x − m_old)(x − m_new),
 * variance = S / (n − 1) once n > 1, else 0.
 */
export class RunningVariance {
  readonly mean = new RunningMean();
  private s = 0;

  update(x: number): void {
    const old = this.mean.mean;
    this.mean.update(x);
    this.s += (x - old) * (x - this.mean.mean);
  }

  get(): number {
    return this.mean.n > 1 ? this.s / (this.mean.n - 1) : 0;
  }
}
